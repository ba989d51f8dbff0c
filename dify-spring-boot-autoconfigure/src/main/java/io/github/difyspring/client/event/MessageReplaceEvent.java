package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Content moderation replaced the answer: whatever was shown so far must give way to {@code answer}.
 *
 * @param taskId the task id, to stop the generation with
 * @param messageId the message id
 * @param conversationId the conversation id, in chat apps
 * @param createdAt when the event was created, in epoch seconds
 * @param answer the replacement answer
 * @param reason why it was replaced
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageReplaceEvent(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("message_id") @Nullable String messageId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable String answer,
        @Nullable String reason) implements DifyEvent {

    /** The wire name of this event type. */
    public static final String TYPE = "message_replace";

    @Override
    public String type() {
        return TYPE;
    }
}
