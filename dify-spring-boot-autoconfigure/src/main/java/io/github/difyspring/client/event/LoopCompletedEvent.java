package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A loop node finished.
 *
 * @param taskId the task id, to stop the run with
 * @param workflowRunId the workflow run id
 * @param messageId the message id, in chatflow apps
 * @param conversationId the conversation id, in chatflow apps
 * @param createdAt when the event was created, in epoch seconds
 * @param data the finished loop node
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoopCompletedEvent(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("workflow_run_id") @Nullable String workflowRunId,
        @JsonProperty("message_id") @Nullable String messageId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable CompoundNodeCompletedData data) implements DifyEvent {

    /** The wire name of this event type. */
    public static final String TYPE = "loop_completed";

    @Override
    public String type() {
        return TYPE;
    }
}
