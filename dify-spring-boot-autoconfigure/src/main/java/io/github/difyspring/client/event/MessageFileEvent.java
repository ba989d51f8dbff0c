package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A file, such as an image, that the assistant produced in the answer.
 *
 * @param taskId the task id, to stop the generation with
 * @param messageId the message id
 * @param conversationId the conversation id, in chat apps
 * @param createdAt when the event was created, in epoch seconds
 * @param id the file id
 * @param fileType the file type, such as {@code image}
 * @param belongsTo who the file belongs to: {@code assistant} or {@code user}
 * @param url where the file can be fetched
 * @param answer the whole answer, when a New Agent app's closing answer comes as a
 * {@code message_file} event because the answer has files of its own; {@code null} otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageFileEvent(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("message_id") @Nullable String messageId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable String id,
        @JsonProperty("type") @Nullable String fileType,
        @JsonProperty("belongs_to") @Nullable String belongsTo,
        @Nullable String url,
        @Nullable String answer) implements DifyEvent {

    /** The wire name of this event type. */
    public static final String TYPE = "message_file";

    @Override
    public String type() {
        return TYPE;
    }
}
