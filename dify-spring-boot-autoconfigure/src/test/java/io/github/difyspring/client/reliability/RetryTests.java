package io.github.difyspring.client.reliability;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are retried, how often, how long apart, and what each retry logs.
 */
class RetryTests extends ReliabilityTestSupport {

    private static final String CHAT = "/v1/chat-messages";

    private static final String ANSWER = "{\"event\":\"message\",\"task_id\":\"t1\",\"id\":\"m1\",\"message_id\":\"m1\","
            + "\"conversation_id\":\"c1\",\"mode\":\"chat\",\"answer\":\"Hello\",\"metadata\":{},\"created_at\":1705407629}";

    private static final String UPLOADED = "{\"id\":\"f1\",\"name\":\"a.txt\",\"size\":5,\"extension\":\"txt\","
            + "\"mime_type\":\"text/plain\",\"created_by\":\"u\",\"created_at\":1}";

    private DifyChatClient chat(DifyRetryOptions retry) {
        return clients(DifyAppType.CHAT, DifyClientOptions.defaults().withRetry(retry)).chat("chat-app");
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 413, 415, 500 })
    void errorsThatWillNotGoAwayAreSentOnce(int status) {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(json(status, "{\"code\":\"x\",\"message\":\"no\",\"status\":" + status + "}")));

        DifyApiException error = failure(chat(FAST_RETRIES).send(ChatRequest.of("Hi")), DifyApiException.class);

        assertThat(error.getStatusCode().value()).isEqualTo(status);
        wireMock.verify(1, postRequestedFor(urlEqualTo(CHAT)));
    }

    private static final DifyRetryOptions FIVE_ATTEMPTS = new DifyRetryOptions(true, 5, Duration.ofMillis(5), Duration.ofMillis(20), 0.5);

    @ParameterizedTest
    @ValueSource(ints = { 429, 503 })
    void aGenerationIsRetriedOnStatusesDifySendsBeforeDoingAnyWork(int status) {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(status)));

        DifyApiException error = failure(chat(FIVE_ATTEMPTS).send(ChatRequest.of("Hi")), DifyApiException.class);

        assertThat(error.getStatusCode().value()).isEqualTo(status);
        wireMock.verify(5, postRequestedFor(urlEqualTo(CHAT)));
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 504 })
    void aGenerationIsSentOnceOnAServerErrorThatMayCome(int status) {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(status)));
        wireMock.stubFor(post(urlEqualTo("/v1/completion-messages")).willReturn(aResponse().withStatus(status)));
        wireMock.stubFor(post(urlEqualTo("/v1/workflows/run")).willReturn(aResponse().withStatus(status)));
        wireMock.stubFor(post(urlEqualTo("/v1/workflows/w1/run")).willReturn(aResponse().withStatus(status)));
        DifyClientOptions options = DifyClientOptions.defaults().withRetry(FIVE_ATTEMPTS);

        failure(chat(FIVE_ATTEMPTS).send(ChatRequest.of("Hi")), DifyApiException.class);
        failure(chat(FIVE_ATTEMPTS).stream(ChatRequest.of("Hi")), DifyApiException.class);
        failure(clients(DifyAppType.COMPLETION, options).completion("completion-app").send(CompletionRequest.of(Map.of())),
                DifyApiException.class);
        failure(clients(DifyAppType.WORKFLOW, options).workflow("workflow-app").run(WorkflowRunRequest.of(Map.of())),
                DifyApiException.class);
        failure(clients(DifyAppType.WORKFLOW, options).workflow("workflow-app").stream(WorkflowRunRequest.of(Map.of())),
                DifyApiException.class);
        failure(clients(DifyAppType.WORKFLOW, options).workflow("workflow-app").run(WorkflowRunRequest.builder()
            .workflowId("w1").build()),
                DifyApiException.class);

        wireMock.verify(2, postRequestedFor(urlEqualTo(CHAT)));
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/completion-messages")));
        wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/workflows/run")));
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/workflows/w1/run")));
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 504 })
    void aGenerationIsRetriedOnServerErrorsWhenTheAppOptsIn(int status) {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(status)));

        failure(chat(FIVE_ATTEMPTS.withGenerationsOnServerError(true)).send(ChatRequest.of("Hi")), DifyApiException.class);

        wireMock.verify(5, postRequestedFor(urlEqualTo(CHAT)));
    }

    @ParameterizedTest
    @ValueSource(ints = { 429, 502, 503, 504 })
    void aReadIsRetriedOnEveryTryLaterStatus(int status) {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).willReturn(aResponse().withStatus(status)));

        failure(chat(FIVE_ATTEMPTS).conversations().messages(MessageQuery.of("c1")), DifyApiException.class);

        wireMock.verify(5, getRequestedFor(urlPathEqualTo("/v1/messages")));
    }

    @Test
    void aStopIsRetriedOnA502ButNotOnA500() {
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages/t1/stop")).willReturn(aResponse().withStatus(502)));
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages/t2/stop")).willReturn(aResponse().withStatus(500)));

        failure(chat(FIVE_ATTEMPTS).forUser("u").stop("t1"), DifyApiException.class);
        failure(chat(FIVE_ATTEMPTS).forUser("u").stop("t2"), DifyApiException.class);

        wireMock.verify(5, postRequestedFor(urlEqualTo("/v1/chat-messages/t1/stop")));
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat-messages/t2/stop")));
    }

    @Test
    void retriesCanBeTurnedOff() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(503)));

        failure(chat(DifyRetryOptions.disabled()).send(ChatRequest.of("Hi")), DifyServerException.class);

        wireMock.verify(1, postRequestedFor(urlEqualTo(CHAT)));
    }

    @Test
    void waitsGrowExponentially() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(503)));

        long start = System.nanoTime();
        failure(chat(new DifyRetryOptions(true, 4, Duration.ofMillis(200), Duration.ofSeconds(5), 0))
            .send(ChatRequest.of("Hi")), DifyServerException.class);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).as("200 + 400 + 800 ms of waits").isBetween(1400L, 4000L);
        wireMock.verify(4, postRequestedFor(urlEqualTo(CHAT)));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        wireMock.stubFor(post(urlEqualTo(CHAT)).inScenario("busy").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", inTwoSeconds)).willSetStateTo("free"));
        wireMock.stubFor(post(urlEqualTo(CHAT)).inScenario("busy").whenScenarioStateIs("free").willReturn(okJson(ANSWER)));

        long start = System.nanoTime();
        chat(new DifyRetryOptions(true, 3, Duration.ofMillis(10), Duration.ofSeconds(5), 0)).send(ChatRequest.of("Hi"))
            .block(TIMEOUT);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        // The date has a one-second resolution: the wait is between one and two seconds.
        assertThat(elapsedMillis).isBetween(900L, 3500L);
        wireMock.verify(2, postRequestedFor(urlEqualTo(CHAT)));
    }

    @Test
    void everyRetryDecisionIsLoggedAtDebugWithTheAppOperationAttemptAndReason() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(json(503, "{\"code\":\"internal_server_error\",\"message\":\"busy\"}")));

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
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(504)));

        try (LogCapture log = LogCapture.of("io.github.difyspring.client", Level.DEBUG)) {
            failure(chat(FAST_RETRIES).send(ChatRequest.of("Hi")), DifyServerException.class);

            assertThat(log.messagesOf("io.github.difyspring.client.internal.RetryPolicy")).singleElement().asString()
                .startsWith("Dify app 'chat-app': POST /chat-messages attempt 1 of 3 failed (HTTP 504); not retrying: ")
                .contains("paid twice", "retry.generations-on-server-error=true");
        }
    }

    @Test
    void anUploadFromAOneShotStreamIsNeverSentTwice() {
        wireMock.stubFor(post(urlEqualTo("/v1/files/upload")).willReturn(aResponse().withStatus(503)));

        failure(chat(FAST_RETRIES).files()
            .upload(FileUpload.of(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), "a.txt")),
                DifyServerException.class);

        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/files/upload")));
    }

    @Test
    void anUploadThatCanBeReadAgainIsRetriedWithItsWholeContent() {
        wireMock.stubFor(post(urlEqualTo("/v1/files/upload")).inScenario("upload").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        wireMock.stubFor(post(urlEqualTo("/v1/files/upload")).inScenario("upload").whenScenarioStateIs("ok")
            .willReturn(json(201, UPLOADED)));

        assertThat(chat(FAST_RETRIES).files().upload(FileUpload.of("hello".getBytes(StandardCharsets.UTF_8), "a.txt"))
            .block(TIMEOUT).id())
            .isEqualTo("f1");

        wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/files/upload")));
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/v1/files/upload"))))
            .allSatisfy((request) -> assertThat(request.getBodyAsString()).contains("hello"));
    }

    @Test
    void aStreamRefusedWithTryLaterIsRetriedBeforeItsFirstEvent() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).inScenario("s").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        wireMock.stubFor(post(urlEqualTo(CHAT)).inScenario("s").whenScenarioStateIs("ok")
            .willReturn(eventStream(sse("{\"event\":\"message\",\"task_id\":\"t1\",\"answer\":\"Hi\"}"))));

        assertThat(collect(chat(FAST_RETRIES).stream(ChatRequest.of("Hi")))).hasSize(1);
        wireMock.verify(2, postRequestedFor(urlEqualTo(CHAT)));
    }
}
