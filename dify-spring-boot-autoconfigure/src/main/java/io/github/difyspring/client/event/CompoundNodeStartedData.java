package io.github.difyspring.client.event;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link IterationStartedEvent} or {@link LoopStartedEvent} says about the iteration or loop node that began.
 *
 * @param id the node execution id
 * @param nodeId the node id in the workflow graph
 * @param nodeType {@code iteration} or {@code loop}
 * @param title the node title
 * @param createdAt when the node started, in epoch seconds
 * @param inputs the node inputs
 * @param metadata node metadata, such as the iterator length
 * @param extras node-specific extra data
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompoundNodeStartedData(
        @Nullable String id,
        @JsonProperty("node_id") @Nullable String nodeId,
        @JsonProperty("node_type") @Nullable String nodeType,
        @Nullable String title,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable Map<String, Object> inputs,
        @Nullable Map<String, Object> metadata,
        @Nullable Map<String, Object> extras) {
}
