package io.github.difyspring.client.reliability;

import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.error.DifyStreamIdleTimeoutException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.test.DifyFault;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream the client stops reading for any reason other than Dify closing it (the idle limit, an
 * event over the size limit, a cut connection, a failure downstream) is stopped on Dify's side, as a
 * cancelled one is, so Dify stops spending tokens; a stream Dify ended itself (closed, or with an
 * {@code error} event) is not, and {@code stop-on-cancel=false} turns every stop off. The streams
 * are the test double's, but for the one cut in the middle of an event.
 */
class AbandonedStreamTests extends ReliabilityTestSupport {

    private static final String USER = "u-9";

    private DifyClients clientsOn(DifyAppType type, DifyClientOptions options) {
        return clientsOnDify(type, null, options, DifyPoolOptions.defaults(), WebClient.builder());
    }

    private static Flux<DifyEvent> chat(DifyClients clients) {
        return clients.chat("chat-app").stream(ChatRequest.builder().query("Hi").user(USER).build());
    }

    /** Runs the stream to its end, which must be the given failure, after the first event; returns that event. */
    private static DifyEvent failsWith(Flux<DifyEvent> stream, Class<? extends Throwable> failure) {
        Outcome<DifyEvent> outcome = failing(stream);
        assertThat(outcome.items()).hasSize(1);
        assertThat(outcome.error()).isInstanceOf(failure);
        return outcome.items().get(0);
    }

    private static void stoppedAsTheUser(String stopPath) {
        RecordedRequest stop = dify().awaitRequests(1, (request) -> request.path().endsWith("/stop"), TIMEOUT).single();
        assertThat(stop.method()).isEqualTo("POST");
        assertThat(stop.path()).isEqualTo(stopPath);
        assertThat(stop.bodyText()).contains("{\"user\":\"" + USER + "\"}");
    }

    private static void notStopped() throws Exception {
        assertThat(dify().requests().generations().single().awaitAnswered(TIMEOUT)).as("the stream's connection closed").isTrue();
        Thread.sleep(500);
        assertThat(dify().requests().stops()).isEmpty();
    }

    @Test
    void aStreamThatFallsSilentPastTheIdleLimitIsStopped() {
        difyApp(DifyAppType.CHAT).onNextRequest(DifyFault.stallAfter(1));
        DifyClients clients = clientsOn(DifyAppType.CHAT, fastOptions().withStreamIdleTimeout(Duration.ofMillis(300)));

        DifyEvent first = failsWith(chat(clients), DifyStreamIdleTimeoutException.class);

        stoppedAsTheUser("/chat-messages/" + first.taskId() + "/stop");
    }

    @Test
    void aStreamWhoseEventIsOverTheSizeLimitIsStopped() {
        difyApp(DifyAppType.CHAT).answersInChunks("Hel", "x".repeat(4096), "lo");
        DifyClients clients = clientsOn(DifyAppType.CHAT, fastOptions().withMaxInMemorySize(1024));

        DifyEvent first;
        try (LogCapture dropped = LogCapture.of("reactor.core.publisher.Operators", Level.DEBUG)) {
            first = failsWith(chat(clients), DifyDecodingException.class);
            // The oversized chunk is released once: a second release (an IllegalReferenceCountException that
            // Reactor drops) would be a use-after-free of a pooled buffer.
            assertThat(dropped.lines()).noneMatch((line) -> line.contains("onErrorDropped"));
        }

        stoppedAsTheUser("/chat-messages/" + first.taskId() + "/stop");
    }

    // A raw server: a frame cut in the middle is bytes the test double never writes.
    @Test
    void aStreamCutInTheMiddleOfAnEventIsStopped() throws Exception {
        List<String> stops = new CopyOnWriteArrayList<>();
        try (RawHttpServer server = new RawHttpServer((socket, request) -> {
            OutputStream out = socket.getOutputStream();
            if (request.contains("/stop HTTP/1.1")) {
                stops.add(request);
                RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"result\":\"success\"}");
                return;
            }
            RawHttpServer.writeStreamHead(out);
            RawHttpServer.write(out, "data: {\"event\":\"message\",\"task_id\":\"t1\",\"message_id\":\"m1\",\"conversation_id\":\"c1\","
                    + "\"answer\":\"Hel\"}\n\n" + "data: {\"event\":\"message\",\"task_id\":\"t1\",\"ans");
        })) {
            DifyClients clients = clients(new DifyApp("app", DifyAppType.CHAT, URI.create(server.baseUrl()), API_KEY, null, fastOptions()),
                    DifyPoolOptions.defaults());

            failsWith(clients.chat("app").stream(ChatRequest.builder().query("Hi").user(USER).build()), DifyConnectionException.class);

            await("the stop request arrived", () -> stops.size() == 1);
            assertThat(stops.get(0)).startsWith("POST /v1/chat-messages/t1/stop HTTP/1.1").contains("{\"user\":\"" + USER + "\"}");
        }
    }

    @Test
    void aStreamWhoseSubscriberFailsIsStopped() {
        difyApp(DifyAppType.WORKFLOW).onNextRequest(DifyFault.stallAfter(1));
        DifyClients clients = clientsOn(DifyAppType.WORKFLOW, fastOptions());
        AtomicReference<DifyEvent> first = new AtomicReference<>();
        Function<Object, Object> broken = (event) -> {
            throw new IllegalStateException("the application's handler failed");
        };

        Outcome<Object> outcome = failing(clients.workflow("workflow-app").stream(WorkflowRunRequest.builder().user(USER).build())
            .doOnNext(first::set).map(broken));

        assertThat(outcome.error()).isInstanceOf(IllegalStateException.class);
        stoppedAsTheUser("/workflows/tasks/" + first.get().taskId() + "/stop");
    }

    @Test
    void aStreamDifyEndedWithAnErrorEventIsNotStopped() throws Exception {
        difyApp(DifyAppType.CHAT).onNextRequest(DifyFault.errorEvent(1, 400, "completion_request_error", "quota"));
        DifyClients clients = clientsOn(DifyAppType.CHAT, fastOptions());

        failsWith(chat(clients), DifyStreamException.class);

        notStopped();
    }

    @Test
    void aStreamDifyClosedIsNotStopped() throws Exception {
        difyApp(DifyAppType.CHAT).answers("Hel");
        DifyClients clients = clientsOn(DifyAppType.CHAT, fastOptions());

        List<DifyEvent> events = chat(clients).collectList().block(TIMEOUT);

        assertThat(events).extracting(DifyEvent::type).containsExactly("message", "message_end");
        notStopped();
    }

    @Test
    void withStopOnCancelOffNoAbandonedStreamIsStopped() throws Exception {
        difyApp(DifyAppType.CHAT).onNextRequest(DifyFault.stallAfter(1));
        DifyClients clients = clientsOn(DifyAppType.CHAT, fastOptions().withStopOnCancel(false).withStreamIdleTimeout(Duration.ofMillis(300)));

        failsWith(chat(clients), DifyStreamIdleTimeoutException.class);

        notStopped();
    }
}
