package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A fragment of the answer of a chat, chatflow or completion app; concatenate the {@code answer}s in order.
 *
 * @param taskId the task id, to stop the generation with
 * @param messageId the message id
 * @param conversationId the conversation id, in chat apps
 * @param createdAt when the event was created, in epoch seconds
 * @param answer the answer fragment
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageEvent(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("message_id") @Nullable String messageId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable String answer) implements DifyEvent {

    /** The wire name of this event type. */
    public static final String TYPE = "message";

    @Override
    public String type() {
        return TYPE;
    }
}
