package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A parallel branch of a workflow, named by the events older Dify servers send.
 *
 * @param parallelId the parallel block
 * @param parallelStartNodeId the branch's first node
 * @param parallelBranchId the branch, named by its first node (newer servers send it instead of
 * {@code parallel_start_node_id})
 * @param parentParallelId the enclosing parallel block, if any
 * @param parentParallelStartNodeId the enclosing branch's first node, if any
 * @param iterationId the enclosing iteration, if any
 * @param loopId the enclosing loop, if any
 * @param status the branch status, on finish
 * @param error the error, if the branch failed
 * @param createdAt when the event was created, in epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ParallelBranchData(
        @JsonProperty("parallel_id") @Nullable String parallelId,
        @JsonProperty("parallel_start_node_id") @Nullable String parallelStartNodeId,
        @JsonProperty("parallel_branch_id") @Nullable String parallelBranchId,
        @JsonProperty("parent_parallel_id") @Nullable String parentParallelId,
        @JsonProperty("parent_parallel_start_node_id") @Nullable String parentParallelStartNodeId,
        @JsonProperty("iteration_id") @Nullable String iterationId,
        @JsonProperty("loop_id") @Nullable String loopId,
        @Nullable String status,
        @Nullable String error,
        @JsonProperty("created_at") @Nullable Long createdAt) {
}
