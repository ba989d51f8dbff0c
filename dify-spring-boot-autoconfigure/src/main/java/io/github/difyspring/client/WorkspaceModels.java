package io.github.difyspring.client;

import io.github.difyspring.client.internal.DifyTransport;

/**
 * TODO-KNOWLEDGE: operations to come.
 */
public final class WorkspaceModels {

    private final DifyTransport transport;

    WorkspaceModels(DifyTransport transport) {
        this.transport = transport;
    }

    @Override
    public String toString() {
        return "WorkspaceModels[" + this.transport.app().name() + "]";
    }
}
