package io.github.difyspring.client.reliability;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.MessageQuery;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyServerException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.file.UploadedFile;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.test.DifyFault;
import io.github.difyspring.test.RecordedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are retried, how often, how long apart, and what each retry logs. The failures
 * are Dify's own error answers, played by the test double.
 */
class RetryTests extends ReliabilityTestSupport {

    private static final String CHAT = "/v1/chat-messages";

    private static final String ANSWER = "{\"event\":\"message\",\"task_id\":\"t1\",\"id\":\"m1\",\"message_id\":\"m1\","
            + "\"conversation_id\":\"c1\",\"mode\":\"chat\",\"answer\":\"Hello\",\"metadata\":{},\"created_at\":1705407629}";

    private DifyChatClient chat(DifyRetryOptions retry) {
        return clientsOnDify(DifyAppType.CHAT, DifyClientOptions.defaults().withRetry(retry)).chat("chat-app");
    }

    /** Dify's error answer for a status, with the code Dify (or the gateway in front of it) gives it. */
    private static DifyFault error(int status) {
        return switch (status) {
            case 429 -> DifyFault.httpError(429, "too_many_requests", "Too many requests. Please try again later.");
            case 502 -> DifyFault.httpError(502, "bad_gateway", "Bad gateway");
            case 503 -> DifyFault.httpError(503, "service_unavailable", "Service unavailable");
            case 504 -> DifyFault.httpError(504, "gateway_timeout", "Gateway timeout");
            default -> DifyFault.httpError(status, "internal_server_error", "Internal server error");
        };
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 413, 415, 500 })
    void errorsThatWillNotGoAwayAreSentOnce(int status) {
        difyApp(DifyAppType.CHAT).onEveryRequest(DifyFault.httpError(status, "x", "no"));

        DifyApiException error = failure(chat(FAST_RETRIES).send(ChatRequest.of("Hi")), DifyApiException.class);

        assertThat(error.getStatusCode().value()).isEqualTo(status);
        assertThat(dify().requests().chatMessages()).hasSize(1);
    }

    private static final DifyRetryOptions FIVE_ATTEMPTS = new DifyRetryOptions(true, 5, Duration.ofMillis(5), Duration.ofMillis(20), 0.5);

    @ParameterizedTest
    @ValueSource(ints = { 429, 503 })
    void aGenerationIsRetriedOnStatusesDifySendsBeforeDoingAnyWork(int status) {
        difyApp(DifyAppType.CHAT).onEveryRequest(error(status));

        DifyApiException error = failure(chat(FIVE_ATTEMPTS).send(ChatRequest.of("Hi")), DifyApiException.class);

        assertThat(error.getStatusCode().value()).isEqualTo(status);
        assertThat(dify().requests().chatMessages()).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 504 })
    void aGenerationIsSentOnceOnAServerErrorThatMayCome(int status) {
        difyApp(DifyAppType.CHAT).onEveryRequest(error(status));
        difyApp(DifyAppType.COMPLETION).onEveryRequest(error(status));
        difyApp(DifyAppType.WORKFLOW).onEveryRequest(error(status));
        DifyClientOptions options = DifyClientOptions.defaults().withRetry(FIVE_ATTEMPTS);

        failure(chat(FIVE_ATTEMPTS).send(ChatRequest.of("Hi")), DifyApiException.class);
        failure(chat(FIVE_ATTEMPTS).stream(ChatRequest.of("Hi")), DifyApiException.class);
        failure(clientsOnDify(DifyAppType.COMPLETION, options).completion("completion-app").send(CompletionRequest.of(Map.of())),
                DifyApiException.class);
        failure(clientsOnDify(DifyAppType.WORKFLOW, options).workflow("workflow-app").run(WorkflowRunRequest.of(Map.of())),
                DifyApiException.class);
        failure(clientsOnDify(DifyAppType.WORKFLOW, options).workflow("workflow-app").stream(WorkflowRunRequest.of(Map.of())),
                DifyApiException.class);
        failure(clientsOnDify(DifyAppType.WORKFLOW, options).workflow("workflow-app").run(WorkflowRunRequest.builder()
            .workflowId("w1").build()),
                DifyApiException.class);

        assertThat(dify().requests().chatMessages()).hasSize(2);
        assertThat(dify().requests().completionMessages()).hasSize(1);
        assertThat(dify().requests().to("POST", "/workflows/run")).hasSize(2);
        assertThat(dify().requests().to("POST", "/workflows/w1/run")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 504 })
    void aGenerationIsRetriedOnServerErrorsWhenTheAppOptsIn(int status) {
        difyApp(DifyAppType.CHAT).onEveryRequest(error(status));

        failure(chat(FIVE_ATTEMPTS.withGenerationsOnServerError(true)).send(ChatRequest.of("Hi")), DifyApiException.class);

        assertThat(dify().requests().chatMessages()).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(ints = { 429, 502, 503, 504 })
    void aReadIsRetriedOnEveryTryLaterStatus(int status) {
        difyApp(DifyAppType.CHAT).onEveryRequest(error(status));

        failure(chat(FIVE_ATTEMPTS).conversations().messages(MessageQuery.of("c1")), DifyApiException.class);

        assertThat(dify().requests().to("GET", "/messages")).hasSize(5);
    }

    @Test
    void aStopIsRetriedOnA502ButNotOnA500() {
        difyApp(DifyAppType.CHAT).onEveryRequest(error(502));
        failure(chat(FIVE_ATTEMPTS).forUser("u").stop("t1"), DifyApiException.class);
        difyApp(DifyAppType.CHAT).onEveryRequest(error(500));
        failure(chat(FIVE_ATTEMPTS).forUser("u").stop("t2"), DifyApiException.class);

        assertThat(dify().requests().to("POST", "/chat-messages/t1/stop")).hasSize(5);
        assertThat(dify().requests().to("POST", "/chat-messages/t2/stop")).hasSize(1);
    }

    @Test
    void retriesCanBeTurnedOff() {
        difyApp(DifyAppType.CHAT).onEveryRequest(error(503));

        failure(chat(DifyRetryOptions.disabled()).send(ChatRequest.of("Hi")), DifyServerException.class);

        assertThat(dify().requests().chatMessages()).hasSize(1);
    }

    @Test
    void waitsGrowExponentially() {
        difyApp(DifyAppType.CHAT).onEveryRequest(error(503));

        long start = System.nanoTime();
        failure(chat(new DifyRetryOptions(true, 4, Duration.ofMillis(200), Duration.ofSeconds(5), 0))
            .send(ChatRequest.of("Hi")), DifyServerException.class);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).as("200 + 400 + 800 ms of waits").isBetween(1400L, 4000L);
        assertThat(dify().requests().chatMessages()).hasSize(4);
    }

    // On WireMock: a Retry-After as an HTTP date, on a 503, is a gateway's header the double does not
    // send (its Retry-After comes with a 429 only, in whole seconds).
    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        wireMock.stubFor(post(urlEqualTo(CHAT)).inScenario("busy").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", inTwoSeconds)).willSetStateTo("free"));
        wireMock.stubFor(post(urlEqualTo(CHAT)).inScenario("busy").whenScenarioStateIs("free").willReturn(okJson(ANSWER)));

        long start = System.nanoTime();
        clients(DifyAppType.CHAT, DifyClientOptions.defaults().withRetry(new DifyRetryOptions(true, 3, Duration.ofMillis(10),
                Duration.ofSeconds(5), 0))).chat("chat-app").send(ChatRequest.of("Hi")).block(TIMEOUT);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        // The date has a one-second resolution: the wait is between one and two seconds.
        assertThat(elapsedMillis).isBetween(900L, 3500L);
        wireMock.verify(2, postRequestedFor(urlEqualTo(CHAT)));
    }

    @Test
    void everyRetryDecisionIsLoggedAtDebugWithTheAppOperationAttemptAndReason() {
        difyApp(DifyAppType.CHAT).onEveryRequest(DifyFault.httpError(503, "internal_server_error", "busy"));

        try (LogCapture log = LogCapture.of("io.github.difyspring.client", Level.DEBUG)) {
            failure(chat(FAST_RETRIES).send(ChatRequest.of("Hi")), DifyServerException.class);

            assertThat(log.events()).filteredOn((event) -> event.getLoggerName().endsWith("RetryPolicy"))
                .allSatisfy((event) -> assertThat(event.getLevel()).isEqualTo(Level.DEBUG))
                .extracting((event) -> event.getFormattedMessage())
                .satisfiesExactly(
                        (line) -> assertThat(line).startsWith("Dify app 'chat-app': POST /chat-messages attempt 1 of 3 failed "
                                + "(HTTP 503 internal_server_error); retrying in").contains("before doing any work"),
                        (line) -> assertThat(line).startsWith("Dify app 'chat-app': POST /chat-messages attempt 2 of 3 failed "
                                + "(HTTP 503 internal_server_error); retrying in"),
                        (line) -> assertThat(line).isEqualTo("Dify app 'chat-app': POST /chat-messages attempt 3 of 3 failed "
                                + "(HTTP 503 internal_server_error); not retrying: no attempts left"));
        }
    }

    @Test
    void aRefusedRetryIsLoggedWithWhyAGenerationIsNotRepeated() {
        difyApp(DifyAppType.CHAT).onEveryRequest(error(504));

        try (LogCapture log = LogCapture.of("io.github.difyspring.client", Level.DEBUG)) {
            failure(chat(FAST_RETRIES).send(ChatRequest.of("Hi")), DifyServerException.class);

            assertThat(log.messagesOf("io.github.difyspring.client.internal.RetryPolicy")).singleElement().asString()
                .startsWith("Dify app 'chat-app': POST /chat-messages attempt 1 of 3 failed (HTTP 504 gateway_timeout); not retrying: ")
                .contains("paid twice", "retry.generations-on-server-error=true");
        }
    }

    @Test
    void anUploadFromAOneShotStreamIsNeverSentTwice() {
        difyApp(DifyAppType.CHAT).onEveryRequest(error(503));

        failure(chat(FAST_RETRIES).files()
            .upload(FileUpload.of(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), "a.txt")),
                DifyServerException.class);

        assertThat(dify().requests().to("POST", "/files/upload")).hasSize(1);
    }

    @Test
    void anUploadThatCanBeReadAgainIsRetriedWithItsWholeContent() {
        difyApp(DifyAppType.CHAT).onNextRequest(error(503));

        UploadedFile uploaded = chat(FAST_RETRIES).files().upload(FileUpload.of("hello".getBytes(StandardCharsets.UTF_8), "a.txt"))
            .block(TIMEOUT);

        assertThat(uploaded.id()).isNotBlank();
        assertThat(uploaded.name()).isEqualTo("a.txt");
        assertThat(uploaded.size()).as("the double stored the whole content").isEqualTo(5);
        List<RecordedRequest> uploads = dify().requests().to("POST", "/files/upload").list();
        assertThat(uploads).hasSize(2)
            .allSatisfy((request) -> assertThat(request.parts().get("file").text()).isEqualTo("hello"));
    }

    @Test
    void aStreamRefusedWithTryLaterIsRetriedBeforeItsFirstEvent() {
        difyApp(DifyAppType.CHAT).answers("Hi").onNextRequest(error(429));

        List<DifyEvent> events = collect(chat(FAST_RETRIES).stream(ChatRequest.of("Hi")));

        assertThat(events).extracting(DifyEvent::type).containsExactly("message", "message_end");
        assertThat(dify().requests().chatMessages()).hasSize(2);
    }
}
