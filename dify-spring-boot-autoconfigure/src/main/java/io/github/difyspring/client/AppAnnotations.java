package io.github.difyspring.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;

import io.github.difyspring.client.app.Annotation;
import io.github.difyspring.client.app.AnnotationQuery;
import io.github.difyspring.client.app.AnnotationReplyAction;
import io.github.difyspring.client.app.AnnotationReplyJob;
import io.github.difyspring.client.app.AnnotationReplySettings;
import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.Paging;

/**
 * One app's annotations: curated answers Dify gives instead of generating one when a question
 * matches, and the switch that turns that on. Offered by chat, agent and chatflow apps. Get it from
 * {@link DifyAppClient#annotations()}. Non-blocking: every method returns a {@link Mono} or
 * {@link Flux} that does nothing until subscribed.
 */
public final class AppAnnotations {

    /** The page size of {@link #list(AnnotationQuery)} when the query names none: Dify's cap. */
    private static final int LISTING_PAGE_SIZE = 100;

    private static final ParameterizedTypeReference<NumberedPage<Annotation>> ANNOTATION_PAGE = new ParameterizedTypeReference<>() {
    };

    private final DifyTransport transport;

    AppAnnotations(DifyTransport transport) {
        this.transport = transport;
    }

    /**
     * One page of the app's annotations ({@code GET /apps/annotations}).
     * @param query the page, its size and the keyword
     * @return the page
     */
    public Mono<NumberedPage<Annotation>> page(AnnotationQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/apps/annotations")
                .query("page", query.page())
                .query("limit", query.limit())
                .query("keyword", query.keyword()), ANNOTATION_PAGE));
    }

    /**
     * The annotations a query matches, from its page on. Pages are fetched as the items are
     * consumed, so {@code take(n)} reads only the pages it needs.
     * @param query the first page, the page size (100 when it names none) and the keyword;
     * {@link AnnotationQuery#all()} for all
     * @return the annotations
     */
    public Flux<Annotation> list(AnnotationQuery query) {
        Objects.requireNonNull(query, "query");
        AnnotationQuery sized = (query.limit() != null) ? query : query.withLimit(LISTING_PAGE_SIZE);
        return Paging.numberedPages(sized.page(), sized.limit(), (number) -> page(sized.withPage(number)));
    }

    /**
     * Creates an annotation ({@code POST /apps/annotations}).
     * @param question the question
     * @param answer the answer to give to it
     * @return the annotation
     */
    public Mono<Annotation> create(String question, String answer) {
        Map<String, Object> body = body(question, answer);
        return Mono.defer(() -> this.transport.json(DifyCall.post("/apps/annotations").notIdempotent().json(body), Annotation.class));
    }

    /**
     * Changes an annotation's question and answer ({@code PUT /apps/annotations/{annotation_id}}).
     * @param annotationId the annotation
     * @param question the new question
     * @param answer the new answer
     * @return the annotation
     */
    public Mono<Annotation> update(String annotationId, String question, String answer) {
        Objects.requireNonNull(annotationId, "annotationId");
        Map<String, Object> body = body(question, answer);
        return Mono.defer(() -> this.transport.json(DifyCall.put("/apps/annotations/{annotation_id}")
                .pathVariable("annotation_id", annotationId)
                .json(body), Annotation.class));
    }

    private static Map<String, Object> body(String question, String answer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", Objects.requireNonNull(question, "question"));
        body.put("answer", Objects.requireNonNull(answer, "answer"));
        return body;
    }

    /**
     * Deletes an annotation and its hit history ({@code DELETE /apps/annotations/{annotation_id}}).
     * @param annotationId the annotation
     * @return completes when Dify deleted it
     */
    public Mono<Void> delete(String annotationId) {
        Objects.requireNonNull(annotationId, "annotationId");
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.delete("/apps/annotations/{annotation_id}")
                .pathVariable("annotation_id", annotationId)));
    }

    /**
     * Starts turning annotation reply on or off ({@code POST /apps/annotation-reply/{action}}). Dify
     * does it in the background; follow it with {@link #replyStatus(AnnotationReplyAction, String)}.
     * @param action whether to turn it on or off
     * @param settings the embedding model and score threshold, which Dify requires either way
     * @return the job
     */
    public Mono<AnnotationReplyJob> switchReply(AnnotationReplyAction action, AnnotationReplySettings settings) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(settings, "settings");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("embedding_provider_name", settings.embeddingProviderName());
        body.put("embedding_model_name", settings.embeddingModelName());
        body.put("score_threshold", settings.scoreThreshold());
        return Mono.defer(() -> this.transport.json(DifyCall.post("/apps/annotation-reply/{action}")
                .pathVariable("action", action.wireName())
                .json(body), AnnotationReplyJob.class));
    }

    /**
     * The status of a job that turns annotation reply on or off
     * ({@code GET /apps/annotation-reply/{action}/status/{job_id}}).
     * @param action what the job does, as it was started
     * @param jobId the job
     * @return the job with its status
     */
    public Mono<AnnotationReplyJob> replyStatus(AnnotationReplyAction action, String jobId) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(jobId, "jobId");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/apps/annotation-reply/{action}/status/{job_id}")
                .pathVariable("action", action.wireName())
                .pathVariable("job_id", jobId), AnnotationReplyJob.class));
    }

    @Override
    public String toString() {
        return "AppAnnotations[" + this.transport.app() + "]";
    }
}
