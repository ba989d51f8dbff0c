package io.github.difyspring.client.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.HasUsage;
import io.github.difyspring.client.core.Usage;
import io.github.difyspring.client.core.WorkflowRunData;

/**
 * The result of a blocking workflow run. A run that failed inside the workflow still answers
 * HTTP 200: check {@code data().status()} and {@code data().error()}. A run that paused for human
 * input answers with status {@code paused} ({@link #isPaused()}) and the forms to fill in in
 * {@code data().reasons()}; once they are submitted, {@code resumeStream(workflowRunId(), user)}
 * follows the run to its end.
 *
 * @param taskId the task that ran
 * @param workflowRunId the run id, to look the run up later
 * @param data the run: status, outputs, error, time and tokens
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowRunResponse(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("workflow_run_id") @Nullable String workflowRunId,
        @Nullable WorkflowRunData data) implements HasUsage {

    /**
     * Whether the run paused, waiting for human input.
     * @return {@code true} when its status is {@code paused}
     */
    @JsonIgnore
    public boolean isPaused() {
        return this.data != null && this.data.isPaused();
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
