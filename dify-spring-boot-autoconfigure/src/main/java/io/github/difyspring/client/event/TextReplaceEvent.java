package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The whole text a workflow has streamed so far, replaced: output moderation flagged it. Discard
 * every {@link TextChunkEvent} text received before it and show this text instead.
 *
 * @param taskId the task id, to stop the run with
 * @param workflowRunId the workflow run id
 * @param createdAt when the event was created, in epoch seconds
 * @param data the replacement text
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TextReplaceEvent(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("workflow_run_id") @Nullable String workflowRunId,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable TextChunkData data) implements DifyEvent {

    /** The wire name of this event type. */
    public static final String TYPE = "text_replace";

    @Override
    public String type() {
        return TYPE;
    }
}
