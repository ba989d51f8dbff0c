package io.github.difyspring.client.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.HumanInputAction;
import io.github.difyspring.client.core.HumanInputField;

/**
 * A human-input form a paused workflow or chatflow waits on: what to show, which fields to fill,
 * and which buttons submit it.
 *
 * @param formContent the form's text, with the workflow's variables filled in
 * @param inputs the fields; empty, never null
 * @param resolvedDefaultValues the default values to show, by field name; empty, never null
 * @param userActions the buttons; submit with one of their ids. Empty, never null
 * @param expirationTime when the form stops accepting a submission, in epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HumanInputForm(
        @JsonProperty("form_content") @Nullable String formContent,
        List<HumanInputField> inputs,
        @JsonProperty("resolved_default_values") Map<String, Object> resolvedDefaultValues,
        @JsonProperty("user_actions") List<HumanInputAction> userActions,
        @JsonProperty("expiration_time") @Nullable Long expirationTime) {

    /** Reads missing or {@code null} collections as empty. */
    public HumanInputForm {
        inputs = (inputs != null) ? List.copyOf(inputs) : List.of();
        resolvedDefaultValues = (resolvedDefaultValues != null)
                ? Collections.unmodifiableMap(new LinkedHashMap<>(resolvedDefaultValues)) : Map.of();
        userActions = (userActions != null) ? List.copyOf(userActions) : List.of();
    }
}
