package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * How an external knowledge base retrieves: how many chunks, and the score they must reach.
 *
 * @param topK how many chunks at most
 * @param scoreThreshold the lowest score kept, from 0 to 1, or {@code null}
 * @param scoreThresholdEnabled whether chunks below the threshold are left out, or {@code null}
 * when not said
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExternalRetrievalModel(@JsonProperty("top_k") int topK, @JsonProperty("score_threshold") @Nullable Double scoreThreshold,
        @JsonProperty("score_threshold_enabled") @Nullable Boolean scoreThresholdEnabled) {

    /**
     * The first chunks found, whatever their score.
     * @param topK how many chunks at most
     * @return the model
     */
    public static ExternalRetrievalModel of(int topK) {
        return new ExternalRetrievalModel(topK, null, false);
    }

    /**
     * This model with chunks below a score left out.
     * @param threshold the lowest score kept, from 0 to 1
     * @return the changed model
     */
    public ExternalRetrievalModel withScoreThreshold(double threshold) {
        return new ExternalRetrievalModel(this.topK, threshold, true);
    }

    /**
     * The model in the form Dify takes, without the fields that are not set.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("top_k", this.topK);
        if (this.scoreThreshold != null) {
            wire.put("score_threshold", this.scoreThreshold);
        }
        if (this.scoreThresholdEnabled != null) {
            wire.put("score_threshold_enabled", this.scoreThresholdEnabled);
        }
        return wire;
    }
}
