package io.github.difyspring.client;

import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;

import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.Paging;
import io.github.difyspring.client.knowledge.KnowledgeBaseCreate;
import io.github.difyspring.client.knowledge.KnowledgeBaseInfo;
import io.github.difyspring.client.knowledge.KnowledgeBaseQuery;

/**
 * The workspace's knowledge bases: list them and create one. Get it from
 * {@link DifyKnowledgeClient#bases()}; to work on one knowledge base, take its handle with
 * {@link DifyKnowledgeClient#base(String)}. Non-blocking: every method returns a {@link Mono} or
 * {@link Flux} that does nothing until subscribed.
 */
public final class KnowledgeBases {

    /** The page size of {@link #list(KnowledgeBaseQuery)} when the query names none: Dify's cap. */
    private static final int LISTING_PAGE_SIZE = 100;

    private static final ParameterizedTypeReference<NumberedPage<KnowledgeBaseInfo>> PAGE = new ParameterizedTypeReference<>() {
    };

    private final DifyTransport transport;

    KnowledgeBases(DifyTransport transport) {
        this.transport = transport;
    }

    /**
     * Creates an empty knowledge base ({@code POST /datasets}). Documents are added to it
     * afterwards, through its handle. Never sent twice: a retry after Dify may have received the
     * request could create a second knowledge base (or fail on the name now taken).
     * @param request the name and the settings that differ from Dify's defaults
     * @return the new knowledge base; its {@code embeddingAvailable} is {@code null}, as Dify does
     * not check it here. A name already in use fails with a
     * {@link io.github.difyspring.client.error.DifyApiException} of status 409 and code
     * {@code dataset_name_duplicate},
     * an embedding or rerank model that cannot be used with
     * {@link io.github.difyspring.client.error.DifyBadRequestException} ({@code invalid_param})
     */
    public Mono<KnowledgeBaseInfo> create(KnowledgeBaseCreate request) {
        Objects.requireNonNull(request, "request");
        return Mono.defer(() -> this.transport.json(DifyCall.post("/datasets").notIdempotent().json(request.toWire()),
                KnowledgeBaseInfo.class));
    }

    /**
     * One page of the workspace's knowledge bases ({@code GET /datasets}), newest first.
     * @param query the page, its size, and the name keyword, tags and scope to filter by
     * @return the page; its {@code total} counts all the knowledge bases the query matches
     */
    public Mono<NumberedPage<KnowledgeBaseInfo>> page(KnowledgeBaseQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> {
            DifyCall call = DifyCall.get("/datasets")
                .query("page", query.page())
                .query("limit", query.limit())
                .query("keyword", query.keyword())
                .query("include_all", query.includeAll() ? Boolean.TRUE : null);
            // Dify reads tag_ids as a repeated parameter (request.args.getlist).
            query.tagIds().forEach((tagId) -> call.query("tag_ids", tagId));
            return this.transport.json(call, PAGE);
        });
    }

    /**
     * The knowledge bases a query matches, from its page on. Pages are fetched as the items are
     * consumed, so {@code take(n)} reads only the pages it needs.
     * @param query the first page, the page size (100 when it names none) and the filters;
     * {@link KnowledgeBaseQuery#all()} for all
     * @return the knowledge bases
     */
    public Flux<KnowledgeBaseInfo> list(KnowledgeBaseQuery query) {
        Objects.requireNonNull(query, "query");
        KnowledgeBaseQuery sized = (query.limit() != null) ? query : query.withLimit(LISTING_PAGE_SIZE);
        return Paging.numberedPages(sized.page(), sized.limit(), (number) -> page(sized.withPage(number)));
    }

    @Override
    public String toString() {
        return "KnowledgeBases[" + this.transport.app().name() + "]";
    }
}
