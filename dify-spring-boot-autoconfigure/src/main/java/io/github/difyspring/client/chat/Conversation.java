package io.github.difyspring.client.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A conversation of an end user with a chat, agent or chatflow app.
 *
 * @param id the conversation id, to continue it with {@link ChatRequest.Builder#conversationId(String)}
 * @param name the conversation's name, as shown in a list of conversations
 * @param inputs the values of the app's input variables the conversation started with; empty, never null
 * @param status the conversation's status, {@code normal} for an active one
 * @param introduction the app's opening statement shown at the start of the conversation
 * @param createdAt when the conversation started, in epoch seconds
 * @param updatedAt when the conversation last changed, in epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Conversation(
        String id,
        @Nullable String name,
        Map<String, Object> inputs,
        @Nullable String status,
        @Nullable String introduction,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("updated_at") @Nullable Long updatedAt) {

    /** Reads missing or {@code null} inputs as empty; input values may be {@code null}. */
    public Conversation {
        inputs = (inputs != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(inputs)) : Map.of();
    }
}
