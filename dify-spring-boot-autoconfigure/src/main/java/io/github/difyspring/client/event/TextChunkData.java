package io.github.difyspring.client.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The text a {@link TextChunkEvent} or a {@link TextReplaceEvent} carries.
 *
 * @param text the text fragment
 * @param fromVariableSelector the variable the text comes from, as node id and variable name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TextChunkData(
        @Nullable String text,
        @JsonProperty("from_variable_selector") @Nullable List<String> fromVariableSelector) {
}
