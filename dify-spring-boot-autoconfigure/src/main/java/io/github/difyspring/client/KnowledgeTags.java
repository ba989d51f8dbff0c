package io.github.difyspring.client;

import io.github.difyspring.client.internal.DifyTransport;

/**
 * TODO-KNOWLEDGE: operations to come.
 */
public final class KnowledgeTags {

    private final DifyTransport transport;

    KnowledgeTags(DifyTransport transport) {
        this.transport = transport;
    }

    @Override
    public String toString() {
        return "KnowledgeTags[" + this.transport.app().name() + "]";
    }
}
