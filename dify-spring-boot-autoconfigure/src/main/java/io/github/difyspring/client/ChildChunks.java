package io.github.difyspring.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.Paging;
import io.github.difyspring.client.knowledge.ChildChunk;
import io.github.difyspring.client.knowledge.ChildChunkQuery;

/**
 * The child chunks of one chunk of a hierarchical document: add, list, change and delete them. Get
 * it from {@link DocumentChunks#childChunks(String)}. Non-blocking: every method returns a
 * {@link Mono} or {@link Flux} that does nothing until subscribed. Dify checks here that the chunk
 * belongs to the document, and answers HTTP 404 when it does not.
 */
public final class ChildChunks {

    /** The page size of {@link #list(ChildChunkQuery)} when the query names none: Dify's cap. */
    private static final int LISTING_PAGE_SIZE = 100;

    private static final String CHILD_CHUNKS = "/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks";

    private static final String CHILD_CHUNK = CHILD_CHUNKS + "/{child_chunk_id}";

    private final DifyTransport transport;

    private final String knowledgeBaseId;

    private final String documentId;

    private final String segmentId;

    ChildChunks(DifyTransport transport, String knowledgeBaseId, String documentId, String segmentId) {
        this.transport = transport;
        this.knowledgeBaseId = knowledgeBaseId;
        this.documentId = documentId;
        this.segmentId = segmentId;
    }

    /**
     * Adds a child chunk to the chunk and indexes it ({@code POST .../segments/{segment_id}/child_chunks}).
     * It is of type {@code customized}.
     * @param content its text
     * @return the child chunk
     */
    public Mono<ChildChunk> create(String content) {
        Map<String, Object> body = Map.of("content", Objects.requireNonNull(content, "content"));
        return Mono.defer(() -> this.transport.json(call(DifyCall.post(CHILD_CHUNKS)).notIdempotent().json(body), OneChildChunk.class))
            .map(OneChildChunk::data);
    }

    /**
     * One page of the chunk's child chunks ({@code GET .../segments/{segment_id}/child_chunks}).
     * Dify answers this listing with {@code total_pages} and no {@code has_more}: the page's
     * {@link NumberedPage#hasMore()} is derived from them.
     * @param query the page, its size and a keyword
     * @return the page
     */
    public Mono<NumberedPage<ChildChunk>> page(ChildChunkQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> this.transport.json(call(DifyCall.get(CHILD_CHUNKS))
                .query("page", query.page())
                .query("limit", query.limit())
                .query("keyword", query.keyword()), ChildChunkPage.class))
            .map(ChildChunkPage::toNumberedPage);
    }

    /**
     * The child chunks a query matches, from its page on. Pages are fetched as the child chunks are
     * consumed, so {@code take(n)} reads only the pages it needs.
     * @param query the first page, the page size (100 when it names none) and a keyword;
     * {@link ChildChunkQuery#all()} for all
     * @return the child chunks
     */
    public Flux<ChildChunk> list(ChildChunkQuery query) {
        Objects.requireNonNull(query, "query");
        ChildChunkQuery sized = (query.limit() != null) ? query : query.withLimit(LISTING_PAGE_SIZE);
        return Paging.numberedPages(sized.page(), sized.limit(), (number) -> page(sized.withPage(number)));
    }

    /**
     * Changes a child chunk's text and indexes it again
     * ({@code PATCH .../child_chunks/{child_chunk_id}}).
     * @param childChunkId the child chunk
     * @param content its new text
     * @return the child chunk as changed
     */
    public Mono<ChildChunk> update(String childChunkId, String content) {
        Objects.requireNonNull(childChunkId, "childChunkId");
        Map<String, Object> body = Map.of("content", Objects.requireNonNull(content, "content"));
        return Mono.defer(() -> this.transport.json(call(DifyCall.patch(CHILD_CHUNK)).pathVariable("child_chunk_id", childChunkId)
                .json(body), OneChildChunk.class))
            .map(OneChildChunk::data);
    }

    /**
     * Deletes a child chunk and its index entry ({@code DELETE .../child_chunks/{child_chunk_id}}).
     * @param childChunkId the child chunk
     * @return completes when Dify deleted it
     */
    public Mono<Void> delete(String childChunkId) {
        Objects.requireNonNull(childChunkId, "childChunkId");
        return Mono.defer(() -> this.transport.discardingAnswer(call(DifyCall.delete(CHILD_CHUNK))
                .pathVariable("child_chunk_id", childChunkId)));
    }

    private DifyCall call(DifyCall call) {
        return call.pathVariable("dataset_id", this.knowledgeBaseId)
            .pathVariable("document_id", this.documentId)
            .pathVariable("segment_id", this.segmentId);
    }

    @Override
    public String toString() {
        return "ChildChunks[" + this.transport.app().name() + ", " + this.knowledgeBaseId + ", " + this.documentId + ", "
                + this.segmentId + "]";
    }

    /** The answer of a create or an update: {@code {"data": {...}}}. */
    private record OneChildChunk(ChildChunk data) {
    }

    /**
     * The child chunk listing: {@code {data, total, total_pages, page, limit}}, where {@code limit}
     * is the size Dify used (capped at 100), unlike the other listings, which echo the one asked for.
     */
    private record ChildChunkPage(List<ChildChunk> data, @Nullable Integer total,
            @JsonProperty("total_pages") @Nullable Integer totalPages,
            @Nullable Integer page, @Nullable Integer limit) {

        NumberedPage<ChildChunk> toNumberedPage() {
            Boolean hasMore = (this.page != null && this.totalPages != null) ? this.page < this.totalPages : null;
            return new NumberedPage<>(this.data, hasMore, this.limit, this.total, this.page);
        }
    }
}
