package io.github.difyspring.client.app;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * Basic information about an app ({@code GET /info}).
 *
 * @param name the app's name
 * @param description the app's description
 * @param tags the app's tags; empty, never null
 * @param mode the app mode: {@code completion}, {@code chat}, {@code agent-chat},
 * {@code advanced-chat} (chatflow), {@code workflow} or {@code agent}; kept as sent, so new modes
 * arrive intact
 * @param authorName the name of the app's author
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppInfo(
        @Nullable String name,
        @Nullable String description,
        List<String> tags,
        @Nullable String mode,
        @JsonProperty("author_name") @Nullable String authorName) {

    /** Reads a missing or {@code null} tag list as empty. */
    public AppInfo {
        tags = WireValues.list(tags);
    }
}
