package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.HasUsage;
import io.github.difyspring.client.core.Usage;
import io.github.difyspring.client.core.WorkflowRunData;

/**
 * A workflow run finished, successfully or not: see {@code data().status()}. In chatflows it may come before or after {@link MessageEndEvent}.
 *
 * @param taskId the task id, to stop the run with
 * @param workflowRunId the workflow run id
 * @param messageId the message id, in chatflow apps
 * @param conversationId the conversation id, in chatflow apps
 * @param createdAt when the event was created, in epoch seconds
 * @param data the finished run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowFinishedEvent(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("workflow_run_id") @Nullable String workflowRunId,
        @JsonProperty("message_id") @Nullable String messageId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable WorkflowRunData data) implements DifyEvent, HasUsage {

    /** The wire name of this event type. */
    public static final String TYPE = "workflow_finished";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * The tokens the run spent: Dify reports a workflow run's total only, without a price.
     * @return the usage, or {@code null} when Dify sent no total
     */
    @Override
    public @Nullable Usage usage() {
        return (this.data != null) ? this.data.usage() : null;
    }
}
