package io.github.difyspring.sample.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;

import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.error.DifyTimeoutException;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.sample.SampleProperties;

/**
 * Relays a Dify stream to the browser as server-sent events: each Dify event goes out as it
 * arrives, as {@code event: <type>} with {@code data:} the event's JSON exactly as Dify sent it.
 * Dify's pings are not relayed; SSE comment heartbeats keep the connection alive instead. An error
 * event, or a failure after the stream started, goes out as an {@code error} event and ends the
 * stream. When the browser goes away, the request to Dify is cancelled, which closes its
 * connection, and for a message or run the Dify client asks Dify to stop the task (its
 * {@code stopOnCancel} option, on by default), so that no tokens are spent for nobody. A resumed
 * run's stream only watches a run its form submission already resumed, so its cancellation stops
 * nothing: a browser's {@code EventSource} reconnects after any network blip, and a stop would end
 * the run it means to follow.
 */
@Component
class EventStreamRelay {

    private static final Log logger = LogFactory.getLog(EventStreamRelay.class);

    private static final ServerSentEvent<String> HEARTBEAT = ServerSentEvent.<String>builder().comment("heartbeat").build();

    private final Duration heartbeatInterval;

    private final JsonMapper json;

    EventStreamRelay(SampleProperties properties, JsonMapper json) {
        this.heartbeatInterval = properties.getStream().getHeartbeatInterval();
        this.json = json;
    }

    /**
     * The response that relays a stream.
     * @param app the app's name, for logs
     * @param user the Dify end user the stream belongs to
     * @param upstream Dify's events, from a client that stops the task of a cancelled message or run
     * (a resumed run's stream stops nothing); subscribed once, when the response is written
     * @return a {@code text/event-stream} response
     */
    ResponseEntity<Flux<ServerSentEvent<String>>> response(String app, String user, Flux<DifyRawEvent> upstream) {
        return ResponseEntity.ok()
            .contentType(MediaType.TEXT_EVENT_STREAM)
            // Tells reverse proxies such as nginx not to buffer the stream.
            .header("X-Accel-Buffering", "no")
            .body(relay(app, user, upstream));
    }

    Flux<ServerSentEvent<String>> relay(String app, String user, Flux<DifyRawEvent> upstream) {
        return Flux.defer(() -> {
            AtomicReference<@Nullable String> taskId = new AtomicReference<>();
            AtomicBoolean sentSomething = new AtomicBoolean();
            Sinks.Empty<Void> ended = Sinks.empty();
            // A failure travels as an item, so that the upstream ends without being cancelled: merge
            // cancels a source that fails, and the client stops the Dify task of a cancelled stream.
            Flux<Relayed> events = upstream
                .doOnNext((event) -> {
                    if (event.taskId() != null) {
                        taskId.compareAndSet(null, event.taskId());
                    }
                })
                .doFinally((signal) -> {
                    if (signal == SignalType.CANCEL) {
                        logger.debug("The client of app '" + app + "' for user '" + user + "' went away; its stream (task "
                                + taskId.get() + ") is cancelled");
                    }
                })
                .map((event) -> new Relayed(toServerSentEvent(event), null))
                .onErrorResume((ex) -> Mono.just(new Relayed(null, ex)))
                .doFinally((signal) -> ended.tryEmitEmpty());
            Flux<Relayed> heartbeats = Flux.interval(this.heartbeatInterval, this.heartbeatInterval)
                .map((tick) -> new Relayed(HEARTBEAT, null))
                .takeUntilOther(ended.asMono());
            return Flux.merge(events, heartbeats)
                .takeUntil((relayed) -> relayed.failure() != null)
                .handle((relayed, sink) -> {
                    Throwable failure = relayed.failure();
                    if (failure == null) {
                        sentSomething.set(true);
                        sink.next(relayed.event());
                    }
                    else if (failure instanceof DifyStreamException streamError) {
                        sink.next(errorEvent(streamError, taskId.get()));
                    }
                    else if (!sentSomething.get()) {
                        // Nothing is committed yet: the failure becomes an HTTP answer with its status.
                        sink.error(failure);
                    }
                    else {
                        logger.warn("The stream of app '" + app + "' for user '" + user + "' broke: " + failure.getMessage());
                        sink.next(errorEvent(failure, taskId.get()));
                    }
                });
        });
    }

    /** An event to send, or the failure that ends the stream. */
    private record Relayed(@Nullable ServerSentEvent<String> event, @Nullable Throwable failure) {
    }

    private static ServerSentEvent<String> toServerSentEvent(DifyRawEvent event) {
        ServerSentEvent.Builder<String> sse = ServerSentEvent.builder(event.json());
        if (!event.type().isEmpty()) {
            sse.event(event.type());
        }
        return sse.build();
    }

    /** Dify's own error event, rebuilt from the exception that carries its fields. */
    private ServerSentEvent<String> errorEvent(DifyStreamException ex, @Nullable String knownTaskId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "error");
        putIfPresent(event, "task_id", (ex.getTaskId() != null) ? ex.getTaskId() : knownTaskId);
        putIfPresent(event, "message_id", ex.getMessageId());
        putIfPresent(event, "conversation_id", ex.getConversationId());
        putIfPresent(event, "workflow_run_id", ex.getWorkflowRunId());
        putIfPresent(event, "code", ex.getCode());
        putIfPresent(event, "status", ex.getStatus());
        putIfPresent(event, "message", ex.getDifyMessage());
        return ServerSentEvent.builder(this.json.writeValueAsString(event)).event("error").build();
    }

    /** An error event for a failure that is not Dify's: the connection broke, an event was unreadable. */
    private ServerSentEvent<String> errorEvent(Throwable ex, @Nullable String taskId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "error");
        putIfPresent(event, "task_id", taskId);
        if (ex instanceof DifyApiException api) {
            event.put("code", (api.getCode() != null) ? api.getCode() : "dify_error");
            event.put("status", api.getStatusCode().value());
            event.put("message", (api.getDifyMessage() != null) ? api.getDifyMessage() : "Dify answered HTTP " + api.getStatusCode().value());
        }
        else {
            event.put("code", (ex instanceof DifyTimeoutException) ? "dify_timeout"
                    : (ex instanceof DifyConnectionException) ? "dify_unreachable" : "stream_interrupted");
            event.put("status", 502);
            event.put("message", "The stream from Dify was interrupted");
        }
        return ServerSentEvent.builder(this.json.writeValueAsString(event)).event("error").build();
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
