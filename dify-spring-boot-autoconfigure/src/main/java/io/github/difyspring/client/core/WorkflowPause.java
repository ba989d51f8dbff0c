package io.github.difyspring.client.core;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A chatflow run that paused before its answer was complete, as the {@code data} of a blocking
 * answer whose {@code event} is {@code workflow_paused} (Dify's
 * {@code AdvancedChatPausedBlockingResponse}).
 *
 * @param status {@code paused}
 * @param pausedNodes the nodes that wait; empty, never null
 * @param reasons why each waits, with the forms to fill in; empty, never null
 * @param elapsedTime seconds the run took until it paused
 * @param totalTokens tokens the run spent until it paused
 * @param totalSteps how many node executions ran
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowPause(
        @Nullable String status,
        @JsonProperty("paused_nodes") List<String> pausedNodes,
        List<PauseReason> reasons,
        @JsonProperty("elapsed_time") @Nullable Double elapsedTime,
        @JsonProperty("total_tokens") @Nullable Long totalTokens,
        @JsonProperty("total_steps") @Nullable Integer totalSteps) {

    /** Reads missing or {@code null} lists as empty. */
    public WorkflowPause {
        pausedNodes = (pausedNodes != null) ? List.copyOf(pausedNodes) : List.of();
        reasons = (reasons != null) ? List.copyOf(reasons) : List.of();
    }
}
