package io.github.difyspring.client.event;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One step of an agent node's log, carried by an {@link AgentLogEvent}.
 *
 * @param nodeExecutionId the agent node execution
 * @param id the log entry id
 * @param label a short label
 * @param parentId the parent entry, if nested
 * @param error the error, if the step failed
 * @param status the step status
 * @param data the step details
 * @param metadata step metadata
 * @param nodeId the agent node id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentLogData(
        @JsonProperty("node_execution_id") @Nullable String nodeExecutionId,
        @Nullable String id,
        @Nullable String label,
        @JsonProperty("parent_id") @Nullable String parentId,
        @Nullable String error,
        @Nullable String status,
        @Nullable Map<String, Object> data,
        @Nullable Map<String, Object> metadata,
        @JsonProperty("node_id") @Nullable String nodeId) {
}
