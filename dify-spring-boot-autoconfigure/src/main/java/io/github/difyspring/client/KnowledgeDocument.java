package io.github.difyspring.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.knowledge.DocumentBatch;
import io.github.difyspring.client.knowledge.DocumentDetail;
import io.github.difyspring.client.knowledge.DocumentDetailMode;
import io.github.difyspring.client.knowledge.DocumentSettings;
import io.github.difyspring.client.knowledge.DocumentText;

/**
 * A handle on one document of a knowledge base, bound to its id: the document itself, its content
 * and its chunks. Get it from {@link KnowledgeBase#document(String)}; making it sends nothing.
 * Non-blocking: every method returns a {@link Mono} that does nothing until subscribed.
 *
 * <p>Updating a document's content or rules indexes it again in the background: the answer names
 * the batch to follow with {@link KnowledgeDocuments#awaitIndexing(String, java.time.Duration)}.
 */
public final class KnowledgeDocument {

    /** The fields of a create-by-text body that update-by-text takes too; Dify drops the others. */
    private static final Set<String> TEXT_UPDATE_FIELDS = Set.of("name", "text", "process_rule", "doc_form", "doc_language",
            "retrieval_model");

    private final DifyTransport transport;

    private final String knowledgeBaseId;

    private final String documentId;

    KnowledgeDocument(DifyTransport transport, String knowledgeBaseId, String documentId) {
        this.transport = transport;
        this.knowledgeBaseId = knowledgeBaseId;
        this.documentId = documentId;
    }

    /**
     * The document's id.
     * @return the id
     */
    public String id() {
        return this.documentId;
    }

    /**
     * The document's chunks (Dify's segments) and, through them, their child chunks.
     * @return the chunks view
     */
    public DocumentChunks chunks() {
        return new DocumentChunks(this.transport, this.knowledgeBaseId, this.documentId);
    }

    /**
     * The document in detail with its metadata
     * ({@code GET /datasets/{dataset_id}/documents/{document_id}}).
     * @return the document
     * @see #get(DocumentDetailMode)
     */
    public Mono<DocumentDetail> get() {
        return get(DocumentDetailMode.ALL);
    }

    /**
     * The document in detail ({@code GET /datasets/{dataset_id}/documents/{document_id}}): its
     * source, rules, indexing and counts, its metadata, or both. An unknown document is answered
     * with HTTP 404 ({@link io.github.difyspring.client.error.DifyNotFoundException}).
     * @param mode everything, only the metadata, or everything but the metadata
     * @return the document
     */
    public Mono<DocumentDetail> get(DocumentDetailMode mode) {
        Objects.requireNonNull(mode, "mode");
        return Mono.defer(() -> this.transport.json(call(DifyCall.get("/datasets/{dataset_id}/documents/{document_id}"))
                .query("metadata", mode.value()), DocumentDetail.class));
    }

    /**
     * Deletes the document and its chunks ({@code DELETE /datasets/{dataset_id}/documents/{document_id}}).
     * Dify refuses an archived document with HTTP 403 {@code archived_document_immutable}, and an
     * unknown one with 404.
     * @return completes when Dify deleted it
     */
    public Mono<Void> delete() {
        return Mono.defer(() -> this.transport.discardingAnswer(call(DifyCall.delete("/datasets/{dataset_id}/documents/{document_id}"))));
    }

    /**
     * Replaces the document's name and text and indexes it again
     * ({@code POST /datasets/{dataset_id}/documents/{document_id}/update-by-text}). Of the settings,
     * the process rule, form, language and retrieval model are sent; the form must be the knowledge
     * base's (Dify's default is {@code text_model}). Without a process rule in the settings
     * ({@link DocumentSettings#inherited()}), Dify uses the knowledge base's latest. Dify refuses
     * with HTTP 400 a document that is not {@code available} (still indexing, disabled, archived).
     * @param document the new name, text and settings
     * @return the document and its indexing batch
     */
    public Mono<DocumentBatch> updateByText(DocumentText document) {
        Objects.requireNonNull(document, "document");
        Map<String, Object> body = new LinkedHashMap<>(KnowledgeDocuments.textBody(document));
        body.keySet().retainAll(TEXT_UPDATE_FIELDS);
        return Mono.defer(() -> this.transport.json(call(DifyCall.post("/datasets/{dataset_id}/documents/{document_id}/update-by-text"))
                .notIdempotent()
                .json(body), DocumentBatch.class));
    }

    /**
     * Replaces the document's file and indexes it again
     * ({@code PATCH /datasets/{dataset_id}/documents/{document_id}}, multipart). The file is
     * streamed, never read whole into memory; the settings go as the JSON of the {@code data} part,
     * and Dify keeps the knowledge base's indexing technique whatever they say; without a process
     * rule in them ({@link DocumentSettings#inherited()}) it uses the knowledge base's latest.
     * Dify also offers this as the deprecated {@code POST .../update-by-file}, the same operation:
     * this method uses the canonical form. A file too large is refused with HTTP 413, one of a type Dify does not
     * take with 415, and a document that is not {@code available} with 400.
     * @param file the new file
     * @param settings how Dify indexes it
     * @return the document and its indexing batch
     */
    public Mono<DocumentBatch> updateByFile(FileUpload file, DocumentSettings settings) {
        Objects.requireNonNull(file, "file");
        return update(file, settings);
    }

    /**
     * Processes the document again with other settings, keeping its content
     * ({@code PATCH /datasets/{dataset_id}/documents/{document_id}} without a file). The settings
     * must carry a process rule: Dify answers HTTP 400 "Data source or Process rule is required"
     * otherwise.
     * @param settings the new settings, with a process rule
     * @return the document and its indexing batch
     */
    public Mono<DocumentBatch> reprocess(DocumentSettings settings) {
        return update(null, settings);
    }

    private Mono<DocumentBatch> update(@Nullable FileUpload file, DocumentSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return Mono.defer(() -> this.transport.json(call(DifyCall.patch("/datasets/{dataset_id}/documents/{document_id}"))
                .notIdempotent()
                .multipart(KnowledgeDocuments.multipart(file, settings))
                .repeatable(file == null || file.isRepeatable()), DocumentBatch.class))
            .onErrorMap(AppFiles::readFailureOrSelf);
    }

    /**
     * A link to download the document's uploaded file
     * ({@code GET /datasets/{dataset_id}/documents/{document_id}/download}). Dify answers with a
     * signed URL of its file service, valid for a limited time, not with the content. A document
     * not made from an uploaded file is answered with HTTP 404.
     * @return the signed URL
     */
    public Mono<URI> download() {
        return Mono.defer(() -> this.transport.json(call(DifyCall.get("/datasets/{dataset_id}/documents/{document_id}/download")),
                DownloadLink.class))
            .map((link) -> URI.create(link.url()));
    }

    private DifyCall call(DifyCall call) {
        return call.pathVariable("dataset_id", this.knowledgeBaseId).pathVariable("document_id", this.documentId);
    }

    @Override
    public String toString() {
        return "KnowledgeDocument[" + this.transport.app().name() + ", " + this.knowledgeBaseId + ", " + this.documentId + "]";
    }

    /** The answer of a download: {@code {"url": "..."}}. */
    private record DownloadLink(String url) {
    }
}
