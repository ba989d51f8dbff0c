package io.github.difyspring.client.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A button of a human-input form: submitting the form means pressing one of them.
 *
 * @param id the action id, to submit the form with
 * @param title the button label
 * @param buttonStyle {@code primary}, {@code default}, {@code accent} or {@code ghost}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HumanInputAction(
        String id,
        @Nullable String title,
        @JsonProperty("button_style") @Nullable String buttonStyle) {
}
