package io.github.difyspring.client.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A variable stored in a conversation (a chatflow's conversation variable).
 *
 * @param id the variable id, to update it with
 * @param name the variable name
 * @param valueType its type: {@code string}, {@code number}, {@code object}, {@code secret},
 * {@code file}, {@code boolean}, or an {@code array[...]} of one of them
 * @param value its value as the server sent it: usually a {@code String} (complex types as JSON
 * text), but a {@code Number}, {@code Boolean}, {@code Map} or {@code List} where the server sends
 * JSON of that kind
 * @param description the variable's description
 * @param createdAt when the variable was created, in epoch seconds
 * @param updatedAt when it last changed, in epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationVariable(
        String id,
        @Nullable String name,
        @JsonProperty("value_type") @Nullable String valueType,
        @Nullable Object value,
        @Nullable String description,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("updated_at") @Nullable Long updatedAt) {
}
