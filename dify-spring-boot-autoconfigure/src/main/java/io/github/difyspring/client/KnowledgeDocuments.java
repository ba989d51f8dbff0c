package io.github.difyspring.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.client.MultipartBodyBuilder;

import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.error.DifyIndexingException;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyJson;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.Paging;
import io.github.difyspring.client.knowledge.DocumentAction;
import io.github.difyspring.client.knowledge.DocumentBatch;
import io.github.difyspring.client.knowledge.DocumentInfo;
import io.github.difyspring.client.knowledge.DocumentQuery;
import io.github.difyspring.client.knowledge.DocumentSettings;
import io.github.difyspring.client.knowledge.DocumentText;
import io.github.difyspring.client.knowledge.IndexingStatus;

/**
 * The documents of one knowledge base: add them from text or files, list them, follow their
 * indexing, download them and change their status in bulk. Get it from
 * {@link KnowledgeBase#documents()}; one document is reached with {@link KnowledgeBase#document(String)}.
 * Non-blocking: every method returns a {@link Mono} or {@link Flux} that does nothing until subscribed.
 *
 * <p>Adding a document starts its indexing, which Dify runs in the background: the answer names the
 * batch to follow with {@link #indexingStatus(String)} or {@link #awaitIndexing(String, Duration)}.
 * Requests that add documents are never sent twice once Dify may have received them, since that
 * would add the document twice.
 */
public final class KnowledgeDocuments {

    /** The page size of {@link #list(DocumentQuery)} when the query names none: Dify's cap. */
    private static final int LISTING_PAGE_SIZE = 100;

    private static final String INDEXING_STATUS = "/datasets/{dataset_id}/documents/{batch}/indexing-status";

    private static final ParameterizedTypeReference<NumberedPage<DocumentInfo>> DOCUMENT_PAGE = new ParameterizedTypeReference<>() {
    };

    private final DifyTransport transport;

    private final String knowledgeBaseId;

    KnowledgeDocuments(DifyTransport transport, String knowledgeBaseId) {
        this.transport = transport;
        this.knowledgeBaseId = knowledgeBaseId;
    }

    /**
     * Adds a document from text ({@code POST /datasets/{dataset_id}/document/create-by-text}) and
     * starts its indexing. Dify's text route, unlike its file route, does not take the knowledge
     * base's indexing technique when the request names none: it refuses the request (Dify 1.14.2,
     * {@code _create_document_by_text} validates {@code KnowledgeConfig}, whose
     * {@code indexing_technique} is required). So when the settings name none, this first reads the
     * knowledge base ({@code GET /datasets/{dataset_id}}) and sends its technique; the first document
     * of a knowledge base without one must name one. A question-and-answer or hierarchical knowledge
     * base needs its {@link DocumentSettings#withDocForm(io.github.difyspring.client.knowledge.DocForm) form}.
     * Dify refuses wrong settings with HTTP 400
     * ({@link io.github.difyspring.client.error.DifyBadRequestException}).
     * @param document the name, text and settings
     * @return the document and its indexing batch
     */
    public Mono<DocumentBatch> createByText(DocumentText document) {
        Objects.requireNonNull(document, "document");
        Mono<DocumentText> complete = (document.settings().indexingTechnique() != null) ? Mono.just(document)
                : new KnowledgeBase(this.transport, this.knowledgeBaseId).get()
                    .map((base) -> (base.indexingTechnique() != null)
                            ? document.withSettings(document.settings().withIndexingTechnique(base.indexingTechnique())) : document);
        return complete.flatMap((text) -> this.transport.json(DifyCall.post("/datasets/{dataset_id}/document/create-by-text")
                .pathVariable("dataset_id", this.knowledgeBaseId)
                .notIdempotent()
                .json(textBody(text)), DocumentBatch.class));
    }

    static Map<String, Object> textBody(DocumentText document) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", document.name());
        body.put("text", document.text());
        body.putAll(document.settings().toWire());
        return body;
    }

    /**
     * Adds a document from a file ({@code POST /datasets/{dataset_id}/document/create-by-file}) and
     * starts its indexing. The file is streamed, never read whole into memory; the settings go as
     * the JSON of the {@code data} part. Dify takes text, Markdown, PDF, HTML, Office and CSV
     * files, up to 15 MB by default; a file too large or of a type it does not take is refused
     * with HTTP 400 {@code invalid_param} and an empty message here, not with 413 or 415 as the API
     * spec says (Dify 1.14.2). A knowledge base without a process rule yet needs one, which
     * {@link DocumentSettings#defaults()} sends. Should the file fail to be read, the call fails
     * with a {@link io.github.difyspring.client.file.FileReadException}.
     * @param file the file
     * @param settings how Dify indexes it
     * @return the document and its indexing batch
     */
    public Mono<DocumentBatch> createByFile(FileUpload file, DocumentSettings settings) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(settings, "settings");
        return Mono.defer(() -> this.transport.json(DifyCall.post("/datasets/{dataset_id}/document/create-by-file")
                .pathVariable("dataset_id", this.knowledgeBaseId)
                .notIdempotent()
                .multipart(multipart(file, settings))
                .repeatable(file.isRepeatable()), DocumentBatch.class))
            .onErrorMap(AppFiles::readFailureOrSelf);
    }

    /**
     * The multipart body of a document upload: the settings as a JSON string part, then the
     * streamed file (or the settings alone, to process a document again without a new file).
     */
    static MultipartBodyBuilder multipart(@Nullable FileUpload file, DocumentSettings settings) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        // The small part first, so a server reading the parts in order has it before the content.
        body.part("data", DifyJson.write(settings.toWire()));
        if (file != null) {
            AppFiles.filePart(body, file);
        }
        return body;
    }

    /**
     * One page of the knowledge base's documents ({@code GET /datasets/{dataset_id}/documents}),
     * newest first.
     * @param query the page, its size, a keyword in the name and a status
     * @return the page
     */
    public Mono<NumberedPage<DocumentInfo>> page(DocumentQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/datasets/{dataset_id}/documents")
                .pathVariable("dataset_id", this.knowledgeBaseId)
                .query("page", query.page())
                .query("limit", query.limit())
                .query("keyword", query.keyword())
                .query("status", (query.status() != null) ? query.status().value() : null), DOCUMENT_PAGE));
    }

    /**
     * The documents a query matches, from its page on. Pages are fetched as the documents are
     * consumed, so {@code take(n)} reads only the pages it needs.
     * @param query the first page, the page size (100 when it names none), a keyword and a status;
     * {@link DocumentQuery#all()} for all
     * @return the documents
     */
    public Flux<DocumentInfo> list(DocumentQuery query) {
        Objects.requireNonNull(query, "query");
        DocumentQuery sized = (query.limit() != null) ? query : query.withLimit(LISTING_PAGE_SIZE);
        return Paging.numberedPages(sized.page(), sized.limit(), (number) -> page(sized.withPage(number)));
    }

    /**
     * How far the indexing of a batch's documents is
     * ({@code GET /datasets/{dataset_id}/documents/{batch}/indexing-status}). An unknown batch is
     * answered with HTTP 404 ({@link io.github.difyspring.client.error.DifyNotFoundException}).
     * @param batch the batch a create or update answered with
     * @return one status per document of the batch
     */
    public Mono<List<IndexingStatus>> indexingStatus(String batch) {
        Objects.requireNonNull(batch, "batch");
        return Mono.defer(() -> this.transport.json(DifyCall.get(INDEXING_STATUS)
                .pathVariable("dataset_id", this.knowledgeBaseId)
                .pathVariable("batch", batch), IndexingStatuses.class))
            .map(IndexingStatuses::data);
    }

    /**
     * Follows the indexing of a batch: polls its status, waiting half a second before the second
     * poll and twice as long before each next one, up to five seconds, and emits every status read.
     * Completes after emitting the status in which every document is
     * {@link io.github.difyspring.client.knowledge.IndexingState#COMPLETED completed}; fails with a
     * {@link DifyIndexingException} after emitting the status in which a document is in
     * {@link io.github.difyspring.client.knowledge.IndexingState#ERROR error}. A document
     * {@link io.github.difyspring.client.knowledge.IndexingState#PAUSED paused} in the console is
     * waited for, as it may be resumed there; bound the wait with {@code timeout} or use
     * {@link #awaitIndexing(String, Duration)}. Cancelling the subscription stops the polling.
     * @param batch the batch a create or update answered with
     * @return the statuses, one list per poll
     */
    public Flux<List<IndexingStatus>> watchIndexing(String batch) {
        Objects.requireNonNull(batch, "batch");
        return watch().watch(batch, indexingStatus(batch));
    }

    /**
     * Waits until every document of a batch is indexed, polling its status as
     * {@link #watchIndexing(String)} does. Fails with a {@link DifyIndexingException} naming the
     * document and Dify's error as soon as one is in error, and with a
     * {@link io.github.difyspring.client.error.DifyIndexingTimeoutException} listing the unfinished
     * documents when the timeout passes first (a document paused in the console stays unfinished
     * until resumed there). Cancelling the subscription, or the timeout, stops the polling; Dify
     * goes on indexing either way.
     * @param batch the batch a create or update answered with
     * @param timeout how long to wait at most
     * @return the final statuses, every document completed
     */
    public Mono<List<IndexingStatus>> awaitIndexing(String batch, Duration timeout) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(timeout, "timeout");
        return watch().await(batch, timeout, watchIndexing(batch));
    }

    private IndexingWatch watch() {
        return IndexingWatch.of(this.transport.app().name(), "GET " + INDEXING_STATUS);
    }

    /**
     * Downloads the uploaded files of some documents as one ZIP archive
     * ({@code POST /datasets/{dataset_id}/documents/download-zip}), streamed as it arrives, never
     * held whole; each buffer must be released by the subscriber (as
     * {@link org.springframework.core.io.buffer.DataBufferUtils#write} does). The entries are the
     * original file names. Only documents made from an uploaded file can be downloaded: Dify
     * answers HTTP 404 otherwise, and when a document does not exist.
     * @param documentIds the documents, 1 to 100
     * @return the archive's content, buffer by buffer
     * @throws IllegalArgumentException when there are no ids or more than 100
     */
    public Flux<DataBuffer> downloadZip(List<String> documentIds) {
        List<String> ids = List.copyOf(documentIds);
        if (ids.isEmpty() || ids.size() > 100) {
            throw new IllegalArgumentException("Dify zips 1 to 100 documents at a time; got " + ids.size());
        }
        Map<String, Object> body = Map.of("document_ids", ids);
        return Flux.defer(() -> this.transport.bytes(DifyCall.post("/datasets/{dataset_id}/documents/download-zip")
                .pathVariable("dataset_id", this.knowledgeBaseId)
                .json(body)));
    }

    /**
     * Enables, disables, archives or un-archives documents
     * ({@code PATCH /datasets/{dataset_id}/documents/status/{action}}). Ids Dify does not know are
     * skipped; an empty list changes nothing. Dify refuses with HTTP 400 {@code invalid_action} a
     * document being indexed, and disabling one whose indexing is not completed.
     * @param action what to do
     * @param documentIds the documents
     * @return completes when Dify has changed them
     */
    public Mono<Void> updateStatus(DocumentAction action, List<String> documentIds) {
        Objects.requireNonNull(action, "action");
        Map<String, Object> body = Map.of("document_ids", List.copyOf(documentIds));
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.patch("/datasets/{dataset_id}/documents/status/{action}")
                .pathVariable("dataset_id", this.knowledgeBaseId)
                .pathVariable("action", action.value())
                .json(body)));
    }

    @Override
    public String toString() {
        return "KnowledgeDocuments[" + this.transport.app().name() + ", " + this.knowledgeBaseId + "]";
    }

    /** The answer of the indexing status: {@code {"data": [...]}}. */
    private record IndexingStatuses(List<IndexingStatus> data) {

        IndexingStatuses {
            data = (data != null) ? List.copyOf(data) : List.of();
        }
    }
}
