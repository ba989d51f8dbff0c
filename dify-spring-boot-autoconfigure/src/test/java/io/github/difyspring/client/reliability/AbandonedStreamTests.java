package io.github.difyspring.client.reliability;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream the client stops reading for any reason other than Dify closing it (the idle limit, an
 * event over the size limit, a cut connection, a failure downstream) is stopped on Dify's side, as a
 * cancelled one is, so Dify stops spending tokens; a stream Dify ended itself (closed, or with an
 * {@code error} event) is not, and {@code stop-on-cancel=false} turns every stop off.
 */
class AbandonedStreamTests extends ReliabilityTestSupport {

    private static final String USER = "u-9";

    private static final String STOP = "POST /v1/chat-messages/t1/stop HTTP/1.1";

    private DifyClients clientsOn(HeldStreamServer server, DifyAppType type, DifyClientOptions options) {
        return clients(new DifyApp("app", type, URI.create(server.baseUrl()), API_KEY, null, options), DifyPoolOptions.defaults());
    }

    private static Flux<DifyEvent> chat(DifyClients clients) {
        return clients.chat("app").stream(ChatRequest.builder().query("Hi").user(USER).build());
    }

    /** Runs the stream to its end, which must be the given failure, after the first event. */
    private static void failsWith(Flux<?> stream, Class<? extends Throwable> failure) {
        Outcome<?> outcome = failing(stream);
        assertThat(outcome.items()).hasSize(1);
        assertThat(outcome.error()).isInstanceOf(failure);
    }

    private static void stoppedAsTheUser(HeldStreamServer server, String stopRequestLine) throws Exception {
        await("the stop request arrived", () -> server.stopRequests().size() == 1);
        assertThat(server.stopRequests().get(0)).startsWith(stopRequestLine).contains("{\"user\":\"" + USER + "\"}");
    }

    private static void notStopped(HeldStreamServer server) throws Exception {
        server.clientClosedAt();
        Thread.sleep(500);
        assertThat(server.stopRequests()).isEmpty();
    }

    @Test
    void aStreamThatFallsSilentPastTheIdleLimitIsStopped() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer(HeldStreamServer.Opening.ONE_EVENT)) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT, fastOptions().withStreamIdleTimeout(Duration.ofMillis(300)));

            failsWith(chat(clients), DifyStreamIdleTimeoutException.class);

            stoppedAsTheUser(server, STOP);
        }
    }

    @Test
    void aStreamWhoseEventIsOverTheSizeLimitIsStopped() throws Exception {
        String huge = "data: {\"event\":\"message\",\"task_id\":\"t1\",\"answer\":\"" + "x".repeat(4096) + "\"}\n\n";
        try (HeldStreamServer server = new HeldStreamServer(huge)) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT, fastOptions().withMaxInMemorySize(1024));

            failsWith(chat(clients), DifyDecodingException.class);

            stoppedAsTheUser(server, STOP);
        }
    }

    @Test
    void aStreamCutInTheMiddleOfAnEventIsStopped() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer("data: {\"event\":\"message\",\"task_id\":\"t1\",\"ans")) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT, fastOptions());

            failsWith(chat(clients), DifyConnectionException.class);

            stoppedAsTheUser(server, STOP);
        }
    }

    @Test
    void aStreamWhoseSubscriberFailsIsStopped() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer(HeldStreamServer.Opening.ONE_EVENT)) {
            DifyClients clients = clientsOn(server, DifyAppType.WORKFLOW, fastOptions());
            Function<Object, Object> broken = (event) -> {
                throw new IllegalStateException("the application's handler failed");
            };

            Outcome<Object> outcome = failing(clients.workflow("app").stream(WorkflowRunRequest.builder().user(USER).build()).map(broken));

            assertThat(outcome.error()).isInstanceOf(IllegalStateException.class);
            stoppedAsTheUser(server, "POST /v1/workflows/tasks/t1/stop HTTP/1.1");
        }
    }

    @Test
    void aStreamDifyEndedWithAnErrorEventIsNotStopped() throws Exception {
        String error = "data: {\"event\":\"error\",\"task_id\":\"t1\",\"status\":400,\"code\":\"completion_request_error\","
                + "\"message\":\"quota\"}\n\n";
        try (HeldStreamServer server = new HeldStreamServer(error)) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT, fastOptions());

            failsWith(chat(clients), DifyStreamException.class);

            notStopped(server);
        }
    }

    @Test
    void aStreamDifyClosedIsNotStopped() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer("data: {\"event\":\"message_end\",\"task_id\":\"t1\"}\n\n")) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT, fastOptions());

            List<DifyEvent> events = chat(clients).collectList().block(TIMEOUT);

            assertThat(events).hasSize(2);
            notStopped(server);
        }
    }

    @Test
    void withStopOnCancelOffNoAbandonedStreamIsStopped() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer(HeldStreamServer.Opening.ONE_EVENT)) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT,
                    fastOptions().withStopOnCancel(false).withStreamIdleTimeout(Duration.ofMillis(300)));

            failsWith(chat(clients), DifyStreamIdleTimeoutException.class);

            notStopped(server);
        }
    }
}
