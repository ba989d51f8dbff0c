package io.github.difyspring.client;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import reactor.core.publisher.Mono;

import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.WireValues;
import io.github.difyspring.client.knowledge.ModelProvider;
import io.github.difyspring.client.knowledge.ModelType;

/**
 * The models the workspace has set up, such as the embedding and rerank models a knowledge base
 * may use: the names to give {@link io.github.difyspring.client.knowledge.KnowledgeBaseCreate#withEmbeddingModel(String, String)}
 * and {@link io.github.difyspring.client.knowledge.RerankingModel}. Get it from
 * {@link DifyKnowledgeClient#models()}. Non-blocking: every method returns a {@link Mono} that does
 * nothing until subscribed.
 */
public final class WorkspaceModels {

    private final DifyTransport transport;

    WorkspaceModels(DifyTransport transport) {
        this.transport = transport;
    }

    /**
     * The workspace's usable models of one type, by provider
     * ({@code GET /workspaces/current/models/model-types/{model_type}}). Dify lists only active,
     * non-deprecated models, and leaves out a provider that has none of them.
     * @param type the model type; one Dify does not know fails with
     * {@link io.github.difyspring.client.error.DifyBadRequestException} ("'x' is not a valid ModelType")
     * @return the providers with their models of that type
     */
    public Mono<List<ModelProvider>> ofType(ModelType type) {
        Objects.requireNonNull(type, "type");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/workspaces/current/models/model-types/{model_type}")
                .pathVariable("model_type", type.value()), Providers.class))
            .map(Providers::data);
    }

    /** Dify's answer: {@code {data: [provider...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Providers(List<ModelProvider> data) {

        Providers {
            data = WireValues.list(data);
        }
    }

    @Override
    public String toString() {
        return "WorkspaceModels[" + this.transport.app().name() + "]";
    }
}
