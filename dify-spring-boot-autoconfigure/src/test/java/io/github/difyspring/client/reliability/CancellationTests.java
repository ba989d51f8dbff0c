package io.github.difyspring.client.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.WorkflowRuns;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.workflow.HumanInputSubmission;
import io.github.difyspring.client.workflow.ResumeOptions;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.test.DifyFault;
import io.github.difyspring.test.HumanInputPause;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a stream closes its connection at once and, unless turned off, asks Dify to stop the
 * task, with the stream's user, on a short timeout, without waiting for the answer; a stream
 * cancelled before its first event leaves nothing behind. The streams are the test double's, held
 * open by a stall after their first event (or before any), so only the client can end them.
 */
class CancellationTests extends ReliabilityTestSupport {

    private static final String USER = "u-7";

    /** A stream of each client, started by {@link #USER}. */
    enum Stream {

        CHAT(DifyAppType.CHAT, "/chat-messages/%s/stop", (clients) -> clients.chat("chat-app")
            .stream(ChatRequest.builder().query("Hi").user(USER).build())),
        CHAT_RAW(DifyAppType.CHAT, "/chat-messages/%s/stop", (clients) -> clients.chat("chat-app")
            .raw().stream(ChatRequest.builder().query("Hi").user(USER).build())),
        AGENT_SEND(DifyAppType.AGENT, "/chat-messages/%s/stop", (clients) -> clients.chat("agent-app")
            .send(ChatRequest.builder().query("Hi").user(USER).build()).flux()),
        WORKFLOW(DifyAppType.WORKFLOW, "/workflows/tasks/%s/stop", (clients) -> clients.workflow("workflow-app")
            .stream(WorkflowRunRequest.builder().user(USER).build())),
        WORKFLOW_BY_ID(DifyAppType.WORKFLOW, "/workflows/tasks/%s/stop", (clients) -> clients.workflow("workflow-app")
            .stream(WorkflowRunRequest.builder().user(USER).workflowId("wf-1").build())),
        COMPLETION(DifyAppType.COMPLETION, "/completion-messages/%s/stop", (clients) -> clients.completion("completion-app")
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

    private DifyClients clientsOn(DifyAppType type, DifyClientOptions options) {
        return clientsOn(type, options, WebClient.builder());
    }

    private DifyClients clientsOn(DifyAppType type, DifyClientOptions options, WebClient.Builder webClient) {
        return clientsOnDify(type, null, options, DifyPoolOptions.defaults(), webClient);
    }

    /** The stream the test double received, as it records it. */
    private static RecordedRequest heldStream() {
        return dify().requests().generations().single();
    }

    /** Subscribes, waits for the first element (if any is expected), then cancels; returns when it cancelled. */
    private static long cancelAfter(Flux<?> stream, boolean firstEvent) throws Exception {
        CompletableFuture<Object> first = new CompletableFuture<>();
        Disposable subscription = stream.subscribe(first::complete, first::completeExceptionally);
        if (firstEvent) {
            first.get(10, TimeUnit.SECONDS);
        }
        else {
            await("the server holds the stream", () -> !dify().requests().generations().isEmpty());
            Thread.sleep(200);
        }
        assertThat(dify().requests().last().isAnswered()).as("the server still holds the stream").isFalse();
        long cancelledAt = System.nanoTime();
        subscription.dispose();
        assertThat(first).as("the stream neither failed nor ended").isNotCompletedExceptionally();
        return cancelledAt;
    }

    /**
     * How long after the cancel the test double saw the stream's connection close, at most: the
     * wait ends once it has.
     */
    private static long closedAfterMillis(long cancelledAt) {
        assertThat(heldStream().awaitAnswered(TIMEOUT)).as("the client closed the stream's connection").isTrue();
        return (System.nanoTime() - cancelledAt) / 1_000_000;
    }

    @ParameterizedTest
    @EnumSource(Stream.class)
    void cancellingAfterTheFirstEventClosesTheConnectionAtOnceAndStopsTheTaskAsItsUser(Stream stream) throws Exception {
        difyApp(stream.type).onNextRequest(DifyFault.stallAfter(1));
        TaskIds taskIds = new TaskIds();
        DifyClients clients = clientsOn(stream.type, fastOptions(), WebClient.builder().filter(taskIds));

        // An agent's send() emits only at the end: it is cancelled once the server sent the event.
        long cancelledAt = cancelAfter(stream.start.apply(clients), stream != Stream.AGENT_SEND);

        assertThat(closedAfterMillis(cancelledAt)).as("connection closed right after the cancel").isLessThan(1000);
        RecordedRequest stop = dify().awaitRequests(1, (request) -> request.path().endsWith("/stop"), TIMEOUT).single();
        assertThat(stop.method()).isEqualTo("POST");
        assertThat(stop.path()).isEqualTo(stream.stopPath.formatted(taskIds.first()));
        assertThat(stop.bodyText()).contains("{\"user\":\"" + USER + "\"}");
        assertThat(stop.app()).as("the app whose key the stop carried").isEqualTo(appName(stream.type));
        await("no connection in use", () -> clients.connectionPool().activeConnections() == 0);
    }

    @Test
    void withStopOnCancelOffOnlyTheConnectionIsClosed() throws Exception {
        difyApp(DifyAppType.CHAT).onNextRequest(DifyFault.stallAfter(1));
        DifyClients clients = clientsOn(DifyAppType.CHAT, fastOptions().withStopOnCancel(false));

        long cancelledAt = cancelAfter(Stream.CHAT.start.apply(clients), true);

        closedAfterMillis(cancelledAt);
        Thread.sleep(500);
        assertThat(dify().requests().stops()).isEmpty();
        assertThat(clients.connectionPool().activeConnections()).isZero();
    }

    @Test
    void cancellingBeforeTheFirstEventLeavesNothingBehind() throws Exception {
        // Dify's first ping goes out, then nothing.
        difyApp(DifyAppType.CHAT).onNextRequest(DifyFault.stallAfter(0));
        DifyClients clients = clientsOn(DifyAppType.CHAT, fastOptions());

        try (LogCapture log = LogCapture.of("io.github.difyspring.client.internal.StreamLifecycle", Level.DEBUG)) {
            long cancelledAt = cancelAfter(Stream.CHAT.start.apply(clients), false);

            assertThat(closedAfterMillis(cancelledAt)).isLessThan(1000);
            // Given back first, then closed: both are awaited, as the pool may count the closing connection a moment longer.
            await("no connection in use or open", () -> clients.connectionPool().activeConnections() == 0
                    && clients.connectionPool().openConnections() == 0);
            Thread.sleep(300);
            assertThat(dify().requests().stops()).isEmpty();
            assertThat(log.lines()).anySatisfy((line) -> assertThat(line).contains("ended before its first event, as its stream was cancelled; no task to stop"));
        }
    }

    @Test
    void cancellingWhileWaitingForTheHeadersLeavesNothingBehind() throws Exception {
        // Not even the status line comes.
        difyApp(DifyAppType.CHAT).onNextRequest(DifyFault.slowFirstByte(Duration.ofSeconds(30)));
        DifyClients clients = clientsOn(DifyAppType.CHAT, fastOptions());

        long cancelledAt = cancelAfter(Stream.CHAT.start.apply(clients), false);

        assertThat(closedAfterMillis(cancelledAt)).isLessThan(1000);
        await("no connection open", () -> clients.connectionPool().openConnections() == 0);
        assertThat(clients.connectionPool().activeConnections()).isZero();
        assertThat(dify().requests().stops()).isEmpty();
        assertThat(dify().requests().chatMessages()).hasSize(1);
    }

    @Test
    void aFailingStopIsLoggedAtDebugAndNeverReachesTheCaller() throws Exception {
        // The stream takes the stall; the stop, the next request, the error.
        difyApp(DifyAppType.CHAT).onNextRequest(DifyFault.stallAfter(1))
            .onNextRequest(DifyFault.httpError(500, "internal_server_error", "Internal server error"));
        try (LogCapture log = LogCapture.of("io.github.difyspring.client.internal.StreamLifecycle", Level.DEBUG)) {
            DifyClients clients = clientsOn(DifyAppType.CHAT, fastOptions());

            cancelAfter(Stream.CHAT.start.apply(clients), true);

            String taskId = dify().awaitRequests(1, (request) -> request.path().endsWith("/stop"), TIMEOUT).single().path().split("/")[2];
            await("the stop failure was logged", () -> log.lines().stream().anyMatch((line) -> line.contains("stopping task " + taskId)));
            assertThat(dify().requests().stops()).as("a stop is not retried").hasSize(1);
            assertThat(log.lines()).filteredOn((line) -> line.contains("stopping task " + taskId)).singleElement()
                .satisfies((line) -> assertThat(line).contains("DEBUG", "HTTP 500").doesNotContain(API_KEY));
        }
    }

    @Test
    void aStopThatHangsIsAbandonedAfterTheStopTimeout() throws Exception {
        difyApp(DifyAppType.CHAT).onNextRequest(DifyFault.stallAfter(1)).onNextRequest(DifyFault.slowFirstByte(Duration.ofSeconds(5)));
        try (LogCapture log = LogCapture.of("io.github.difyspring.client.internal.StreamLifecycle", Level.DEBUG)) {
            DifyClients clients = clientsOn(DifyAppType.CHAT, fastOptions().withStopTimeout(Duration.ofMillis(300)));

            long cancelledAt = cancelAfter(Stream.CHAT.start.apply(clients), true);
            long returnedMillis = (System.nanoTime() - cancelledAt) / 1_000_000;

            assertThat(returnedMillis).as("cancel does not wait for the stop").isLessThan(200);
            await("the stop timeout was logged", () -> log.lines().stream().anyMatch((line) -> line.contains("stopping task")));
            assertThat((System.nanoTime() - cancelledAt) / 1_000_000).isLessThan(3000);
            String taskId = dify().requests().stops().single().path().split("/")[2];
            assertThat(log.lines()).filteredOn((line) -> line.contains("stopping task " + taskId)).singleElement()
                .satisfies((line) -> assertThat(line).contains("300 ms"));
            await("the stop's connection is closed too", () -> clients.connectionPool().activeConnections() == 0);
        }
    }

    @Test
    void resumedStreamsAreOnlyWatchedSoCancellingThemStopsNothing() throws Exception {
        difyApp(DifyAppType.WORKFLOW).pausesFor(HumanInputPause.form("Go on?").action("yes", "Yes")
            .thenAnswers("one two three four five six seven eight nine ten"));
        DifyClients clients = clientsOn(DifyAppType.WORKFLOW, fastOptions());
        WorkflowRuns runs = clients.workflow("workflow-app").forUser(USER).workflowRuns();
        StreamedAnswer paused = new StreamedAnswer();
        clients.workflow("workflow-app").stream(WorkflowRunRequest.builder().user(USER).build()).doOnNext(paused::add).blockLast(TIMEOUT);
        runs.submitHumanInputForm(paused.pause().reasons().get(0).formToken(), HumanInputSubmission.of("yes", Map.of())).block(TIMEOUT);
        // The rest of the run comes slowly: the resumed stream is still open when it is cancelled.
        difyApp(DifyAppType.WORKFLOW).pace(Duration.ofMillis(300));

        long cancelledAt = cancelAfter(runs.resumeStream(paused.workflowRunId(), ResumeOptions.defaults()), true);

        RecordedRequest resumed = dify().requests().to("GET", "/workflow/" + paused.workflowRunId() + "/events").single();
        assertThat(resumed.awaitAnswered(TIMEOUT)).isTrue();
        assertThat((System.nanoTime() - cancelledAt) / 1_000_000).as("closed by the cancel, seconds before the run's end").isLessThan(1000);
        Thread.sleep(300);
        assertThat(dify().requests().stops()).isEmpty();
    }

    /**
     * Notes the task ids in the event streams the client receives, as Dify sent them: what a stop
     * must name, even for a call that hands no event to the caller (an agent's {@code send()}).
     */
    private static final class TaskIds implements ExchangeFilterFunction {

        private static final Pattern TASK_ID = Pattern.compile("\"task_id\":\"([^\"]+)\"");

        private final StringBuffer streamed = new StringBuffer();

        @Override
        public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
            return next.exchange(request).map((response) -> response.headers().contentType()
                .filter(MediaType.TEXT_EVENT_STREAM::isCompatibleWith)
                .map((stream) -> response.mutate()
                    .body((body) -> body.doOnNext((buffer) -> this.streamed.append(buffer.toString(StandardCharsets.UTF_8))))
                    .build())
                .orElse(response));
        }

        /** The task id of the first event received. */
        String first() {
            Matcher matcher = TASK_ID.matcher(this.streamed);
            assertThat(matcher.find()).as("an event with a task id in %s", this.streamed).isTrue();
            return matcher.group(1);
        }
    }
}
