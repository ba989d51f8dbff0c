package io.github.difyspring.client.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.event.AgentLogEvent;
import io.github.difyspring.client.event.AgentMessageEvent;
import io.github.difyspring.client.event.AgentThoughtEvent;
import io.github.difyspring.client.event.DatasourceCompletedEvent;
import io.github.difyspring.client.event.DatasourceProcessingEvent;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.event.HumanInputFormFilledEvent;
import io.github.difyspring.client.event.HumanInputFormTimeoutEvent;
import io.github.difyspring.client.event.HumanInputRequiredEvent;
import io.github.difyspring.client.event.IterationCompletedEvent;
import io.github.difyspring.client.event.IterationNextEvent;
import io.github.difyspring.client.event.IterationStartedEvent;
import io.github.difyspring.client.event.LoopCompletedEvent;
import io.github.difyspring.client.event.LoopNextEvent;
import io.github.difyspring.client.event.LoopStartedEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.MessageFileEvent;
import io.github.difyspring.client.event.MessageReplaceEvent;
import io.github.difyspring.client.event.NodeFinishedEvent;
import io.github.difyspring.client.event.NodeRetryEvent;
import io.github.difyspring.client.event.NodeStartedEvent;
import io.github.difyspring.client.event.ParallelBranchFinishedEvent;
import io.github.difyspring.client.event.ParallelBranchStartedEvent;
import io.github.difyspring.client.event.ReasoningChunkEvent;
import io.github.difyspring.client.event.TextChunkEvent;
import io.github.difyspring.client.event.TextReplaceEvent;
import io.github.difyspring.client.event.TtsMessageEndEvent;
import io.github.difyspring.client.event.TtsMessageEvent;
import io.github.difyspring.client.event.UndecodableEvent;
import io.github.difyspring.client.event.UnknownEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.event.WorkflowPausedEvent;
import io.github.difyspring.client.event.WorkflowStartedEvent;

/**
 * Turns the data of one server-sent event into a typed {@link DifyEvent}. This is the one place
 * that knows Dify's event types: the type is read from the JSON {@code event} field (Dify does not
 * use the SSE {@code event:} field except for pings), then the JSON is decoded once into that
 * type's record.
 */
final class DifyEventReader {

    private static final Log logger = LogFactory.getLog(DifyEventReader.class);

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
            Map.entry(ParallelBranchFinishedEvent.TYPE, ParallelBranchFinishedEvent.class),
            Map.entry(TextReplaceEvent.TYPE, TextReplaceEvent.class),
            Map.entry(DatasourceProcessingEvent.TYPE, DatasourceProcessingEvent.class),
            Map.entry(DatasourceCompletedEvent.TYPE, DatasourceCompletedEvent.class));

    /**
     * A knowledge pipeline's datasource node run failed: Dify sends it as the stream's last event
     * ({@code RagPipelineService.run_datasource_workflow_node}), so it ends the stream like
     * {@code error}.
     */
    static final String DATASOURCE_ERROR = "datasource_error";

    private final String appName;

    private final String operation;

    /** The event types already logged at WARN in this stream: a stream of bad events logs once per type. */
    private final Set<String> warnedTypes = new HashSet<>();

    /**
     * Creates a reader for one stream.
     * @param appName the app, for error messages
     * @param operation the request, for error messages
     */
    DifyEventReader(String appName, String operation) {
        this.appName = appName;
        this.operation = operation;
    }

    /**
     * Reads one event. An event that cannot be read (malformed JSON, or a field that does not fit
     * its type's record) becomes an {@link UndecodableEvent} rather than an error, so the stream
     * goes on; the first one of each type in a stream is logged at WARN, later ones at DEBUG.
     * @param data the SSE data (the JSON text)
     * @param sseEventName the SSE {@code event:} field, or {@code null}
     * @return the typed event
     * @throws DifyStreamException for Dify's {@code error} event
     */
    DifyEvent read(String data, @Nullable String sseEventName) {
        String type;
        try {
            type = JsonFields.topLevelString(data, "event");
        }
        catch (IllegalArgumentException ex) {
            String named = (sseEventName != null) ? sseEventName : "";
            return undecodable(named, data, "an event that is not valid JSON (" + ex.getMessage() + ")", ex);
        }
        throwIfEnding(type, data);
        Class<? extends DifyEvent> eventClass = (type != null) ? EVENT_TYPES.get(type) : null;
        String typeName = (type != null) ? type : (sseEventName != null) ? sseEventName : "";
        try {
            if (eventClass != null) {
                return DifyJson.read(data, eventClass);
            }
            // Decoded only to prove the JSON is whole: an unknown event must be intact, not just present.
            DifyJson.read(data, Map.class);
            return new UnknownEvent(typeName, JsonFields.topLevelString(data, "task_id"), data);
        }
        catch (RuntimeException ex) {
            return undecodable(typeName, data, "a '" + typeName + "' event it could not decode (" + ex.getMessage() + ")", ex);
        }
    }

    private UndecodableEvent undecodable(String type, String data, String what, RuntimeException cause) {
        DifyDecodingException error = new DifyDecodingException(this.appName, describe(what, data), type.isEmpty() ? null : type, cause);
        if (this.warnedTypes.add(type)) {
            logger.warn(error.getMessage() + "; it is passed on as it came and the stream goes on");
        }
        else if (logger.isDebugEnabled()) {
            logger.debug(error.getMessage());
        }
        return new UndecodableEvent(type, taskIdOrNull(data), data, error);
    }

    private static @Nullable String taskIdOrNull(String data) {
        try {
            return JsonFields.topLevelString(data, "task_id");
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /**
     * The exception for Dify's {@code error} event; an error event that cannot be read still ends
     * the stream, with what could be read of it.
     */
    private DifyStreamException streamError(String data) {
        try {
            StreamErrorEvent error = DifyJson.read(data, StreamErrorEvent.class);
            return new DifyStreamException(this.appName, this.operation, error.code(), error.status(), error.message(),
                    error.taskId(), error.messageId(), error.conversationId(), error.workflowRunId());
        }
        catch (RuntimeException ex) {
            return new DifyStreamException(this.appName, this.operation, null, null, describe("an error event it could not decode", data),
                    taskIdOrNull(data), null, null, null);
        }
    }

    /**
     * The exception for a knowledge pipeline's {@code datasource_error} event, {@code {"event":
     * "datasource_error", "error": "<text>"}}: its code is the event type, its message the error text.
     */
    private DifyStreamException datasourceError(String data) {
        String error;
        try {
            error = JsonFields.topLevelString(data, "error");
        }
        catch (IllegalArgumentException ex) {
            error = describe("a datasource_error event it could not decode", data);
        }
        return new DifyStreamException(this.appName, this.operation, DATASOURCE_ERROR, null, error, null, null, null, null);
    }

    /**
     * Reads one event without decoding it: only its type and task id are taken from the JSON's top
     * level. The JSON is checked only as far as that scan goes; data that is not a JSON object is
     * still passed on as it came, named by its SSE {@code event:} field, and logged like an
     * undecodable event.
     * @param data the SSE data (the JSON text)
     * @param sseEventName the SSE {@code event:} field, or {@code null}
     * @return the raw event
     * @throws DifyStreamException for Dify's {@code error} event
     */
    DifyRawEvent readRaw(String data, @Nullable String sseEventName) {
        String type;
        String taskId;
        try {
            type = JsonFields.topLevelString(data, "event");
            taskId = JsonFields.topLevelString(data, "task_id");
        }
        catch (IllegalArgumentException ex) {
            UndecodableEvent undecodable = undecodable((sseEventName != null) ? sseEventName : "", data,
                    "an event that is not valid JSON (" + ex.getMessage() + ")", ex);
            return new DifyRawEvent(undecodable.type(), null, data);
        }
        throwIfEnding(type, data);
        return new DifyRawEvent((type != null) ? type : (sseEventName != null) ? sseEventName : "", taskId, data);
    }

    /** Ends the stream on the event types that end it with a failure: {@code error} and {@code datasource_error}. */
    private void throwIfEnding(@Nullable String type, String data) {
        if (StreamErrorEvent.TYPE.equals(type)) {
            throw streamError(data);
        }
        if (DATASOURCE_ERROR.equals(type)) {
            throw datasourceError(data);
        }
    }

    private String describe(String what, String data) {
        String shown = (data.length() > 300) ? data.substring(0, 300) + "... (" + data.length() + " chars)" : data;
        return "Dify app '" + this.appName + "': " + this.operation + " stream sent " + what + ": " + shown;
    }
}
