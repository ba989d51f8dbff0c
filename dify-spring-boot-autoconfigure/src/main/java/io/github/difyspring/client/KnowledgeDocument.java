package io.github.difyspring.client;

import io.github.difyspring.client.internal.DifyTransport;

/**
 * TODO-KNOWLEDGE: operations to come.
 */
public final class KnowledgeDocument {

    private final DifyTransport transport;

    private final String knowledgeBaseId;

    private final String documentId;

    KnowledgeDocument(DifyTransport transport, String knowledgeBaseId, String documentId) {
        this.transport = transport;
        this.knowledgeBaseId = knowledgeBaseId;
        this.documentId = documentId;
    }

    @Override
    public String toString() {
        return "KnowledgeDocument[" + this.transport.app().name() + ", " + this.knowledgeBaseId + ", " + this.documentId + "]";
    }
}
