package io.github.difyspring.client.event;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link NodeFinishedEvent} or {@link NodeRetryEvent} says about a node execution.
 *
 * @param id the node execution id
 * @param nodeId the node id in the workflow graph
 * @param nodeType the node type, such as {@code llm}
 * @param title the node title
 * @param index the execution sequence number
 * @param predecessorNodeId the node that ran before, if any
 * @param inputs the node inputs
 * @param processData data the node produced while running
 * @param outputs the node outputs
 * @param status {@code running}, {@code succeeded}, {@code failed}, {@code stopped}, {@code exception} or {@code retry}
 * @param error the error, when the node failed
 * @param elapsedTime seconds the node took
 * @param executionMetadata token counts, prices and other execution facts
 * @param createdAt when the node started, in epoch seconds
 * @param finishedAt when the node finished, in epoch seconds
 * @param files files the node produced
 * @param iterationId the enclosing iteration node, if any
 * @param loopId the enclosing loop node, if any
 * @param retryIndex which retry this was, on {@code node_retry} events
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeExecutionData(
        @Nullable String id,
        @JsonProperty("node_id") @Nullable String nodeId,
        @JsonProperty("node_type") @Nullable String nodeType,
        @Nullable String title,
        @Nullable Integer index,
        @JsonProperty("predecessor_node_id") @Nullable String predecessorNodeId,
        @Nullable Map<String, Object> inputs,
        @JsonProperty("process_data") @Nullable Map<String, Object> processData,
        @Nullable Map<String, Object> outputs,
        @Nullable String status,
        @Nullable String error,
        @JsonProperty("elapsed_time") @Nullable Double elapsedTime,
        @JsonProperty("execution_metadata") @Nullable Map<String, Object> executionMetadata,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("finished_at") @Nullable Long finishedAt,
        @Nullable List<Map<String, Object>> files,
        @JsonProperty("iteration_id") @Nullable String iterationId,
        @JsonProperty("loop_id") @Nullable String loopId,
        @JsonProperty("retry_index") @Nullable Integer retryIndex) {
}
