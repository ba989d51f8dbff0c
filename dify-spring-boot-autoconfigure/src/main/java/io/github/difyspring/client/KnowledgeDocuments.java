package io.github.difyspring.client;

import io.github.difyspring.client.internal.DifyTransport;

/**
 * TODO-KNOWLEDGE: operations to come.
 */
public final class KnowledgeDocuments {

    private final DifyTransport transport;

    private final String knowledgeBaseId;

    KnowledgeDocuments(DifyTransport transport, String knowledgeBaseId) {
        this.transport = transport;
        this.knowledgeBaseId = knowledgeBaseId;
    }

    @Override
    public String toString() {
        return "KnowledgeDocuments[" + this.transport.app().name() + ", " + this.knowledgeBaseId + "]";
    }
}
