package io.github.difyspring.client.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The wire form of Dify's {@code error} stream event, read only to raise a
 * {@link io.github.difyspring.client.error.DifyStreamException}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StreamErrorEvent(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("message_id") @Nullable String messageId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("workflow_run_id") @Nullable String workflowRunId,
        @Nullable Integer status,
        @Nullable String code,
        @Nullable String message) {

    static final String TYPE = "error";
}
