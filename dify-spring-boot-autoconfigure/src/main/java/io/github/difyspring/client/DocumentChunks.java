package io.github.difyspring.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;

import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.Paging;
import io.github.difyspring.client.knowledge.ChunkQuery;
import io.github.difyspring.client.knowledge.ChunkStatus;
import io.github.difyspring.client.knowledge.ChunkUpdate;
import io.github.difyspring.client.knowledge.DocumentChunk;
import io.github.difyspring.client.knowledge.NewChunk;

/**
 * The chunks of one document (Dify's segments): add them by hand, list, read, change and delete
 * them, and reach a chunk's child chunks. Get it from {@link KnowledgeDocument#chunks()}.
 * Non-blocking: every method returns a {@link Mono} or {@link Flux} that does nothing until
 * subscribed.
 *
 * <p>Dify looks a chunk up by its id within the workspace, not within the document: the document
 * in the path must exist, but a chunk of another document of the workspace is found too.
 */
public final class DocumentChunks {

    /** The page size of {@link #list(ChunkQuery)} when the query names none: Dify's cap. */
    private static final int LISTING_PAGE_SIZE = 100;

    private static final String SEGMENTS = "/datasets/{dataset_id}/documents/{document_id}/segments";

    private static final String SEGMENT = SEGMENTS + "/{segment_id}";

    private static final ParameterizedTypeReference<NumberedPage<DocumentChunk>> CHUNK_PAGE = new ParameterizedTypeReference<>() {
    };

    private final DifyTransport transport;

    private final String knowledgeBaseId;

    private final String documentId;

    DocumentChunks(DifyTransport transport, String knowledgeBaseId, String documentId) {
        this.transport = transport;
        this.knowledgeBaseId = knowledgeBaseId;
        this.documentId = documentId;
    }

    /**
     * Adds chunks to the document and indexes them ({@code POST .../documents/{document_id}/segments}).
     * The document must be indexed and enabled: Dify answers HTTP 404
     * ({@link io.github.difyspring.client.error.DifyNotFoundException}) "Document is not completed."
     * or "Document is disabled." otherwise. A body Dify's validation refuses is answered with HTTP
     * 400 and, unlike its other errors, the body {@code {"error": "<validation text>"}}: the
     * {@link io.github.difyspring.client.error.DifyBadRequestException} then has no code and keeps
     * that text in its {@link io.github.difyspring.client.error.DifyApiException#getResponseBody()
     * response body}. A question-and-answer document needs an answer for every chunk.
     * @param chunks the chunks, at least one
     * @return the chunks as created
     * @throws IllegalArgumentException when there are no chunks
     */
    public Mono<List<DocumentChunk>> create(List<NewChunk> chunks) {
        List<NewChunk> copy = List.copyOf(chunks);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("Dify adds at least one chunk at a time");
        }
        Map<String, Object> body = Map.of("segments", copy.stream().map(NewChunk::toWire).toList());
        return Mono.defer(() -> this.transport.json(call(DifyCall.post(SEGMENTS)).notIdempotent().json(body), ChunkList.class))
            .map(ChunkList::data);
    }

    /**
     * One page of the document's chunks, in order ({@code GET .../documents/{document_id}/segments}).
     * @param query the page, its size, the statuses and a keyword
     * @return the page
     */
    public Mono<NumberedPage<DocumentChunk>> page(ChunkQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> {
            DifyCall call = call(DifyCall.get(SEGMENTS)).query("page", query.page()).query("limit", query.limit());
            for (ChunkStatus status : query.statuses()) {
                call.query("status", status.value());
            }
            return this.transport.json(call.query("keyword", query.keyword()), CHUNK_PAGE);
        });
    }

    /**
     * The chunks a query matches, from its page on. Pages are fetched as the chunks are consumed,
     * so {@code take(n)} reads only the pages it needs.
     * @param query the first page, the page size (100 when it names none), the statuses and a
     * keyword; {@link ChunkQuery#all()} for all
     * @return the chunks
     */
    public Flux<DocumentChunk> list(ChunkQuery query) {
        Objects.requireNonNull(query, "query");
        ChunkQuery sized = (query.limit() != null) ? query : query.withLimit(LISTING_PAGE_SIZE);
        return Paging.numberedPages(sized.page(), sized.limit(), (number) -> page(sized.withPage(number)));
    }

    /**
     * One chunk ({@code GET .../segments/{segment_id}}). An unknown chunk is answered with HTTP 404.
     * @param segmentId the chunk
     * @return the chunk
     */
    public Mono<DocumentChunk> get(String segmentId) {
        Objects.requireNonNull(segmentId, "segmentId");
        return Mono.defer(() -> this.transport.json(call(DifyCall.get(SEGMENT)).pathVariable("segment_id", segmentId), OneChunk.class))
            .map(OneChunk::data);
    }

    /**
     * Changes a chunk ({@code POST .../segments/{segment_id}}, body {@code {"segment": {...}}}):
     * only what the update sets changes, and Dify indexes the chunk again. Sending the same update
     * twice leaves the chunk as once, so it is retried like a read. Dify refuses with HTTP 400 a
     * chunk being indexed, and a change to a disabled chunk that does not enable it.
     * @param segmentId the chunk
     * @param update what changes
     * @return the chunk as changed
     */
    public Mono<DocumentChunk> update(String segmentId, ChunkUpdate update) {
        Objects.requireNonNull(segmentId, "segmentId");
        Map<String, Object> body = Map.of("segment", update.toWire());
        return Mono.defer(() -> this.transport.json(call(DifyCall.post(SEGMENT)).pathVariable("segment_id", segmentId).json(body),
                OneChunk.class))
            .map(OneChunk::data);
    }

    /**
     * Deletes a chunk and its index entries ({@code DELETE .../segments/{segment_id}}).
     * @param segmentId the chunk
     * @return completes when Dify deleted it
     */
    public Mono<Void> delete(String segmentId) {
        Objects.requireNonNull(segmentId, "segmentId");
        return Mono.defer(() -> this.transport.discardingAnswer(call(DifyCall.delete(SEGMENT)).pathVariable("segment_id", segmentId)));
    }

    /**
     * The child chunks of one chunk of a hierarchical document. Making the view sends nothing.
     * @param segmentId the parent chunk
     * @return the child chunks view
     */
    public ChildChunks childChunks(String segmentId) {
        return new ChildChunks(this.transport, this.knowledgeBaseId, this.documentId, Objects.requireNonNull(segmentId, "segmentId"));
    }

    private DifyCall call(DifyCall call) {
        return call.pathVariable("dataset_id", this.knowledgeBaseId).pathVariable("document_id", this.documentId);
    }

    @Override
    public String toString() {
        return "DocumentChunks[" + this.transport.app().name() + ", " + this.knowledgeBaseId + ", " + this.documentId + "]";
    }

    /** The answer of a create: {@code {"data": [...], "doc_form"}}. */
    private record ChunkList(List<DocumentChunk> data) {

        ChunkList {
            data = (data != null) ? List.copyOf(data) : List.of();
        }
    }

    /** The answer of a read or an update: {@code {"data": {...}, "doc_form"}}. */
    private record OneChunk(DocumentChunk data) {
    }
}
