package io.github.difyspring.client.reliability;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.workflow.ResumeOptions;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a stream closes its connection at once and, unless turned off, asks Dify to stop the
 * task, with the stream's user, on a short timeout, without waiting for the answer; a stream
 * cancelled before its first event leaves nothing behind.
 */
class CancellationTests extends ReliabilityTestSupport {

    private static final String USER = "u-7";

    /** A stream of each client, started by {@link #USER}. */
    enum Stream {

        CHAT(DifyAppType.CHAT, "/v1/chat-messages/t1/stop", (clients) -> clients.chat("app")
            .stream(ChatRequest.builder().query("Hi").user(USER).build())),
        CHAT_RAW(DifyAppType.CHAT, "/v1/chat-messages/t1/stop", (clients) -> clients.chat("app")
            .raw().stream(ChatRequest.builder().query("Hi").user(USER).build())),
        AGENT_SEND(DifyAppType.AGENT, "/v1/chat-messages/t1/stop", (clients) -> clients.chat("app")
            .send(ChatRequest.builder().query("Hi").user(USER).build()).flux()),
        WORKFLOW(DifyAppType.WORKFLOW, "/v1/workflows/tasks/t1/stop", (clients) -> clients.workflow("app")
            .stream(WorkflowRunRequest.builder().user(USER).build())),
        WORKFLOW_BY_ID(DifyAppType.WORKFLOW, "/v1/workflows/tasks/t1/stop", (clients) -> clients.workflow("app")
            .stream(WorkflowRunRequest.builder().user(USER).workflowId("wf-1").build())),
        COMPLETION(DifyAppType.COMPLETION, "/v1/completion-messages/t1/stop", (clients) -> clients.completion("app")
            .stream(CompletionRequest.builder().user(USER).build()));

        final DifyAppType type;

        final String stopPath;

        final Function<DifyClients, Flux<?>> start;

        Stream(DifyAppType type, String stopPath, Function<DifyClients, Flux<?>> start) {
            this.type = type;
            this.stopPath = stopPath;
            this.start = start;
        }
    }

    private DifyClients clientsOn(HeldStreamServer server, DifyAppType type, DifyClientOptions options) {
        return clients(new DifyApp("app", type, URI.create(server.baseUrl()), API_KEY, null, options), DifyPoolOptions.defaults());
    }

    /** Subscribes, waits for the first element (if any is expected), then cancels; returns when it cancelled. */
    private static long cancelAfter(Flux<?> stream, boolean firstEvent, HeldStreamServer server) throws Exception {
        CompletableFuture<Object> first = new CompletableFuture<>();
        Disposable subscription = stream.subscribe(first::complete, first::completeExceptionally);
        if (firstEvent) {
            first.get(10, TimeUnit.SECONDS);
        }
        else {
            await("the server holds the stream", () -> !server.streamRequests().isEmpty());
            Thread.sleep(200);
        }
        long cancelledAt = System.nanoTime();
        subscription.dispose();
        assertThat(first).as("the stream neither failed nor ended").isNotCompletedExceptionally();
        return cancelledAt;
    }

    @ParameterizedTest
    @EnumSource(Stream.class)
    void cancellingAfterTheFirstEventClosesTheConnectionAtOnceAndStopsTheTaskAsItsUser(Stream stream) throws Exception {
        try (HeldStreamServer server = new HeldStreamServer(HeldStreamServer.Opening.ONE_EVENT)) {
            DifyClients clients = clientsOn(server, stream.type, fastOptions());

            // An agent's send() emits only at the end: it is cancelled once the server sent the event.
            long cancelledAt = cancelAfter(stream.start.apply(clients), stream != Stream.AGENT_SEND, server);

            long closedAfterMillis = (server.clientClosedAt() - cancelledAt) / 1_000_000;
            assertThat(closedAfterMillis).as("connection closed right after the cancel").isLessThan(1000);
            await("the stop request arrived", () -> server.stopRequests().size() == 1);
            String stop = server.stopRequests().get(0);
            assertThat(stop).startsWith("POST " + stream.stopPath + " HTTP/1.1").contains("{\"user\":\"" + USER + "\"}")
                .containsIgnoringCase("Authorization: Bearer " + API_KEY);
            await("no connection in use", () -> clients.connectionPool().activeConnections() == 0);
        }
    }

    @Test
    void withStopOnCancelOffOnlyTheConnectionIsClosed() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer(HeldStreamServer.Opening.ONE_EVENT)) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT, fastOptions().withStopOnCancel(false));

            cancelAfter(Stream.CHAT.start.apply(clients), true, server);

            server.clientClosedAt();
            Thread.sleep(500);
            assertThat(server.stopRequests()).isEmpty();
            assertThat(clients.connectionPool().activeConnections()).isZero();
        }
    }

    @Test
    void cancellingBeforeTheFirstEventLeavesNothingBehind() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer(HeldStreamServer.Opening.PINGS)) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT, fastOptions());

            try (LogCapture log = LogCapture.of("io.github.difyspring.client.internal.StreamLifecycle", Level.DEBUG)) {
                long cancelledAt = cancelAfter(Stream.CHAT.start.apply(clients), false, server);

                assertThat((server.clientClosedAt() - cancelledAt) / 1_000_000).isLessThan(1000);
                // Given back first, then closed: both are awaited, as the pool may count the closing connection a moment longer.
                await("no connection in use or open", () -> clients.connectionPool().activeConnections() == 0
                        && clients.connectionPool().openConnections() == 0);
                Thread.sleep(300);
                assertThat(server.stopRequests()).isEmpty();
                assertThat(log.lines()).anySatisfy((line) -> assertThat(line).contains("ended before its first event, as its stream was cancelled; no task to stop"));
            }
        }
    }

    @Test
    void cancellingWhileWaitingForTheHeadersLeavesNothingBehind() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer(HeldStreamServer.Opening.NOTHING)) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT, fastOptions());

            long cancelledAt = cancelAfter(Stream.CHAT.start.apply(clients), false, server);

            assertThat((server.clientClosedAt() - cancelledAt) / 1_000_000).isLessThan(1000);
            await("no connection open", () -> clients.connectionPool().openConnections() == 0);
            assertThat(clients.connectionPool().activeConnections()).isZero();
            assertThat(server.stopRequests()).isEmpty();
            assertThat(server.streamRequests()).hasSize(1);
        }
    }

    @Test
    void aFailingStopIsLoggedAtDebugAndNeverReachesTheCaller() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer(HeldStreamServer.Opening.ONE_EVENT, 500, 0);
                LogCapture log = LogCapture.of("io.github.difyspring.client.internal.StreamLifecycle", Level.DEBUG)) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT, fastOptions());

            cancelAfter(Stream.CHAT.start.apply(clients), true, server);

            await("the stop failure was logged", () -> log.lines().stream().anyMatch((line) -> line.contains("stopping task t1")));
            assertThat(server.stopRequests()).as("a stop is not retried").hasSize(1);
            assertThat(log.lines()).filteredOn((line) -> line.contains("stopping task t1")).singleElement()
                .satisfies((line) -> assertThat(line).contains("DEBUG", "HTTP 500").doesNotContain(API_KEY));
        }
    }

    @Test
    void aStopThatHangsIsAbandonedAfterTheStopTimeout() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer(HeldStreamServer.Opening.ONE_EVENT, 200, 5000);
                LogCapture log = LogCapture.of("io.github.difyspring.client.internal.StreamLifecycle", Level.DEBUG)) {
            DifyClients clients = clientsOn(server, DifyAppType.CHAT, fastOptions().withStopTimeout(Duration.ofMillis(300)));

            long cancelledAt = cancelAfter(Stream.CHAT.start.apply(clients), true, server);
            long returnedMillis = (System.nanoTime() - cancelledAt) / 1_000_000;

            assertThat(returnedMillis).as("cancel does not wait for the stop").isLessThan(200);
            await("the stop timeout was logged", () -> log.lines().stream().anyMatch((line) -> line.contains("stopping task t1")));
            assertThat((System.nanoTime() - cancelledAt) / 1_000_000).isLessThan(3000);
            assertThat(log.lines()).filteredOn((line) -> line.contains("stopping task t1")).singleElement()
                .satisfies((line) -> assertThat(line).contains("300 ms"));
            await("the stop's connection is closed too", () -> clients.connectionPool().activeConnections() == 0);
        }
    }

    @Test
    void resumedStreamsAreOnlyWatchedSoCancellingThemStopsNothing() throws Exception {
        try (HeldStreamServer server = new HeldStreamServer(HeldStreamServer.Opening.ONE_EVENT)) {
            DifyClients clients = clientsOn(server, DifyAppType.WORKFLOW, fastOptions());

            cancelAfter(clients.workflow("app").forUser(USER).workflowRuns()
                .resumeStream("r1", ResumeOptions.defaults()), true, server);

            server.clientClosedAt();
            Thread.sleep(300);
            assertThat(server.stopRequests()).isEmpty();
        }
    }
}
