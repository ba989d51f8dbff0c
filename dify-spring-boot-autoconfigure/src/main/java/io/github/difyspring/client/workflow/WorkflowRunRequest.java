package io.github.difyspring.client.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.internal.RequestSupport;

/**
 * A run of a workflow app. Immutable; build one with {@link #of(Map)} or {@link #builder()}.
 *
 * @param inputs values for the workflow's input variables (a file variable takes a
 * {@link DifyFile#toWire()} map or a list of them)
 * @param user the end user, or {@code null} for the app's default user
 * @param files files for the workflow's {@code sys.files} variable
 * @param traceId the {@code X-Trace-Id} to correlate Dify's trace with yours, or {@code null}
 * @param workflowId a published version of the workflow to run ({@code POST /workflows/{workflow_id}/run}),
 * as the {@code workflow_id} of a run answers it, or {@code null} for the latest version
 * ({@code POST /workflows/run}). Dify rejects a draft version with HTTP 400 ({@code bad_request}),
 * and Dify Cloud's sandbox plan rejects the call with HTTP 403.
 */
public record WorkflowRunRequest(Map<String, Object> inputs, @Nullable String user, List<DifyFile> files,
        @Nullable String traceId, @Nullable String workflowId) {

    /**
     * Checks the request and makes its collections unmodifiable.
     */
    public WorkflowRunRequest {
        inputs = RequestSupport.inputs(inputs);
        files = (files != null) ? List.copyOf(files) : List.of();
        RequestSupport.traceId(traceId);
    }

    /**
     * A run with these inputs, by the app's default user.
     * @param inputs the input variables
     * @return the request
     */
    public static WorkflowRunRequest of(Map<String, ?> inputs) {
        return builder().inputs(inputs).build();
    }

    /**
     * Starts a request.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts with this request's values.
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder().inputs(this.inputs).user(this.user).traceId(this.traceId).workflowId(this.workflowId);
        builder.files.addAll(this.files);
        return builder;
    }


    /**
     * Builds a {@link WorkflowRunRequest}.
     */
    public static final class Builder {

        private final Map<String, Object> inputs = new LinkedHashMap<>();

        private @Nullable String user;

        private final List<DifyFile> files = new ArrayList<>();

        private @Nullable String traceId;

        private @Nullable String workflowId;

        private Builder() {
        }

        /**
         * Sets one input variable.
         * @param name the variable name
         * @param value its value
         * @return this builder
         */
        public Builder input(String name, @Nullable Object value) {
            this.inputs.put(name, value);
            return this;
        }

        /**
         * Adds input variables.
         * @param inputs the variables
         * @return this builder
         */
        public Builder inputs(Map<String, ?> inputs) {
            this.inputs.putAll(inputs);
            return this;
        }

        /**
         * Sets the end user.
         * @param user the user id, or {@code null} for the app's default user
         * @return this builder
         */
        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        /**
         * Adds a file.
         * @param file the file
         * @return this builder
         */
        public Builder file(DifyFile file) {
            this.files.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Sets the trace id sent as {@code X-Trace-Id}.
         * @param traceId 1 to 128 of {@code [A-Za-z0-9_-]}, or {@code null}
         * @return this builder
         */
        public Builder traceId(@Nullable String traceId) {
            this.traceId = traceId;
            return this;
        }

        /**
         * Runs a published version of the workflow rather than the latest one.
         * @param workflowId the version, as the {@code workflow_id} of a run answers it, or
         * {@code null} for the latest
         * @return this builder
         */
        public Builder workflowId(@Nullable String workflowId) {
            this.workflowId = workflowId;
            return this;
        }

        /**
         * Builds the request.
         * @return the request
         * @throws IllegalArgumentException when the trace id is malformed
         */
        public WorkflowRunRequest build() {
            return new WorkflowRunRequest(this.inputs, this.user, this.files, this.traceId, this.workflowId);
        }
    }
}
