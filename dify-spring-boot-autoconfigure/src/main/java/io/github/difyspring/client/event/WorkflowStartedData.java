package io.github.difyspring.client.event;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link WorkflowStartedEvent} says about the run that began.
 *
 * @param id the workflow run id
 * @param workflowId the id of the workflow version that runs
 * @param inputs the inputs the run started with
 * @param createdAt when the run started, in epoch seconds
 * @param reason why the run started: {@code initial} or {@code resumption}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowStartedData(
        @Nullable String id,
        @JsonProperty("workflow_id") @Nullable String workflowId,
        @Nullable Map<String, Object> inputs,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable String reason) {
}
