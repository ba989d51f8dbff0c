package dev.dify.spring.client.support;

import java.util.Map;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import dev.dify.spring.client.error.DifyDecodingException;
import dev.dify.spring.client.error.DifyStreamException;
import dev.dify.spring.client.event.*;

/**
 * Turns the data of one server-sent event into a typed {@link DifyEvent}. This is the one place
 * that knows Dify's event types: the type is read from the JSON {@code event} field (Dify does not
 * use the SSE {@code event:} field except for pings), then the JSON is decoded once into that
 * type's record.
 */
final class DifyEventReader {

    static final Map<String, Class<? extends DifyEvent>> EVENT_TYPES = Map.ofEntries(
            Map.entry(MessageEvent.TYPE, MessageEvent.class),
            Map.entry(AgentMessageEvent.TYPE, AgentMessageEvent.class),
            Map.entry(AgentThoughtEvent.TYPE, AgentThoughtEvent.class),
            Map.entry(MessageFileEvent.TYPE, MessageFileEvent.class),
            Map.entry(MessageEndEvent.TYPE, MessageEndEvent.class),
            Map.entry(MessageReplaceEvent.TYPE, MessageReplaceEvent.class),
            Map.entry(TtsMessageEvent.TYPE, TtsMessageEvent.class),
            Map.entry(TtsMessageEndEvent.TYPE, TtsMessageEndEvent.class),
            Map.entry(WorkflowStartedEvent.TYPE, WorkflowStartedEvent.class),
            Map.entry(WorkflowFinishedEvent.TYPE, WorkflowFinishedEvent.class),
            Map.entry(WorkflowPausedEvent.TYPE, WorkflowPausedEvent.class),
            Map.entry(NodeStartedEvent.TYPE, NodeStartedEvent.class),
            Map.entry(NodeFinishedEvent.TYPE, NodeFinishedEvent.class),
            Map.entry(NodeRetryEvent.TYPE, NodeRetryEvent.class),
            Map.entry(IterationStartedEvent.TYPE, IterationStartedEvent.class),
            Map.entry(IterationNextEvent.TYPE, IterationNextEvent.class),
            Map.entry(IterationCompletedEvent.TYPE, IterationCompletedEvent.class),
            Map.entry(LoopStartedEvent.TYPE, LoopStartedEvent.class),
            Map.entry(LoopNextEvent.TYPE, LoopNextEvent.class),
            Map.entry(LoopCompletedEvent.TYPE, LoopCompletedEvent.class),
            Map.entry(TextChunkEvent.TYPE, TextChunkEvent.class),
            Map.entry(ReasoningChunkEvent.TYPE, ReasoningChunkEvent.class),
            Map.entry(AgentLogEvent.TYPE, AgentLogEvent.class),
            Map.entry(HumanInputRequiredEvent.TYPE, HumanInputRequiredEvent.class),
            Map.entry(HumanInputFormFilledEvent.TYPE, HumanInputFormFilledEvent.class),
            Map.entry(HumanInputFormTimeoutEvent.TYPE, HumanInputFormTimeoutEvent.class),
            Map.entry(ParallelBranchStartedEvent.TYPE, ParallelBranchStartedEvent.class),
            Map.entry(ParallelBranchFinishedEvent.TYPE, ParallelBranchFinishedEvent.class));

    private final String appName;

    private final String operation;

    private final BiFunction<String, Class<?>, Object> json;

    /**
     * Creates a reader for one stream.
     * @param appName the app, for error messages
     * @param operation the request, for error messages
     * @param json decodes JSON text into a given type, throwing on malformed input
     */
    DifyEventReader(String appName, String operation, BiFunction<String, Class<?>, Object> json) {
        this.appName = appName;
        this.operation = operation;
        this.json = json;
    }

    /**
     * Reads one event.
     * @param data the SSE data (the JSON text)
     * @param sseEventName the SSE {@code event:} field, or {@code null}
     * @return the typed event
     * @throws DifyStreamException for Dify's {@code error} event
     * @throws DifyDecodingException when the data is not a JSON object or does not fit its type
     */
    DifyEvent read(String data, @Nullable String sseEventName) {
        String type;
        try {
            type = JsonFields.topLevelString(data, "event");
        }
        catch (IllegalArgumentException ex) {
            throw new DifyDecodingException(this.appName, describe("an event that is not valid JSON (" + ex.getMessage() + ")", data),
                    sseEventName, ex);
        }
        if (StreamErrorEvent.TYPE.equals(type)) {
            StreamErrorEvent error = decode(data, type, StreamErrorEvent.class);
            throw new DifyStreamException(this.appName, this.operation, error.code(), error.status(), error.message(),
                    error.taskId(), error.messageId(), error.conversationId(), error.workflowRunId());
        }
        Class<? extends DifyEvent> eventClass = (type != null) ? EVENT_TYPES.get(type) : null;
        if (eventClass != null) {
            return decode(data, type, eventClass);
        }
        String unknownType = (type != null) ? type : (sseEventName != null) ? sseEventName : "";
        // Decoded only to prove the JSON is whole: an unknown event must be intact, not just present.
        decode(data, unknownType, Map.class);
        return new UnknownEvent(unknownType, JsonFields.topLevelString(data, "task_id"), data);
    }

    /**
     * Reads one event without decoding it: only its type and task id are taken from the JSON's top
     * level. The JSON is checked only as far as that scan goes.
     * @param data the SSE data (the JSON text)
     * @param sseEventName the SSE {@code event:} field, or {@code null}
     * @return the raw event
     * @throws DifyStreamException for Dify's {@code error} event
     * @throws DifyDecodingException when the data is not a JSON object
     */
    DifyRawEvent readRaw(String data, @Nullable String sseEventName) {
        String type;
        String taskId;
        try {
            type = JsonFields.topLevelString(data, "event");
            taskId = JsonFields.topLevelString(data, "task_id");
        }
        catch (IllegalArgumentException ex) {
            throw new DifyDecodingException(this.appName, describe("an event that is not valid JSON (" + ex.getMessage() + ")", data),
                    sseEventName, ex);
        }
        if (StreamErrorEvent.TYPE.equals(type)) {
            read(data, sseEventName); // raises the DifyStreamException
        }
        return new DifyRawEvent((type != null) ? type : (sseEventName != null) ? sseEventName : "", taskId, data);
    }

    private <T> T decode(String data, String type, Class<T> target) {
        try {
            return target.cast(this.json.apply(data, target));
        }
        catch (RuntimeException ex) {
            throw new DifyDecodingException(this.appName, describe("a '" + type + "' event it could not decode", data), type, ex);
        }
    }

    private String describe(String what, String data) {
        String shown = (data.length() > 300) ? data.substring(0, 300) + "... (" + data.length() + " chars)" : data;
        return "Dify app '" + this.appName + "': " + this.operation + " stream sent " + what + ": " + shown;
    }
}
