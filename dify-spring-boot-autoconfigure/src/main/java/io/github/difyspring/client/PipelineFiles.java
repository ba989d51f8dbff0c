package io.github.difyspring.client;

import io.github.difyspring.client.internal.DifyTransport;

/**
 * TODO-KNOWLEDGE: operations to come.
 */
public final class PipelineFiles {

    private final DifyTransport transport;

    PipelineFiles(DifyTransport transport) {
        this.transport = transport;
    }

    @Override
    public String toString() {
        return "PipelineFiles[" + this.transport.app().name() + "]";
    }
}
