package io.github.difyspring.client.event;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The form a {@link HumanInputRequiredEvent} asks a person to fill.
 *
 * @param formId the form id
 * @param nodeId the human-input node id
 * @param nodeTitle the node title
 * @param formContent the form text shown to the person
 * @param inputs the form fields
 * @param actions the buttons the person can press
 * @param displayInUi whether the form is shown in Dify's own UI
 * @param formToken the token to fetch and submit the form with
 * @param resolvedDefaultValues default field values
 * @param expirationTime when the form expires, in epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HumanInputRequiredData(
        @JsonProperty("form_id") @Nullable String formId,
        @JsonProperty("node_id") @Nullable String nodeId,
        @JsonProperty("node_title") @Nullable String nodeTitle,
        @JsonProperty("form_content") @Nullable String formContent,
        @Nullable List<Map<String, Object>> inputs,
        @Nullable List<Map<String, Object>> actions,
        @JsonProperty("display_in_ui") @Nullable Boolean displayInUi,
        @JsonProperty("form_token") @Nullable String formToken,
        @JsonProperty("resolved_default_values") @Nullable Map<String, Object> resolvedDefaultValues,
        @JsonProperty("expiration_time") @Nullable Long expirationTime) {
}
