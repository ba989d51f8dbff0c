package io.github.difyspring.client.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A workflow run as Dify keeps it: status, inputs, outputs and cost. Read it for a run that is
 * still going, paused, or finished.
 *
 * @param id the workflow run id
 * @param workflowId the id of the workflow version that ran
 * @param status {@code running}, {@code succeeded}, {@code failed}, {@code stopped},
 * {@code partial-succeeded} or {@code paused}
 * @param inputs the run's inputs; empty, never null. Dify sends them as JSON text in a string (some
 * versions as an object): either way they arrive here parsed
 * @param outputs the run's outputs, empty until there are any; never null
 * @param error the error, when the run failed
 * @param totalSteps how many node executions ran
 * @param totalTokens tokens the run spent
 * @param createdAt when the run started, in epoch seconds
 * @param finishedAt when the run finished, in epoch seconds, or {@code null} while it runs
 * @param elapsedTime seconds the run took
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowRunDetail(
        String id,
        @JsonProperty("workflow_id") @Nullable String workflowId,
        @Nullable String status,
        @JsonDeserialize(using = JsonObjectOrText.class) Map<String, Object> inputs,
        @JsonDeserialize(using = JsonObjectOrText.class) Map<String, Object> outputs,
        @Nullable String error,
        @JsonProperty("total_steps") @Nullable Integer totalSteps,
        @JsonProperty("total_tokens") @Nullable Long totalTokens,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("finished_at") @Nullable Long finishedAt,
        @JsonProperty("elapsed_time") @Nullable Double elapsedTime) {

    /** Reads missing or {@code null} inputs and outputs as empty; their values may be {@code null}. */
    public WorkflowRunDetail {
        inputs = (inputs != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(inputs)) : Map.of();
        outputs = (outputs != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(outputs)) : Map.of();
    }
}
