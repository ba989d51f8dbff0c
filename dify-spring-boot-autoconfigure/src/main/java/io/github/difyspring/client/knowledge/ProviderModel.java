package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * One model of a provider ({@code ProviderModelWithStatusEntity} in Dify).
 *
 * @param model the model's name, such as {@code text-embedding-3-small}: what a knowledge base
 * names as {@code embedding_model} or {@code reranking_model_name}
 * @param label its display name, or {@code null}
 * @param modelType its type
 * @param features what it supports beyond text, such as {@code vision} or {@code tool-call}; empty
 * when Dify sends none
 * @param fetchFrom {@code predefined-model} or {@code customizable-model}, or {@code null}
 * @param modelProperties its properties, such as {@code context_size} and {@code max_chunks}
 * @param deprecated whether it is deprecated (Dify leaves deprecated models out of this listing)
 * @param status whether it can be used: {@code active}, {@code no-configure},
 * {@code quota-exceeded}, {@code no-permission}, {@code disabled} or {@code credential-removed}
 * (this listing holds only active ones)
 * @param loadBalancingEnabled whether its calls are balanced over several credentials
 * @param hasInvalidLoadBalancingConfigs whether some of those credentials are invalid
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderModel(String model, @Nullable LocalizedText label, @JsonProperty("model_type") @Nullable ModelType modelType,
        List<String> features, @JsonProperty("fetch_from") @Nullable String fetchFrom,
        @JsonProperty("model_properties") Map<String, @Nullable Object> modelProperties, boolean deprecated, @Nullable String status,
        @JsonProperty("load_balancing_enabled") boolean loadBalancingEnabled,
        @JsonProperty("has_invalid_load_balancing_configs") boolean hasInvalidLoadBalancingConfigs) {

    /** Checks the model's name and copies the features and properties, reading {@code null} as none. */
    public ProviderModel {
        Objects.requireNonNull(model, "model");
        features = WireValues.list(features);
        modelProperties = WireValues.object(modelProperties);
    }
}
