package io.github.difyspring.client.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The rerank model that orders retrieved chunks, as the workspace's models name it
 * ({@code knowledge.models().ofType(ModelType.RERANK)}).
 *
 * @param provider the model's provider, such as {@code langgenius/cohere/cohere}; empty or
 * {@code null} when none is set
 * @param model the model, such as {@code rerank-english-v3.0}; empty or {@code null} when none is set
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RerankingModel(@JsonProperty("reranking_provider_name") @Nullable String provider,
        @JsonProperty("reranking_model_name") @Nullable String model) {
}
