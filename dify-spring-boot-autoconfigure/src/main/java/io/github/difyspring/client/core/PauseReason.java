package io.github.difyspring.client.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Why a paused workflow or chatflow run waits. A human-input node pauses a run with the form to show, its fields and actions, and the token that
 * fetches it ({@link io.github.difyspring.client.WorkflowRuns#humanInputForm}) and submits it
 * ({@link io.github.difyspring.client.WorkflowRuns#submitHumanInputForm}); the run then goes on, and
 * {@link io.github.difyspring.client.WorkflowRuns#resumeStream} follows it. A scheduled pause carries only a message.
 * Written after Dify 1.14.2's pause reasons (graphon's {@code pause_reason.py}), which name the kind
 * in an upper-case {@code TYPE} key.
 *
 * @param type the kind of pause: {@code human_input_required} or {@code scheduled_pause}
 * @param formId the form's id
 * @param formToken the token that fetches and submits the form
 * @param nodeId the paused node
 * @param nodeTitle the paused node's title
 * @param formContent the form's text (Markdown, with {@code {{#$output.name#}}} placeholders for the fields)
 * @param inputs the form's fields; empty, never null
 * @param actions the buttons that submit the form; empty, never null
 * @param resolvedDefaultValues each field's default, resolved; empty, never null
 * @param expirationTime when the form expires, in epoch seconds
 * @param message what a scheduled pause says
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PauseReason(
        @JsonProperty("TYPE") @Nullable String type,
        @JsonProperty("form_id") @Nullable String formId,
        @JsonProperty("form_token") @Nullable String formToken,
        @JsonProperty("node_id") @Nullable String nodeId,
        @JsonProperty("node_title") @Nullable String nodeTitle,
        @JsonProperty("form_content") @Nullable String formContent,
        List<HumanInputField> inputs,
        List<HumanInputAction> actions,
        @JsonProperty("resolved_default_values") Map<String, Object> resolvedDefaultValues,
        @JsonProperty("expiration_time") @Nullable Long expirationTime,
        @Nullable String message) {

    /** The kind of pause a human-input node makes. */
    public static final String HUMAN_INPUT_REQUIRED = "human_input_required";

    /** The kind of pause a schedule makes. */
    public static final String SCHEDULED_PAUSE = "scheduled_pause";

    /** Reads missing or {@code null} collections as empty. */
    public PauseReason {
        inputs = (inputs != null) ? List.copyOf(inputs) : List.of();
        actions = (actions != null) ? List.copyOf(actions) : List.of();
        resolvedDefaultValues = (resolvedDefaultValues != null)
                ? Collections.unmodifiableMap(new LinkedHashMap<>(resolvedDefaultValues)) : Map.of();
    }
}
