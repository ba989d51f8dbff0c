package io.github.difyspring.client;

import io.github.difyspring.client.internal.DifyTransport;

/**
 * TODO-KNOWLEDGE: operations to come.
 */
public final class KnowledgeMetadata {

    private final DifyTransport transport;

    private final String knowledgeBaseId;

    KnowledgeMetadata(DifyTransport transport, String knowledgeBaseId) {
        this.transport = transport;
        this.knowledgeBaseId = knowledgeBaseId;
    }

    @Override
    public String toString() {
        return "KnowledgeMetadata[" + this.transport.app().name() + ", " + this.knowledgeBaseId + "]";
    }
}
