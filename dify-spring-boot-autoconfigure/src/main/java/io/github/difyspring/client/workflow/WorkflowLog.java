package io.github.difyspring.client.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the workflow logs: a summary of one run (status, tokens, steps, timing) and who
 * started it. Node-level logs of finished runs are not available through the Service API.
 *
 * @param id the log entry id
 * @param workflowRun the run
 * @param createdFrom where the run came from, such as {@code service-api}
 * @param createdByRole who started it: {@code end_user} or {@code account}
 * @param createdByAccount the Dify account that started it, if an account did
 * @param createdByEndUser the end user that started it, if an end user did
 * @param createdAt when the entry was created, in epoch seconds
 * @param details more details, when the server gives any; empty, never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowLog(
        @Nullable String id,
        @JsonProperty("workflow_run") @Nullable Run workflowRun,
        @JsonProperty("created_from") @Nullable String createdFrom,
        @JsonProperty("created_by_role") @Nullable String createdByRole,
        @JsonProperty("created_by_account") @Nullable Account createdByAccount,
        @JsonProperty("created_by_end_user") @Nullable EndUser createdByEndUser,
        @JsonProperty("created_at") @Nullable Long createdAt,
        Map<String, Object> details) {

    /** Reads missing or {@code null} details as empty. */
    public WorkflowLog {
        details = (details != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(details)) : Map.of();
    }

    /**
     * The summary of the run a log entry records.
     *
     * @param id the workflow run id
     * @param version the workflow version that ran
     * @param status {@code running}, {@code succeeded}, {@code failed}, {@code stopped},
     * {@code partial-succeeded} or {@code paused}
     * @param error the error, when the run failed
     * @param elapsedTime seconds the run took
     * @param totalTokens tokens the run spent
     * @param totalSteps how many node executions ran
     * @param createdAt when the run started, in epoch seconds
     * @param finishedAt when the run finished, in epoch seconds
     * @param exceptionsCount how many nodes failed but were handled
     * @param triggeredFrom what started the run: {@code app-run}, {@code webhook}, {@code schedule}
     * or {@code plugin}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Run(
            @Nullable String id,
            @Nullable String version,
            @Nullable String status,
            @Nullable String error,
            @JsonProperty("elapsed_time") @Nullable Double elapsedTime,
            @JsonProperty("total_tokens") @Nullable Long totalTokens,
            @JsonProperty("total_steps") @Nullable Integer totalSteps,
            @JsonProperty("created_at") @Nullable Long createdAt,
            @JsonProperty("finished_at") @Nullable Long finishedAt,
            @JsonProperty("exceptions_count") @Nullable Integer exceptionsCount,
            @JsonProperty("triggered_from") @Nullable String triggeredFrom) {
    }

    /**
     * The Dify account (a workspace member) that started a run.
     *
     * @param id the account id
     * @param name its display name
     * @param email its email address
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(@Nullable String id, @Nullable String name, @Nullable String email) {
    }

    /**
     * The end user that started a run.
     *
     * @param id Dify's id of the end user
     * @param type the end user type, such as {@code service-api}
     * @param anonymous whether the end user is anonymous
     * @param sessionId the {@code user} the run was started with
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EndUser(@Nullable String id, @Nullable String type,
            @JsonProperty("is_anonymous") @Nullable Boolean anonymous,
            @JsonProperty("session_id") @Nullable String sessionId) {
    }
}
