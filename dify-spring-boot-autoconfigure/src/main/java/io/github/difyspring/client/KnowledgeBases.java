package io.github.difyspring.client;

import io.github.difyspring.client.internal.DifyTransport;

/**
 * TODO-KNOWLEDGE: operations to come.
 */
public final class KnowledgeBases {

    private final DifyTransport transport;

    KnowledgeBases(DifyTransport transport) {
        this.transport = transport;
    }

    @Override
    public String toString() {
        return "KnowledgeBases[" + this.transport.app().name() + "]";
    }
}
