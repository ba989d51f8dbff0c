package io.github.difyspring.client.testserver;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyRateLimitException;
import io.github.difyspring.client.error.DifyResponseTimeoutException;
import io.github.difyspring.client.error.DifyServerException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.error.DifyStreamIdleTimeoutException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.test.DifyFault;
import io.github.difyspring.test.DifyTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The faults the test double plays ({@link DifyFault}), as the clients report them: Dify's HTTP
 * errors as the typed exceptions with Dify's code, rate limits retried as the retry options say,
 * an {@code error} event after the first events, a reset, a stall and a slow first byte against
 * the clients' time limits.
 */
class FaultsThroughClientTests extends ThroughClientSupport {

    private static final String KEY = "app-faults-test-key";

    private static final String ANSWER = "one two three four five";

    private DifyChatClient chat() {
        return chat(fastOptions());
    }

    private DifyChatClient chat(DifyClientOptions options) {
        return chatClient("support", DifyAppType.CHAT, KEY, options);
    }

    @Test
    void anHttpErrorIsTheTypedExceptionWithDifysCodeAndMessageAndAGenerationIsNotRetried() {
        this.dify.chatApp("support", KEY).onNextRequest(DifyFault.httpError(400, "provider_quota_exceeded",
                "Your quota for Dify Hosted Model Provider has been exhausted."));

        Throwable refused = catchThrowable(() -> chat().send(ChatRequest.of("Hi")).block(TIMEOUT));

        assertThat(refused).isInstanceOf(DifyBadRequestException.class);
        DifyBadRequestException error = (DifyBadRequestException) refused;
        assertThat(error.getStatusCode().value()).isEqualTo(400);
        assertThat(error.getCode()).isEqualTo("provider_quota_exceeded");
        assertThat(error.getDifyMessage()).isEqualTo("Your quota for Dify Hosted Model Provider has been exhausted.");
        assertThat(error.getMessage()).doesNotContain(KEY);
        assertThat(this.dify.requests().chatMessages()).hasSize(1);
    }

    @Test
    void anHttpErrorOnAStreamFailsItBeforeAnyEvent() {
        this.dify.chatApp("support", KEY).onNextRequest(DifyFault.httpError(500, "internal_server_error", "The server failed."));

        Outcome outcome = failing(chat().stream(ChatRequest.of("Hi")));

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.error()).isInstanceOf(DifyServerException.class);
        assertThat(((DifyServerException) outcome.error()).getCode()).isEqualTo("internal_server_error");
        assertThat(this.dify.requests().chatMessages()).as("a generation is not sent again after a 500").hasSize(1);
    }

    @Test
    void aGatewayErrorIsRetriedForAReadButNotForAGeneration() {
        this.dify.chatApp("support", KEY).onNextRequest(DifyFault.httpError(502, "bad_gateway", "Bad gateway"));
        DifyChatClient chat = chat();

        assertThat(chat.parameters().block(TIMEOUT)).isNotNull();
        assertThat(this.dify.requests().to("GET", "/parameters")).as("a read is retried after a 502").hasSize(2);

        this.dify.app("support").onNextRequest(DifyFault.httpError(502, "bad_gateway", "Bad gateway"));
        assertThat(catchThrowable(() -> chat.send(ChatRequest.of("Hi")).block(TIMEOUT))).isInstanceOf(DifyServerException.class);
        assertThat(this.dify.requests().chatMessages()).as("Dify may be generating: no second generation").hasSize(1);
    }

    @Test
    void aRateLimitIsRetriedAfterTheRetryAfterWaitThenSucceeds() {
        this.dify.chatApp("support", KEY).answers(ANSWER).onNextRequest(DifyFault.rateLimited(Duration.ofSeconds(1)));
        DifyChatClient chat = chat(DifyClientOptions.defaults()
            .withRetry(new DifyRetryOptions(true, 3, Duration.ofMillis(20), Duration.ofSeconds(5), 0.5)));

        long start = System.nanoTime();
        String answer = chat.send(ChatRequest.of("Hi")).block(TIMEOUT).answer();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer).isEqualTo(ANSWER);
        assertThat(this.dify.requests().chatMessages()).hasSize(2);
        assertThat(elapsedMillis).as("waited the second the Retry-After header asked for").isGreaterThanOrEqualTo(950);
    }

    @Test
    void aRateLimitAskingForLongerThanTheMaxBackoffFailsAtOnceWithTheWait() {
        this.dify.chatApp("support", KEY).onEveryRequest(DifyFault.rateLimited(Duration.ofSeconds(60)));

        Throwable limited = catchThrowable(() -> chat().send(ChatRequest.of("Hi")).block(TIMEOUT));

        assertThat(limited).isInstanceOf(DifyRateLimitException.class);
        DifyRateLimitException error = (DifyRateLimitException) limited;
        assertThat(error.getCode()).isEqualTo("too_many_requests");
        assertThat(error.getRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(this.dify.requests().chatMessages()).hasSize(1);
    }

    @Test
    void aRateLimitThatLastsIsTriedAsOftenAsTheRetryOptionsAllow() {
        this.dify.chatApp("support", KEY).onEveryRequest(DifyFault.rateLimited(Duration.ZERO));

        Outcome outcome = failing(chat().stream(ChatRequest.of("Hi")));

        assertThat(outcome.error()).isInstanceOf(DifyRateLimitException.class);
        assertThat(this.dify.requests().chatMessages()).hasSize(FAST_RETRIES.maxAttempts());
    }

    @Test
    void anErrorEventEndsTheStreamWithAStreamExceptionAfterTheEventsBeforeIt() {
        this.dify.chatApp("support", KEY).answers(ANSWER)
            .onNextRequest(DifyFault.errorEvent(2, 400, "completion_request_error", "[openai] Rate limit reached"));
        DifyChatClient chat = chat();

        assertThat(chat.send(ChatRequest.of("Hi")).block(TIMEOUT).answer()).as("a blocking call passes a stream fault by")
            .isEqualTo(ANSWER);
        Outcome outcome = failing(chat.stream(ChatRequest.of("Hi")));

        assertThat(outcome.events()).extracting((event) -> ((MessageEvent) event).answer()).containsExactly("one", " two");
        assertThat(outcome.error()).isInstanceOf(DifyStreamException.class);
        DifyStreamException error = (DifyStreamException) outcome.error();
        assertThat(error.getCode()).isEqualTo("completion_request_error");
        assertThat(error.getStatus()).isEqualTo(400);
        assertThat(error.getDifyMessage()).isEqualTo("[openai] Rate limit reached");
        assertThat(error.getMessageId()).isEqualTo(((MessageEvent) outcome.events().get(0)).messageId());
        assertThat(error.getConversationId()).isEqualTo(((MessageEvent) outcome.events().get(0)).conversationId());
        assertThat(this.dify.requests().chatMessages().streaming()).as("a stream that delivered events is not sent again").hasSize(1);
    }

    @Test
    void anErrorEventInAWorkflowNamesTheRun() {
        this.dify.workflowApp("digest", KEY).onNextRequest(DifyFault.errorEvent(1, 500, "internal_server_error", "Run failed"));
        DifyWorkflowClient workflow = workflowClient("digest", KEY);

        Outcome outcome = failing(workflow.stream(WorkflowRunRequest.of(Map.of())));

        assertThat(outcome.events()).hasSize(1);
        DifyStreamException error = (DifyStreamException) outcome.error();
        assertThat(error.getCode()).isEqualTo("internal_server_error");
        assertThat(error.getWorkflowRunId()).isEqualTo(assemble(outcome.events()).workflowRunId()).isNotBlank();
    }

    @Test
    void aResetAfterTheFirstEventsIsAConnectionErrorAndTheTaskIsStopped() {
        this.dify.chatApp("support", KEY).answers(ANSWER).onNextRequest(DifyFault.resetAfter(2));

        Outcome outcome = failing(chat().stream(ChatRequest.of("Hi")));

        assertThat(outcome.events()).hasSize(2);
        assertThat(outcome.error()).isInstanceOf(DifyConnectionException.class);
        assertThat(this.dify.requests().chatMessages()).as("not sent again").hasSize(1);
        String taskId = outcome.events().get(0).taskId();
        this.dify.awaitRequests(1, (request) -> request.path().equals("/chat-messages/" + taskId + "/stop"), TIMEOUT);
    }

    @Test
    void aStallTripsTheStreamIdleTimeoutAfterTheEventsBeforeItAndTheTaskIsStopped() {
        // Pings every 100 ms would keep the stream alive: the idle timeout trips only if the stall silences them too.
        try (DifyTestServer pinging = pinging()) {
            pinging.chatApp("support", KEY).answers(ANSWER).onNextRequest(DifyFault.stallAfter(2));
            DifyChatClient chat = chatOn(pinging, fastOptions().withStreamIdleTimeout(Duration.ofMillis(500)));

            Outcome outcome = failing(chat.stream(ChatRequest.of("Hi")));

            assertThat(outcome.events()).hasSize(2);
            assertThat(outcome.error()).isInstanceOf(DifyStreamIdleTimeoutException.class);
            assertThat(((DifyStreamIdleTimeoutException) outcome.error()).getTimeout()).isEqualTo(Duration.ofMillis(500));
            pinging.awaitRequests(1, (request) -> request.path().equals("/chat-messages/" + outcome.events().get(0).taskId() + "/stop"),
                    TIMEOUT);
            assertThat(pinging.requests().chatMessages().single().awaitAnswered(TIMEOUT)).as("the connection was closed").isTrue();
        }
    }

    @Test
    void pingsKeepASlowStreamAliveBeyondTheIdleTimeout() {
        try (DifyTestServer pinging = pinging()) {
            pinging.chatApp("support", KEY).answersInChunks("slow", " but alive").pace(Duration.ofMillis(700));
            DifyChatClient chat = chatOn(pinging, fastOptions().withStreamIdleTimeout(Duration.ofMillis(400)));

            List<DifyEvent> events = collect(chat.stream(ChatRequest.of("Hi")));

            StreamedAnswer answer = assemble(events);
            assertThat(answer.text()).isEqualTo("slow but alive");
            assertThat(answer.messageEnded()).isTrue();
        }
    }

    private static DifyTestServer pinging() {
        return DifyTestServer.builder().pingInterval(Duration.ofMillis(100)).start();
    }

    private DifyChatClient chatOn(DifyTestServer server, DifyClientOptions options) {
        return clients(new DifyApp("support", DifyAppType.CHAT, URI.create(server.baseUrl()), KEY, USER, options)).chat("support");
    }

    @Test
    void aSlowFirstByteTripsTheResponseTimeoutOfABlockingCallWhichIsNotRetried() {
        this.dify.chatApp("support", KEY).onNextRequest(DifyFault.slowFirstByte(Duration.ofSeconds(3)));
        DifyChatClient chat = chat(fastOptions().withResponseTimeout(Duration.ofMillis(500)));

        Throwable timedOut = catchThrowable(() -> chat.send(ChatRequest.of("Hi")).block(TIMEOUT));

        assertThat(timedOut).isInstanceOf(DifyResponseTimeoutException.class);
        assertThat(((DifyResponseTimeoutException) timedOut).getTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(this.dify.requests().chatMessages()).hasSize(1);
    }

    @Test
    void aSlowFirstByteTripsTheStreamIdleTimeoutOfAStream() {
        this.dify.chatApp("support", KEY).onNextRequest(DifyFault.slowFirstByte(Duration.ofSeconds(3)));
        DifyChatClient chat = chat(fastOptions().withStreamIdleTimeout(Duration.ofMillis(500)));

        Outcome outcome = failing(chat.stream(ChatRequest.of("Hi")));

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.error()).isInstanceOf(DifyStreamIdleTimeoutException.class);
        assertThat(this.dify.requests().chatMessages()).hasSize(1);
    }

    @Test
    void faultsQueueUpAndTheAppAnswersAgainOnceTheyArePlayed() {
        this.dify.chatApp("support", KEY).answers(ANSWER)
            .onNextRequest(DifyFault.httpError(400, "invalid_param", "first"))
            .onNextRequest(DifyFault.httpError(400, "invalid_param", "second"));
        DifyChatClient chat = chat();

        assertThat(((DifyBadRequestException) catchThrowable(() -> chat.send(ChatRequest.of("Hi")).block(TIMEOUT))).getDifyMessage())
            .isEqualTo("first");
        assertThat(((DifyBadRequestException) catchThrowable(() -> chat.send(ChatRequest.of("Hi")).block(TIMEOUT))).getDifyMessage())
            .isEqualTo("second");
        assertThat(chat.send(ChatRequest.of("Hi")).block(TIMEOUT).answer()).isEqualTo(ANSWER);
    }
}
