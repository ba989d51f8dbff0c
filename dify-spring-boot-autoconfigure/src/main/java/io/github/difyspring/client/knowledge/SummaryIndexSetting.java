package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Whether a knowledge base makes a summary of each chunk with a language model and indexes it
 * too, and with which model and prompt (Dify's {@code summary_index_setting}). Dify always sends
 * the object, with {@code null} fields when the knowledge base has no setting.
 *
 * @param enabled whether summaries are made, or {@code null} when not set
 * @param modelName the language model, or {@code null}
 * @param modelProviderName its provider, or {@code null}
 * @param summaryPrompt the prompt, or {@code null} for Dify's own
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SummaryIndexSetting(@JsonProperty("enable") @Nullable Boolean enabled,
        @JsonProperty("model_name") @Nullable String modelName,
        @JsonProperty("model_provider_name") @Nullable String modelProviderName,
        @JsonProperty("summary_prompt") @Nullable String summaryPrompt) {

    /**
     * Summaries made by a language model with Dify's own prompt.
     * @param modelProviderName the model's provider, such as {@code langgenius/openai/openai}
     * @param modelName the model, such as {@code gpt-4o-mini}
     * @return the setting
     */
    public static SummaryIndexSetting of(String modelProviderName, String modelName) {
        return new SummaryIndexSetting(true, modelName, modelProviderName, null);
    }

    /**
     * This setting with a prompt of one's own.
     * @param prompt the prompt
     * @return the changed setting
     */
    public SummaryIndexSetting withPrompt(String prompt) {
        return new SummaryIndexSetting(this.enabled, this.modelName, this.modelProviderName, prompt);
    }

    /**
     * Whether there is a setting at all: Dify sends all fields {@code null} when there is none.
     * @return whether any field is set
     */
    public boolean isSet() {
        return this.enabled != null || this.modelName != null || this.modelProviderName != null || this.summaryPrompt != null;
    }

    /**
     * The setting in the form Dify takes, without the fields that are not set.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        if (this.enabled != null) {
            wire.put("enable", this.enabled);
        }
        if (this.modelName != null) {
            wire.put("model_name", this.modelName);
        }
        if (this.modelProviderName != null) {
            wire.put("model_provider_name", this.modelProviderName);
        }
        if (this.summaryPrompt != null) {
            wire.put("summary_prompt", this.summaryPrompt);
        }
        return wire;
    }
}
