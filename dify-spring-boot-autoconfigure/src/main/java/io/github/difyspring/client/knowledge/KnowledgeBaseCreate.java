package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A knowledge base to create ({@code POST /datasets}). Immutable; start from {@link #of(String)}
 * (or {@link #external(String, String, String)}) and set what differs from Dify's defaults with the
 * {@code with...} methods. Only what is set is sent, so Dify's defaults apply to the rest.
 *
 * @param name the name, 1 to 40 characters, unique in the workspace (a duplicate answers HTTP 409
 * {@code dataset_name_duplicate})
 * @param description the description, at most 400 characters, or {@code null} for none
 * @param indexingTechnique how it indexes, or {@code null} to decide with its first document
 * @param permission who may use it, or {@code null} for Dify's default ({@code only_me})
 * @param provider {@code vendor} or {@code external}, or {@code null} for Dify's default
 * ({@code vendor})
 * @param externalKnowledgeApiId the external knowledge API of an external knowledge base, or {@code null}
 * @param externalKnowledgeId the knowledge's id in that external system, or {@code null}
 * @param retrievalModel how it retrieves, or {@code null} for Dify's default
 * @param embeddingModel the embedding model of a high-quality knowledge base, or {@code null} for the
 * workspace's default
 * @param embeddingModelProvider that model's provider; sent only with the model
 * @param summaryIndexSetting the summary index setting, or {@code null} for none
 */
public record KnowledgeBaseCreate(String name, @Nullable String description, @Nullable IndexingTechnique indexingTechnique,
        @Nullable KnowledgePermission permission, @Nullable String provider, @Nullable String externalKnowledgeApiId,
        @Nullable String externalKnowledgeId, @Nullable RetrievalModel retrievalModel, @Nullable String embeddingModel,
        @Nullable String embeddingModelProvider, @Nullable SummaryIndexSetting summaryIndexSetting) {

    /**
     * Checks the name.
     * @throws IllegalArgumentException when the name is blank
     */
    public KnowledgeBaseCreate {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A knowledge base needs a name");
        }
    }

    /**
     * An empty knowledge base of Dify's own, with Dify's defaults.
     * @param name the name, 1 to 40 characters
     * @return the request
     */
    public static KnowledgeBaseCreate of(String name) {
        return new KnowledgeBaseCreate(name, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * A knowledge base that retrieves from an external knowledge API set up in the workspace.
     * @param name the name, 1 to 40 characters
     * @param externalKnowledgeApiId the external knowledge API
     * @param externalKnowledgeId the knowledge's id in the external system
     * @return the request
     */
    public static KnowledgeBaseCreate external(String name, String externalKnowledgeApiId, String externalKnowledgeId) {
        return new KnowledgeBaseCreate(name, null, null, null, "external", Objects.requireNonNull(externalKnowledgeApiId,
                "externalKnowledgeApiId"), Objects.requireNonNull(externalKnowledgeId, "externalKnowledgeId"), null, null, null, null);
    }

    /**
     * This request with a description.
     * @param description at most 400 characters
     * @return the changed request
     */
    public KnowledgeBaseCreate withDescription(@Nullable String description) {
        return new KnowledgeBaseCreate(this.name, description, this.indexingTechnique, this.permission, this.provider,
                this.externalKnowledgeApiId, this.externalKnowledgeId, this.retrievalModel, this.embeddingModel,
                this.embeddingModelProvider, this.summaryIndexSetting);
    }

    /**
     * This request with an indexing technique.
     * @param indexingTechnique how the knowledge base indexes
     * @return the changed request
     */
    public KnowledgeBaseCreate withIndexingTechnique(@Nullable IndexingTechnique indexingTechnique) {
        return new KnowledgeBaseCreate(this.name, this.description, indexingTechnique, this.permission, this.provider,
                this.externalKnowledgeApiId, this.externalKnowledgeId, this.retrievalModel, this.embeddingModel,
                this.embeddingModelProvider, this.summaryIndexSetting);
    }

    /**
     * This request with a permission.
     * @param permission who may use the knowledge base
     * @return the changed request
     */
    public KnowledgeBaseCreate withPermission(@Nullable KnowledgePermission permission) {
        return new KnowledgeBaseCreate(this.name, this.description, this.indexingTechnique, permission, this.provider,
                this.externalKnowledgeApiId, this.externalKnowledgeId, this.retrievalModel, this.embeddingModel,
                this.embeddingModelProvider, this.summaryIndexSetting);
    }

    /**
     * This request with a retrieval model.
     * @param retrievalModel how the knowledge base retrieves; a rerank model in it must be usable,
     * or Dify answers HTTP 400
     * @return the changed request
     */
    public KnowledgeBaseCreate withRetrievalModel(@Nullable RetrievalModel retrievalModel) {
        return new KnowledgeBaseCreate(this.name, this.description, this.indexingTechnique, this.permission, this.provider,
                this.externalKnowledgeApiId, this.externalKnowledgeId, retrievalModel, this.embeddingModel,
                this.embeddingModelProvider, this.summaryIndexSetting);
    }

    /**
     * This request with an embedding model, for a high-quality knowledge base.
     * @param provider the model's provider, such as {@code langgenius/openai/openai}, as
     * {@code knowledge.models().ofType(ModelType.TEXT_EMBEDDING)} names it
     * @param model the model, such as {@code text-embedding-3-small}
     * @return the changed request
     */
    public KnowledgeBaseCreate withEmbeddingModel(String provider, String model) {
        return new KnowledgeBaseCreate(this.name, this.description, this.indexingTechnique, this.permission, this.provider,
                this.externalKnowledgeApiId, this.externalKnowledgeId, this.retrievalModel, Objects.requireNonNull(model, "model"),
                Objects.requireNonNull(provider, "provider"), this.summaryIndexSetting);
    }

    /**
     * This request with a summary index setting.
     * @param summaryIndexSetting the setting
     * @return the changed request
     */
    public KnowledgeBaseCreate withSummaryIndexSetting(@Nullable SummaryIndexSetting summaryIndexSetting) {
        return new KnowledgeBaseCreate(this.name, this.description, this.indexingTechnique, this.permission, this.provider,
                this.externalKnowledgeApiId, this.externalKnowledgeId, this.retrievalModel, this.embeddingModel,
                this.embeddingModelProvider, summaryIndexSetting);
    }

    /**
     * The request in the form Dify takes: the name and whatever else is set.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("name", this.name);
        putIfSet(wire, "description", this.description);
        putIfSet(wire, "indexing_technique", (this.indexingTechnique != null) ? this.indexingTechnique.value() : null);
        putIfSet(wire, "permission", (this.permission != null) ? this.permission.value() : null);
        putIfSet(wire, "provider", this.provider);
        putIfSet(wire, "external_knowledge_api_id", this.externalKnowledgeApiId);
        putIfSet(wire, "external_knowledge_id", this.externalKnowledgeId);
        putIfSet(wire, "retrieval_model", (this.retrievalModel != null) ? this.retrievalModel.toWire() : null);
        if (this.embeddingModel != null && this.embeddingModelProvider != null) {
            wire.put("embedding_model", this.embeddingModel);
            wire.put("embedding_model_provider", this.embeddingModelProvider);
        }
        putIfSet(wire, "summary_index_setting", (this.summaryIndexSetting != null) ? this.summaryIndexSetting.toWire() : null);
        return wire;
    }

    private static void putIfSet(Map<String, Object> wire, String key, @Nullable Object value) {
        if (value != null) {
            wire.put(key, value);
        }
    }
}
