package io.github.difyspring.client.event;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.PauseReason;

/**
 * What a {@link WorkflowPausedEvent} says about the paused run.
 *
 * @param workflowRunId the paused run
 * @param pausedNodes the ids of the nodes that wait
 * @param outputs outputs produced so far
 * @param reasons why the run paused, one entry per waiting node
 * @param status the run status, {@code paused}
 * @param createdAt when the run started, in epoch seconds
 * @param elapsedTime seconds the run has taken so far
 * @param totalTokens tokens spent so far
 * @param totalSteps steps executed so far
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowPausedData(
        @JsonProperty("workflow_run_id") @Nullable String workflowRunId,
        @JsonProperty("paused_nodes") @Nullable List<String> pausedNodes,
        @Nullable Map<String, Object> outputs,
        @Nullable List<PauseReason> reasons,
        @Nullable String status,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("elapsed_time") @Nullable Double elapsedTime,
        @JsonProperty("total_tokens") @Nullable Long totalTokens,
        @JsonProperty("total_steps") @Nullable Integer totalSteps) {
}
