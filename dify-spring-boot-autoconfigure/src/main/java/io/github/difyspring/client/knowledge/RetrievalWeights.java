package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * How hybrid search weighs its semantic and its keyword results when it does not rerank them
 * ({@code reranking_mode: weighted_score}).
 *
 * @param weightType {@code semantic_first}, {@code keyword_first} or {@code customized}, or {@code null}
 * @param vector the weight of the semantic results and the embedding model that made them
 * @param keyword the weight of the keyword results
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievalWeights(@JsonProperty("weight_type") @Nullable String weightType,
        @JsonProperty("vector_setting") @Nullable VectorWeight vector, @JsonProperty("keyword_setting") @Nullable KeywordWeight keyword) {

    /**
     * Custom weights of the two kinds of results.
     * @param vectorWeight the weight of the semantic results, from 0 to 1
     * @param embeddingProvider the provider of the knowledge base's embedding model
     * @param embeddingModel the knowledge base's embedding model
     * @param keywordWeight the weight of the keyword results, from 0 to 1
     * @return the weights
     */
    public static RetrievalWeights of(double vectorWeight, String embeddingProvider, String embeddingModel, double keywordWeight) {
        return new RetrievalWeights("customized", new VectorWeight(vectorWeight, embeddingProvider, embeddingModel),
                new KeywordWeight(keywordWeight));
    }

    /**
     * The weights in the form Dify takes.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        if (this.weightType != null) {
            wire.put("weight_type", this.weightType);
        }
        if (this.vector != null) {
            Map<String, Object> vector = new LinkedHashMap<>();
            vector.put("vector_weight", this.vector.weight());
            vector.put("embedding_provider_name", this.vector.embeddingProvider());
            vector.put("embedding_model_name", this.vector.embeddingModel());
            wire.put("vector_setting", vector);
        }
        if (this.keyword != null) {
            wire.put("keyword_setting", Map.of("keyword_weight", this.keyword.weight()));
        }
        return wire;
    }

    /**
     * The weight of the semantic results.
     *
     * @param weight from 0 to 1
     * @param embeddingProvider the provider of the embedding model
     * @param embeddingModel the embedding model
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VectorWeight(@JsonProperty("vector_weight") double weight,
            @JsonProperty("embedding_provider_name") @Nullable String embeddingProvider,
            @JsonProperty("embedding_model_name") @Nullable String embeddingModel) {
    }

    /**
     * The weight of the keyword results.
     *
     * @param weight from 0 to 1
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KeywordWeight(@JsonProperty("keyword_weight") double weight) {
    }
}
