package io.github.difyspring.client.event;

import org.jspecify.annotations.Nullable;

/**
 * One event of a Dify stream. Every event type Dify sends today has its own record; any type this
 * library does not know yet arrives as an {@link UnknownEvent} that keeps its type name and JSON, so
 * nothing the server sends is lost. An event that cannot be read (malformed JSON, a field of an
 * unexpected shape) arrives as an {@link UndecodableEvent} with its JSON and the error, and the
 * stream goes on.
 *
 * <p>Keep-alive pings are not surfaced, and an {@code error} event (or a knowledge pipeline's
 * {@code datasource_error}) ends the stream with a
 * {@link io.github.difyspring.client.error.DifyStreamException} after every earlier event was delivered.
 * A stream ends when the server closes it, never on a particular event.
 */
public sealed interface DifyEvent
        permits MessageEvent, AgentMessageEvent, AgentThoughtEvent, MessageFileEvent, MessageEndEvent, MessageReplaceEvent, TtsMessageEvent, TtsMessageEndEvent, WorkflowStartedEvent, WorkflowFinishedEvent, WorkflowPausedEvent, NodeStartedEvent, NodeFinishedEvent, NodeRetryEvent, IterationStartedEvent, IterationNextEvent, IterationCompletedEvent, LoopStartedEvent, LoopNextEvent, LoopCompletedEvent, TextChunkEvent, ReasoningChunkEvent, AgentLogEvent, HumanInputRequiredEvent, HumanInputFormFilledEvent, HumanInputFormTimeoutEvent, ParallelBranchStartedEvent, ParallelBranchFinishedEvent, TextReplaceEvent, DatasourceProcessingEvent, DatasourceCompletedEvent, UndecodableEvent, UnknownEvent {

    /**
     * The event type as Dify names it on the wire, such as {@code message} or {@code node_finished}.
     * @return the wire type name
     */
    String type();

    /**
     * The id of the task that produces this stream, which stops it early.
     * @return the task id, or {@code null} if the event carries none
     */
    @Nullable String taskId();
}
