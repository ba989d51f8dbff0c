package io.github.difyspring.client.core;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;


/**
 * A finished workflow run: its status, outputs and cost. Dify answers a blocking run with it and
 * sends it in the {@code workflow_finished} event.
 *
 * @param id the workflow run id
 * @param workflowId the id of the workflow version that ran
 * @param status {@code succeeded}, {@code failed}, {@code stopped}, {@code partial-succeeded} or
 * {@code paused}
 * @param outputs the run's outputs
 * @param error the error, when the run failed
 * @param elapsedTime seconds the run took
 * @param totalTokens tokens the run spent
 * @param totalSteps how many node executions ran
 * @param createdAt when the run started, in epoch seconds
 * @param finishedAt when the run finished, in epoch seconds
 * @param createdBy who started the run
 * @param exceptionsCount how many nodes failed but were handled
 * @param files files the run produced; empty, never null
 * @param pausedNodes the nodes that wait, when the run paused; empty, never null
 * @param reasons why each paused node waits, with the forms to fill in; empty, never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowRunData(
        @Nullable String id,
        @JsonProperty("workflow_id") @Nullable String workflowId,
        @Nullable String status,
        @Nullable Map<String, Object> outputs,
        @Nullable String error,
        @JsonProperty("elapsed_time") @Nullable Double elapsedTime,
        @JsonProperty("total_tokens") @Nullable Long totalTokens,
        @JsonProperty("total_steps") @Nullable Integer totalSteps,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("finished_at") @Nullable Long finishedAt,
        @JsonProperty("created_by") @Nullable Map<String, Object> createdBy,
        @JsonProperty("exceptions_count") @Nullable Integer exceptionsCount,
        List<Map<String, Object>> files,
        @JsonProperty("paused_nodes") List<String> pausedNodes,
        List<PauseReason> reasons) {

    /** Reads a missing or {@code null} file list as empty. */
    public WorkflowRunData {
        files = (files != null) ? List.copyOf(files) : List.of();
        pausedNodes = (pausedNodes != null) ? List.copyOf(pausedNodes) : List.of();
        reasons = (reasons != null) ? List.copyOf(reasons) : List.of();
    }

    /**
     * Whether the run paused, waiting for human input: fill in the forms of {@link #reasons()}, then
     * follow the run with {@code resumeStream}.
     * @return {@code true} when the status is {@code paused}
     */
    @JsonIgnore
    public boolean isPaused() {
        return "paused".equals(this.status);
    }

    /**
     * The tokens the run spent, as usage: Dify reports a workflow run's total only, without a price.
     * @return the usage, or {@code null} when Dify sent no total
     */
    public @Nullable Usage usage() {
        return (this.totalTokens != null) ? Usage.ofTotalTokens(this.totalTokens) : null;
    }
}
