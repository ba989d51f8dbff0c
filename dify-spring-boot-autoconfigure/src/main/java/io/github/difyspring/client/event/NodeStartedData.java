package io.github.difyspring.client.event;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link NodeStartedEvent} says about the node that began.
 *
 * @param id the node execution id
 * @param nodeId the node id in the workflow graph
 * @param nodeType the node type, such as {@code llm}
 * @param title the node title
 * @param index the execution sequence number
 * @param predecessorNodeId the node that ran before, if any
 * @param inputs the node inputs
 * @param inputsTruncated whether the server shortened the inputs
 * @param createdAt when the node started, in epoch seconds
 * @param extras node-specific extra data
 * @param iterationId the enclosing iteration node, if any
 * @param loopId the enclosing loop node, if any
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeStartedData(
        @Nullable String id,
        @JsonProperty("node_id") @Nullable String nodeId,
        @JsonProperty("node_type") @Nullable String nodeType,
        @Nullable String title,
        @Nullable Integer index,
        @JsonProperty("predecessor_node_id") @Nullable String predecessorNodeId,
        @Nullable Map<String, Object> inputs,
        @JsonProperty("inputs_truncated") @Nullable Boolean inputsTruncated,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable Map<String, Object> extras,
        @JsonProperty("iteration_id") @Nullable String iterationId,
        @JsonProperty("loop_id") @Nullable String loopId) {
}
