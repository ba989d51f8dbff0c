package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The reasoning a {@link ReasoningChunkEvent} carries.
 *
 * @param messageId the message, in chat apps
 * @param reasoning the reasoning fragment
 * @param nodeId the node that reasons
 * @param isFinal true on the last fragment of this node's reasoning
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReasoningChunkData(
        @JsonProperty("message_id") @Nullable String messageId,
        @Nullable String reasoning,
        @JsonProperty("node_id") @Nullable String nodeId,
        @JsonProperty("is_final") @Nullable Boolean isFinal) {
}
