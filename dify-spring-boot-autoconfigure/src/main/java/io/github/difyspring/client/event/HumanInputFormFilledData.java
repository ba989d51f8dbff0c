package io.github.difyspring.client.event;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a person submitted, carried by a {@link HumanInputFormFilledEvent}.
 *
 * @param nodeId the human-input node id
 * @param nodeTitle the node title
 * @param renderedContent the form text as shown
 * @param actionId the action the person chose
 * @param actionText the label of that action
 * @param submittedData the field values submitted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HumanInputFormFilledData(
        @JsonProperty("node_id") @Nullable String nodeId,
        @JsonProperty("node_title") @Nullable String nodeTitle,
        @JsonProperty("rendered_content") @Nullable String renderedContent,
        @JsonProperty("action_id") @Nullable String actionId,
        @JsonProperty("action_text") @Nullable String actionText,
        @JsonProperty("submitted_data") @Nullable Map<String, Object> submittedData) {
}
