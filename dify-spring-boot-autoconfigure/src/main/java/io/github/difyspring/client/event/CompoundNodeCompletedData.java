package io.github.difyspring.client.event;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link IterationCompletedEvent} or {@link LoopCompletedEvent} says about the finished iteration or loop node.
 *
 * @param id the node execution id
 * @param nodeId the node id in the workflow graph
 * @param nodeType {@code iteration} or {@code loop}
 * @param title the node title
 * @param inputs the node inputs
 * @param outputs the node outputs
 * @param status the node status
 * @param error the error, when the node failed
 * @param elapsedTime seconds the node took
 * @param totalTokens tokens the rounds spent
 * @param executionMetadata token counts, prices and other execution facts
 * @param createdAt when the node started, in epoch seconds
 * @param finishedAt when the node finished, in epoch seconds
 * @param steps how many rounds ran
 * @param extras node-specific extra data
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompoundNodeCompletedData(
        @Nullable String id,
        @JsonProperty("node_id") @Nullable String nodeId,
        @JsonProperty("node_type") @Nullable String nodeType,
        @Nullable String title,
        @Nullable Map<String, Object> inputs,
        @Nullable Map<String, Object> outputs,
        @Nullable String status,
        @Nullable String error,
        @JsonProperty("elapsed_time") @Nullable Double elapsedTime,
        @JsonProperty("total_tokens") @Nullable Long totalTokens,
        @JsonProperty("execution_metadata") @Nullable Map<String, Object> executionMetadata,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("finished_at") @Nullable Long finishedAt,
        @Nullable Integer steps,
        @Nullable Map<String, Object> extras) {
}
