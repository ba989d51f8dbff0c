package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * How a knowledge base retrieves chunks: the search method, how many chunks, the score they must
 * reach, reranking or weighting, and a metadata filter. A knowledge base has one (its
 * {@code retrieval_model_dict}); a retrieval may send its own. Immutable; start from
 * {@link #of(SearchMethod, int)} and change what differs with the {@code with...} methods.
 *
 * @param searchMethod the search method
 * @param rerankingEnabled whether a rerank model orders the chunks found
 * @param rerankingModel the rerank model, or {@code null}
 * @param rerankingMode {@code reranking_model} or {@code weighted_score} (hybrid search), or
 * {@code null} (Dify reads it as {@code reranking_model})
 * @param weights the weights of hybrid search with {@code weighted_score}, or {@code null}
 * @param topK how many chunks at most
 * @param scoreThresholdEnabled whether chunks below {@code scoreThreshold} are left out
 * @param scoreThreshold the lowest score kept, from 0 to 1, or {@code null}
 * @param metadataFilter which documents to look at, or {@code null} for all
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievalModel(
        @JsonProperty("search_method") SearchMethod searchMethod,
        @JsonProperty("reranking_enable") boolean rerankingEnabled,
        @JsonProperty("reranking_model") @Nullable RerankingModel rerankingModel,
        @JsonProperty("reranking_mode") @Nullable String rerankingMode,
        @Nullable RetrievalWeights weights,
        @JsonProperty("top_k") int topK,
        @JsonProperty("score_threshold_enabled") boolean scoreThresholdEnabled,
        @JsonProperty("score_threshold") @Nullable Double scoreThreshold,
        @JsonProperty("metadata_filtering_conditions") @Nullable MetadataFilter metadataFilter) {

    /**
     * Checks the model.
     * @throws IllegalArgumentException when {@code topK} is below 1
     */
    public RetrievalModel {
        Objects.requireNonNull(searchMethod, "searchMethod");
        if (topK < 1) {
            throw new IllegalArgumentException("A retrieval returns at least 1 chunk (top_k); got " + topK);
        }
    }

    /**
     * A search without reranking, threshold or filter.
     * @param searchMethod the search method
     * @param topK how many chunks at most
     * @return the model
     */
    public static RetrievalModel of(SearchMethod searchMethod, int topK) {
        return new RetrievalModel(searchMethod, false, null, null, null, topK, false, null, null);
    }

    /**
     * This model with its chunks ordered by a rerank model.
     * @param model the rerank model
     * @return the changed model
     */
    public RetrievalModel withReranking(RerankingModel model) {
        return new RetrievalModel(this.searchMethod, true, model, "reranking_model", null, this.topK, this.scoreThresholdEnabled,
                this.scoreThreshold, this.metadataFilter);
    }

    /**
     * This model (a hybrid search) with its two kinds of results weighted rather than reranked.
     * @param weights the weights
     * @return the changed model
     */
    public RetrievalModel withWeights(RetrievalWeights weights) {
        return new RetrievalModel(this.searchMethod, false, this.rerankingModel, "weighted_score", weights, this.topK,
                this.scoreThresholdEnabled, this.scoreThreshold, this.metadataFilter);
    }

    /**
     * This model with chunks below a score left out.
     * @param threshold the lowest score kept, from 0 to 1
     * @return the changed model
     */
    public RetrievalModel withScoreThreshold(double threshold) {
        return new RetrievalModel(this.searchMethod, this.rerankingEnabled, this.rerankingModel, this.rerankingMode, this.weights,
                this.topK, true, threshold, this.metadataFilter);
    }

    /**
     * This model, looking only at the documents whose metadata match.
     * @param filter the filter
     * @return the changed model
     */
    public RetrievalModel withMetadataFilter(MetadataFilter filter) {
        return new RetrievalModel(this.searchMethod, this.rerankingEnabled, this.rerankingModel, this.rerankingMode, this.weights,
                this.topK, this.scoreThresholdEnabled, this.scoreThreshold, filter);
    }

    /**
     * The model in the form Dify takes.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("search_method", this.searchMethod.value());
        wire.put("reranking_enable", this.rerankingEnabled);
        if (this.rerankingModel != null) {
            Map<String, Object> reranking = new LinkedHashMap<>();
            reranking.put("reranking_provider_name", this.rerankingModel.provider());
            reranking.put("reranking_model_name", this.rerankingModel.model());
            wire.put("reranking_model", reranking);
        }
        if (this.rerankingMode != null) {
            wire.put("reranking_mode", this.rerankingMode);
        }
        if (this.weights != null) {
            wire.put("weights", this.weights.toWire());
        }
        wire.put("top_k", this.topK);
        wire.put("score_threshold_enabled", this.scoreThresholdEnabled);
        if (this.scoreThreshold != null) {
            wire.put("score_threshold", this.scoreThreshold);
        }
        if (this.metadataFilter != null) {
            wire.put("metadata_filtering_conditions", this.metadataFilter.toWire());
        }
        return wire;
    }
}
