package io.github.difyspring.client.event;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.MessageMetadata;
import io.github.difyspring.client.core.WorkflowRunData;

/**
 * Assembles the answer a stream carries, event by event, as Dify means it for every app mode: a
 * chat, chatflow or completion answer is the {@code message} fragments in order; an agent's is its
 * {@code agent_message} fragments, unless a closing {@code message} (or, when the answer has files,
 * {@code message_file}) brings the whole final answer, which then replaces them (New Agent apps
 * stream their working text as {@code agent_message} and close with the answer);
 * {@code message_replace} replaces the answer (output moderation); a workflow's text is its
 * {@code text_chunk} fragments, replaced by {@code text_replace}. It also keeps the ids, the
 * message's metadata (usage, citations), and how a workflow run ended or paused.
 *
 * <p>With Reactor: {@code events.collect(StreamedAnswer::new, StreamedAnswer::add)}; by hand:
 * {@code answer.add(event)} for each event, reading {@link #text()} as it grows. Not thread-safe:
 * one answer is assembled from one stream, whose events arrive one after another.
 */
public final class StreamedAnswer {

    private final StringBuilder answer = new StringBuilder();

    private final StringBuilder workflowText = new StringBuilder();

    private boolean answerSeen;

    private boolean agentMessageSeen;

    private @Nullable String taskId;

    private @Nullable String messageId;

    private @Nullable String conversationId;

    private @Nullable String workflowRunId;

    private @Nullable Long createdAt;

    private @Nullable MessageMetadata metadata;

    private boolean messageEnded;

    private @Nullable WorkflowRunData run;

    private @Nullable WorkflowPausedData pause;

    /**
     * Takes one event into the answer. Events that carry no part of the answer (node events,
     * thoughts, audio) only lend their ids.
     * @param event the next event of the stream
     * @return this answer
     */
    public StreamedAnswer add(DifyEvent event) {
        if (event instanceof MessageEvent message) {
            remember(message.taskId(), message.messageId(), message.conversationId(), null, message.createdAt());
            if (this.agentMessageSeen) {
                replaceAnswer(message.answer());
            }
            else {
                appendAnswer(message.answer());
            }
        }
        else if (event instanceof AgentMessageEvent message) {
            remember(message.taskId(), message.messageId(), message.conversationId(), null, message.createdAt());
            this.agentMessageSeen = true;
            appendAnswer(message.answer());
        }
        else if (event instanceof MessageFileEvent file) {
            remember(file.taskId(), file.messageId(), file.conversationId(), null, file.createdAt());
            if (file.answer() != null) {
                replaceAnswer(file.answer());
            }
        }
        else if (event instanceof MessageReplaceEvent replace) {
            remember(replace.taskId(), replace.messageId(), replace.conversationId(), null, replace.createdAt());
            replaceAnswer(replace.answer());
        }
        else if (event instanceof MessageEndEvent end) {
            remember(end.taskId(), end.messageId(), end.conversationId(), null, end.createdAt());
            this.metadata = end.metadata();
            this.messageEnded = true;
        }
        else if (event instanceof TextChunkEvent chunk) {
            remember(chunk.taskId(), chunk.messageId(), chunk.conversationId(), chunk.workflowRunId(), chunk.createdAt());
            this.workflowText.append(textOf(chunk.data()));
        }
        else if (event instanceof TextReplaceEvent replace) {
            remember(replace.taskId(), null, null, replace.workflowRunId(), replace.createdAt());
            this.workflowText.setLength(0);
            this.workflowText.append(textOf(replace.data()));
        }
        else if (event instanceof WorkflowStartedEvent started) {
            remember(started.taskId(), started.messageId(), started.conversationId(), started.workflowRunId(), started.createdAt());
        }
        else if (event instanceof WorkflowFinishedEvent finished) {
            remember(finished.taskId(), finished.messageId(), finished.conversationId(), finished.workflowRunId(), finished.createdAt());
            this.run = finished.data();
        }
        else if (event instanceof WorkflowPausedEvent paused) {
            remember(paused.taskId(), paused.messageId(), paused.conversationId(), paused.workflowRunId(), paused.createdAt());
            this.pause = paused.data();
        }
        else {
            remember(event.taskId(), null, null, null, null);
        }
        return this;
    }

    private void appendAnswer(@Nullable String fragment) {
        this.answerSeen = true;
        if (fragment != null) {
            this.answer.append(fragment);
        }
    }

    private void replaceAnswer(@Nullable String whole) {
        this.answer.setLength(0);
        appendAnswer(whole);
    }

    private static String textOf(@Nullable TextChunkData data) {
        return (data != null && data.text() != null) ? data.text() : "";
    }

    private void remember(@Nullable String taskId, @Nullable String messageId, @Nullable String conversationId,
            @Nullable String workflowRunId, @Nullable Long createdAt) {
        this.taskId = (this.taskId != null) ? this.taskId : taskId;
        this.messageId = (this.messageId != null) ? this.messageId : messageId;
        this.conversationId = (this.conversationId != null) ? this.conversationId : conversationId;
        this.workflowRunId = (this.workflowRunId != null) ? this.workflowRunId : workflowRunId;
        this.createdAt = (this.createdAt != null) ? this.createdAt : createdAt;
    }

    /**
     * The answer so far: the message's text in chat, agent, chatflow and completion apps; the
     * streamed text output in workflow apps (see {@link #run()} for a workflow's outputs).
     * @return the text, empty before any arrived
     */
    public String text() {
        return this.answerSeen ? this.answer.toString() : this.workflowText.toString();
    }

    /**
     * The task of the stream, to stop it with.
     * @return the first task id the stream carried, or {@code null}
     */
    public @Nullable String taskId() {
        return this.taskId;
    }

    /**
     * The message the answer is, in chat, agent, chatflow and completion apps.
     * @return the message id, or {@code null}
     */
    public @Nullable String messageId() {
        return this.messageId;
    }

    /**
     * The conversation, to continue it with the next message.
     * @return the conversation id, or {@code null} outside chat apps
     */
    public @Nullable String conversationId() {
        return this.conversationId;
    }

    /**
     * The workflow run, in chatflow and workflow apps.
     * @return the workflow run id, or {@code null}
     */
    public @Nullable String workflowRunId() {
        return this.workflowRunId;
    }

    /**
     * When the first event that said so was created.
     * @return epoch seconds, or {@code null}
     */
    public @Nullable Long createdAt() {
        return this.createdAt;
    }

    /**
     * The message's usage and citations, from {@code message_end}.
     * @return the metadata, or {@code null} before {@code message_end}
     */
    public @Nullable MessageMetadata metadata() {
        return this.metadata;
    }

    /**
     * Whether {@code message_end} arrived, so the message's answer is complete.
     * @return {@code true} once it did
     */
    public boolean messageEnded() {
        return this.messageEnded;
    }

    /**
     * How the workflow run ended, from {@code workflow_finished}: status, outputs, error.
     * @return the run, or {@code null} before {@code workflow_finished}
     */
    public @Nullable WorkflowRunData run() {
        return this.run;
    }

    /**
     * Why the workflow run paused, from {@code workflow_paused}: the paused nodes and their reasons,
     * such as a human-input form to fill in before the run is resumed.
     * @return the pause, or {@code null} when the run did not pause
     */
    public @Nullable WorkflowPausedData pause() {
        return this.pause;
    }

    @Override
    public String toString() {
        return "StreamedAnswer[taskId=" + this.taskId + ", messageId=" + this.messageId + ", " + text().length() + " characters]";
    }
}
