package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * A model provider of the workspace with its models of one type
 * ({@code ProviderWithModelsResponse} in Dify's {@code api/services/entities/model_provider_entities.py}).
 * Dify lists only the providers that have an active model of that type left.
 *
 * @param tenantId the workspace's id
 * @param provider the provider's id, such as {@code langgenius/openai/openai}: what a knowledge base
 * names as {@code embedding_model_provider} or {@code reranking_provider_name}
 * @param label the provider's display name
 * @param iconSmall URLs of its small icon, on Dify's console API, or {@code null}
 * @param iconSmallDark URLs of its small icon for dark themes, or {@code null}
 * @param status the provider's status ({@code active})
 * @param models its active models of the type asked for
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelProvider(@JsonProperty("tenant_id") @Nullable String tenantId, String provider, @Nullable LocalizedText label,
        @JsonProperty("icon_small") @Nullable LocalizedText iconSmall, @JsonProperty("icon_small_dark") @Nullable LocalizedText iconSmallDark,
        @Nullable String status, List<ProviderModel> models) {

    /** Checks the provider's id and copies the models, reading {@code null} as none. */
    public ModelProvider {
        Objects.requireNonNull(provider, "provider");
        models = WireValues.list(models);
    }
}
