package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A workflow run paused, typically waiting for a human-input form; the stream ends after it and resumes with a new one.
 *
 * @param taskId the task id, to stop the run with
 * @param workflowRunId the workflow run id
 * @param messageId the message id, in chatflow apps
 * @param conversationId the conversation id, in chatflow apps
 * @param createdAt when the event was created, in epoch seconds
 * @param data the paused run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowPausedEvent(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("workflow_run_id") @Nullable String workflowRunId,
        @JsonProperty("message_id") @Nullable String messageId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable WorkflowPausedData data) implements DifyEvent {

    /** The wire name of this event type. */
    public static final String TYPE = "workflow_paused";

    @Override
    public String type() {
        return TYPE;
    }
}
