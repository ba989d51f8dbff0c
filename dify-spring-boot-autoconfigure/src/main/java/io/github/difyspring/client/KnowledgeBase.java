package io.github.difyspring.client;

import java.util.Objects;

import io.github.difyspring.client.internal.DifyTransport;

/**
 * A handle on one knowledge base of a workspace, bound to its id; get it from
 * {@link DifyKnowledgeClient#base(String)}. Making it sends nothing. Non-blocking: every method
 * returns a {@code Mono} or {@code Flux} that does nothing until subscribed.
 */
public final class KnowledgeBase {

    private final DifyTransport transport;

    private final String id;

    KnowledgeBase(DifyTransport transport, String id) {
        this.transport = transport;
        this.id = id;
    }

    /**
     * The knowledge base's id (Dify's {@code dataset_id}).
     * @return the id
     */
    public String id() {
        return this.id;
    }

    /**
     * The knowledge base's documents: add them from text or files, list them, follow their
     * indexing, change their status and metadata in bulk.
     * @return the documents view
     */
    public KnowledgeDocuments documents() {
        return new KnowledgeDocuments(this.transport, this.id);
    }

    /**
     * A handle on one document of this knowledge base, bound to its id: the document and its
     * chunks. Making it sends nothing.
     * @param documentId the document's id
     * @return the handle
     */
    public KnowledgeDocument document(String documentId) {
        return new KnowledgeDocument(this.transport, this.id, Objects.requireNonNull(documentId, "documentId"));
    }

    /**
     * The knowledge base's metadata fields, its built-in fields and its documents' values.
     * @return the metadata view
     */
    public KnowledgeMetadata metadata() {
        return new KnowledgeMetadata(this.transport, this.id);
    }

    /**
     * The knowledge base's knowledge pipeline: its datasource plugins and its runs.
     * @return the pipeline view
     */
    public KnowledgePipeline pipeline() {
        return new KnowledgePipeline(this.transport, this.id);
    }

    @Override
    public String toString() {
        return "KnowledgeBase[" + this.transport.app().name() + ", " + this.id + "]";
    }
}
