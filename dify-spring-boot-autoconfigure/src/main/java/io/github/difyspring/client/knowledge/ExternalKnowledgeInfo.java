package io.github.difyspring.client.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Where an external knowledge base (provider {@code external}) retrieves from. Dify always sends
 * the object; its fields are all {@code null} for a knowledge base of its own.
 *
 * @param externalKnowledgeId the knowledge's id in the external system, or {@code null}
 * @param externalKnowledgeApiId the external knowledge API Dify calls, or {@code null}
 * @param externalKnowledgeApiName that API's name, or {@code null}
 * @param externalKnowledgeApiEndpoint that API's endpoint, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExternalKnowledgeInfo(@JsonProperty("external_knowledge_id") @Nullable String externalKnowledgeId,
        @JsonProperty("external_knowledge_api_id") @Nullable String externalKnowledgeApiId,
        @JsonProperty("external_knowledge_api_name") @Nullable String externalKnowledgeApiName,
        @JsonProperty("external_knowledge_api_endpoint") @Nullable String externalKnowledgeApiEndpoint) {

    /** No external knowledge: what Dify's all-{@code null} object reads as. */
    public static final ExternalKnowledgeInfo NONE = new ExternalKnowledgeInfo(null, null, null, null);
}
