package io.github.difyspring.client.chat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.HasUsage;
import io.github.difyspring.client.core.MessageMetadata;
import io.github.difyspring.client.core.Usage;
import io.github.difyspring.client.core.WorkflowPause;

/**
 * The whole answer to a chat message; or, when a chatflow paused for human input before its
 * answer was complete, the answer so far and the pause ({@link #isPaused()}, {@link #pause()}):
 * fill in the forms of its reasons, then follow the run with {@code resumeStream(workflowRunId, ...)}.
 *
 * @param event the event name Dify gives a blocking answer: {@code message}, or
 * {@code workflow_paused} for a chatflow that paused
 * @param taskId the task that produced it
 * @param id the answer's id (the message id)
 * @param messageId the message id
 * @param conversationId the conversation, to continue it with the next message
 * @param mode the app mode: {@code chat}, {@code agent-chat} or {@code advanced-chat}; {@code null} for an
 * agent's answer, which the client assembles from its stream (Dify names no mode there)
 * @param answer the full answer text
 * @param metadata usage figures and the knowledge the answer cites
 * @param createdAt when the message was created, in epoch seconds
 * @param workflowRunId the chatflow's workflow run, to resume a paused run with; {@code null}
 * outside paused answers
 * @param pause why the chatflow paused, with the forms to fill in; {@code null} unless it paused
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatResponse(
        @Nullable String event,
        @JsonProperty("task_id") @Nullable String taskId,
        @Nullable String id,
        @JsonProperty("message_id") @Nullable String messageId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @Nullable String mode,
        String answer,
        MessageMetadata metadata,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("workflow_run_id") @Nullable String workflowRunId,
        @JsonProperty("data") @Nullable WorkflowPause pause) implements HasUsage {

    /** The {@code event} of a blocking answer whose chatflow paused. */
    public static final String PAUSED = "workflow_paused";

    /**
     * An answer that is complete: not paused.
     * @param event the event name, {@code message}
     * @param taskId the task that produced it
     * @param id the answer's id
     * @param messageId the message id
     * @param conversationId the conversation
     * @param mode the app mode
     * @param answer the answer text
     * @param metadata usage and citations
     * @param createdAt when the message was created, in epoch seconds
     */
    public ChatResponse(@Nullable String event, @Nullable String taskId, @Nullable String id, @Nullable String messageId,
            @Nullable String conversationId, @Nullable String mode, String answer, MessageMetadata metadata, @Nullable Long createdAt) {
        this(event, taskId, id, messageId, conversationId, mode, answer, metadata, createdAt, null, null);
    }

    /** Reads a missing answer as empty and missing metadata as no usage and no citations. */
    public ChatResponse {
        answer = (answer != null) ? answer : "";
        metadata = (metadata != null) ? metadata : MessageMetadata.empty();
    }

    /**
     * Whether the chatflow paused for human input: the answer is only what it had generated so far.
     * @return {@code true} for a paused run
     */
    @JsonIgnore
    public boolean isPaused() {
        return PAUSED.equals(this.event) || this.pause != null;
    }

    /**
     * The tokens and price of this answer, from its metadata.
     * @return the usage, or {@code null} when Dify sent none
     */
    @Override
    public @Nullable Usage usage() {
        return this.metadata.usage();
    }
}
