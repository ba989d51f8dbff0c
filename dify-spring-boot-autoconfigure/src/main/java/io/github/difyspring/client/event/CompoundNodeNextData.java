package io.github.difyspring.client.event;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link IterationNextEvent} or {@link LoopNextEvent} says about the round that begins.
 *
 * @param id the node execution id
 * @param nodeId the node id in the workflow graph
 * @param nodeType {@code iteration} or {@code loop}
 * @param title the node title
 * @param index the round that begins, from 0
 * @param createdAt when the round began, in epoch seconds
 * @param preLoopOutput the previous round's output, on loops
 * @param extras node-specific extra data
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompoundNodeNextData(
        @Nullable String id,
        @JsonProperty("node_id") @Nullable String nodeId,
        @JsonProperty("node_type") @Nullable String nodeType,
        @Nullable String title,
        @Nullable Integer index,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("pre_loop_output") @Nullable Object preLoopOutput,
        @Nullable Map<String, Object> extras) {
}
