package io.github.difyspring.client.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.error.DifyRateLimitException;
import io.github.difyspring.client.error.DifyServerException;
import io.github.difyspring.client.error.DifyStreamIdleTimeoutException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.UndecodableEvent;
import io.github.difyspring.test.DifyFault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults injected on loopback, each ending in the outcome the README documents, with nothing lost
 * that the server sent before the fault. What Dify (or the network under it) does, its 429s and
 * 503s and resets, the test double plays; WireMock and a bare socket server stay for what needs
 * control over the bytes: broken frames and bodies, statuses and pages Dify never sends, a dribble,
 * and a ping at a chosen moment.
 */
class FaultInjectionTests extends ReliabilityTestSupport {

    private static final String CHAT = "/v1/chat-messages";

    private static final String HEL = "{\"event\":\"message\",\"task_id\":\"t1\",\"message_id\":\"m1\",\"conversation_id\":\"c1\",\"answer\":\"Hel\"}";

    private static final String LO = "{\"event\":\"message\",\"task_id\":\"t1\",\"message_id\":\"m1\",\"conversation_id\":\"c1\",\"answer\":\"lo\"}";

    private static final DifyFault SERVICE_UNAVAILABLE = DifyFault.httpError(503, "service_unavailable", "Service unavailable");

    /** The chat app on WireMock. */
    private DifyChatClient chat() {
        return clients(DifyAppType.CHAT, fastOptions()).chat("chat-app");
    }

    /** The chat app on the test double. */
    private DifyChatClient chatOnDify() {
        return clientsOnDify(DifyAppType.CHAT, fastOptions()).chat("chat-app");
    }

    private static List<String> answers(List<DifyEvent> events) {
        return events.stream().map((event) -> ((MessageEvent) event).answer()).toList();
    }

    @Test
    void connectionResetMidStreamDeliversTheEventsBeforeItThenFailsWithoutRetryAndStopsTheTask() {
        difyApp(DifyAppType.CHAT).answersInChunks("Hel", "lo", " there").onNextRequest(DifyFault.resetAfter(2));

        Outcome<DifyEvent> outcome = failing(chatOnDify().stream(ChatRequest.of("Hi")));

        assertThat(answers(outcome.items())).containsExactly("Hel", "lo");
        assertThat(outcome.error()).isInstanceOf(DifyConnectionException.class)
            .hasMessageContaining("'chat-app'")
            .hasMessageContaining("POST /chat-messages");
        String stop = "/chat-messages/" + outcome.items().get(0).taskId() + "/stop";
        dify().awaitRequests(1, (request) -> request.path().equals(stop), TIMEOUT);
        assertThat(dify().requests()).as("a stream that delivered events is not sent again; its task is stopped")
            .extracting((request) -> request.method() + " " + request.path())
            .containsExactly("POST /chat-messages", "POST " + stop);
    }

    // WireMock: a frame cut in the middle is bytes the double never writes.
    @Test
    void serverClosingMidEventDeliversTheWholeEventsThenFailsAsABrokenConnection() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream("data: " + HEL + "\n\ndata: " + LO
                + "\n\ndata: {\"event\":\"message\",\"task_id\":\"t1\",\"answ")));

        Outcome<DifyEvent> outcome = failing(chat().stream(ChatRequest.of("Hi")));

        assertThat(answers(outcome.items())).containsExactly("Hel", "lo");
        assertThat(outcome.error()).isInstanceOf(DifyConnectionException.class).hasMessageContaining("middle of an event");
        wireMock.verify(1, postRequestedFor(urlEqualTo(CHAT)));
    }

    // WireMock: a frame cut in the middle.
    @Test
    void serverClosingMidEventOfARawStreamFailsTheSameWay() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream("data: " + HEL + "\n\ndata: {\"event\":\"message\"")));

        Outcome<DifyRawEvent> outcome = failing(chat().raw().stream(ChatRequest.of("Hi")));

        assertThat(outcome.items()).extracting(DifyRawEvent::json).containsExactly(HEL);
        assertThat(outcome.error()).isInstanceOf(DifyConnectionException.class).hasMessageContaining("middle of an event");
    }

    // WireMock: malformed JSON in a frame, which the double never writes.
    @Test
    void malformedJsonInOneEventArrivesUndecodableBetweenTheEventsAroundIt() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream("data: " + HEL + "\n\ndata: " + LO + "\n\n"
                + "data: {\"event\": \"message_end\", \"task_id\": \"t1\", \"metadata\": {\"usage\": {\"total_tokens\": 12,}}}\n\n"
                + "data: " + HEL + "\n\n")));

        List<DifyEvent> events = collect(chat().stream(ChatRequest.of("Hi")));

        assertThat(events).hasSize(4);
        assertThat(answers(events.subList(0, 2))).containsExactly("Hel", "lo");
        UndecodableEvent bad = (UndecodableEvent) events.get(2);
        assertThat(bad.type()).isEqualTo("message_end");
        assertThat(bad.taskId()).isEqualTo("t1");
        assertThat(bad.error().getMessage()).contains("'message_end'", "POST /chat-messages", "\"total_tokens\": 12,}");
        assertThat(answers(events.subList(3, 4))).containsExactly("Hel");
    }

    // WireMock: a 200 without a body, which Dify never sends.
    @Test
    void emptyOkBodyIsADecodingExceptionForAStreamAndForABlockingCall() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(200)));

        Outcome<DifyEvent> stream = failing(chat().stream(ChatRequest.of("Hi")));
        DifyDecodingException blocking = failure(chat().send(ChatRequest.of("Hi")), DifyDecodingException.class);

        assertThat(stream.items()).isEmpty();
        assertThat(stream.error()).isInstanceOf(DifyDecodingException.class)
            .hasMessageContaining("HTTP 200 without a content type instead of an event stream (empty body)");
        assertThat(blocking.getMessage()).contains("HTTP 200 without a content type and an empty body, not a JSON answer");
    }

    // WireMock: a 204, which Dify never sends.
    @Test
    void noContentIsADecodingExceptionWhereAnAnswerWasDueAndSuccessWhereNone() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(204)));
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages/t1/stop")).willReturn(aResponse().withStatus(204)));

        Outcome<DifyEvent> stream = failing(chat().stream(ChatRequest.of("Hi")));
        DifyDecodingException blocking = failure(chat().send(ChatRequest.of("Hi")), DifyDecodingException.class);
        chat().stop("t1").block(TIMEOUT);

        assertThat(stream.error()).isInstanceOf(DifyDecodingException.class).hasMessageContaining("HTTP 204");
        assertThat(blocking.getMessage()).contains("HTTP 204 without a content type and an empty body");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat-messages/t1/stop")));
    }

    // WireMock: a 202 with a body, which Dify never sends.
    @Test
    void acceptedIsNeverAnEmptySuccess() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(json(202, "{\"result\": \"queued\"}")));
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages/t1/stop")).willReturn(json(202, "{\"result\": \"queued\"}")));

        Outcome<DifyEvent> stream = failing(chat().stream(ChatRequest.of("Hi")));
        DifyDecodingException blocking = failure(chat().send(ChatRequest.of("Hi")), DifyDecodingException.class);
        DifyDecodingException raw = failure(chat().raw().send(ChatRequest.of("Hi")), DifyDecodingException.class);
        DifyDecodingException stop = failure(chat().stop("t1"), DifyDecodingException.class);

        assertThat(stream.error()).isInstanceOf(DifyDecodingException.class).hasMessageContaining("HTTP 202");
        assertThat(List.of(blocking, raw, stop)).allSatisfy((error) -> assertThat(error.getMessage())
            .contains("HTTP 202 with content type application/json", "queued", "not a JSON answer"));
    }

    // WireMock: a proxy's HTML page with status 200, not Dify's answer.
    @Test
    void anHtmlPageWithStatus200IsNeverASuccess() {
        String page = "<html><body>Please sign in to the corporate proxy</body></html>";
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
            .withBody(page)));
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages/t1/stop")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/html").withBody(page)));

        DifyDecodingException blocking = failure(chat().send(ChatRequest.of("Hi")), DifyDecodingException.class);
        DifyDecodingException raw = failure(chat().raw().send(ChatRequest.of("Hi")), DifyDecodingException.class);
        DifyDecodingException stop = failure(chat().stop("t1"), DifyDecodingException.class);

        assertThat(List.of(blocking, raw, stop)).allSatisfy((error) -> assertThat(error.getMessage())
            .contains("HTTP 200 with content type text/html", "corporate proxy", "not a JSON answer"));
    }

    // A raw server: the timing bound needs one ping written after the event, then silence; the double's
    // stall silences its pings at once, so no ping would reset the idle timer after the event.
    @Test
    void tricklingServerTripsTheIdleTimeoutAfterDeliveringWhatArrived() throws IOException {
        // One event and a ping, then silence for longer than the idle timeout.
        try (RawHttpServer server = new RawHttpServer((socket, request) -> {
            OutputStream out = socket.getOutputStream();
            RawHttpServer.writeStreamHead(out);
            RawHttpServer.write(out, "data: " + HEL + "\n\n");
            Thread.sleep(300);
            RawHttpServer.write(out, "event: ping\n\n");
            Thread.sleep(5000);
            RawHttpServer.write(out, "data: " + LO + "\n\n");
        })) {
            DifyChatClient client = clients(new DifyApp("raw", DifyAppType.CHAT, URI.create(server.baseUrl()), API_KEY, DEFAULT_USER,
                    fastOptions().withStreamIdleTimeout(Duration.ofMillis(700))), DifyPoolOptions.defaults()).chat("raw");

            long start = System.nanoTime();
            Outcome<DifyEvent> outcome = failing(client.stream(ChatRequest.of("Hi")));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(answers(outcome.items())).containsExactly("Hel");
            assertThat(outcome.error()).isInstanceOf(DifyStreamIdleTimeoutException.class)
                .hasMessageContaining("'raw'")
                .hasMessageContaining("POST /chat-messages")
                .hasMessageContaining("700 ms");
            assertThat(elapsedMillis).as("ended 700 ms after the ping, not when the server spoke again").isBetween(900L, 3000L);
        }
    }

    // WireMock: a chunked dribble that splits frames, finer than the double's event-by-event pace.
    @Test
    void bytesThatKeepComingKeepAStreamAliveLongerThanItsIdleTimeout() {
        // Pings, then an event, trickled over 3 s in 30 chunks: never 700 ms without a byte, though
        // the events are 3 s apart.
        String body = sse(event("one")) + "event: ping\n\n".repeat(40) + sse(event("two"));
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream(body).withChunkedDribbleDelay(30, 3000)));
        DifyChatClient client = clients(DifyAppType.CHAT, fastOptions().withStreamIdleTimeout(Duration.ofMillis(700))).chat("chat-app");

        assertThat(answers(collect(client.stream(ChatRequest.of("Hi"))))).containsExactly("one", "two");
    }

    private static String event(String answer) {
        return "{\"event\":\"message\",\"task_id\":\"t1\",\"message_id\":\"m1\",\"conversation_id\":\"c1\",\"answer\":\"" + answer + "\"}";
    }

    // WireMock: the raw events are compared with the exact bytes sent.
    @Test
    void oneMebibyteEventIsDeliveredWhole() {
        String big = "x".repeat(1024 * 1024);
        String event = "{\"event\":\"message\",\"task_id\":\"t1\",\"answer\":\"" + big + "\"}";
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream("data: " + HEL + "\n\ndata: " + event + "\n\ndata: " + LO + "\n\n")));

        List<DifyEvent> events = collect(chat().stream(ChatRequest.of("Hi")));
        List<DifyRawEvent> raw = chat().raw().stream(ChatRequest.of("Hi")).collectList().block(TIMEOUT);

        assertThat(events).hasSize(3);
        assertThat(((MessageEvent) events.get(1)).answer()).isEqualTo(big);
        assertThat(raw).extracting(DifyRawEvent::json).containsExactly(HEL, event, LO);
    }

    // WireMock: nginx's HTML 502 page, a body Dify never sends.
    @Test
    void proxysHtml502IsAServerExceptionAfterTheRetriesOfARead() {
        wireMock.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
            .withBody("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
                    + "<hr><center>nginx/1.25.3</center></body></html>")));

        wireMock.stubFor(get(urlEqualTo("/v1/info")).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
            .withBody("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
                    + "<hr><center>nginx/1.25.3</center></body></html>")));

        DifyServerException error = failure(chat().info(), DifyServerException.class);
        DifyServerException generation = failure(chat().send(ChatRequest.of("Hi")), DifyServerException.class);

        assertThat(List.of(error, generation)).allSatisfy((failure) -> {
            assertThat(failure.getStatusCode().value()).isEqualTo(502);
            assertThat(failure.getCode()).isNull();
            assertThat(failure.getMessage()).contains("HTTP 502", "502 Bad Gateway", "nginx/1.25.3").doesNotContain("<html>");
        });
        wireMock.verify(3, getRequestedFor(urlEqualTo("/v1/info")));
        wireMock.verify(1, postRequestedFor(urlEqualTo(CHAT)));
    }

    @Test
    void rateLimitWithRetryAfterThenSuccessWaitsAsAskedAndSucceeds() {
        difyApp(DifyAppType.CHAT).answers("Hello").onNextRequest(DifyFault.rateLimited(Duration.ofSeconds(1)));

        DifyChatClient client = clientsOnDify(DifyAppType.CHAT, DifyClientOptions.defaults()
            .withRetry(new DifyRetryOptions(true, 3, Duration.ofMillis(20), Duration.ofSeconds(5), 0.5))).chat("chat-app");

        long start = System.nanoTime();
        ChatResponse answer = client.send(ChatRequest.of("Hi")).block(TIMEOUT);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer.answer()).isEqualTo("Hello");
        assertThat(elapsedMillis).as("waited the second Retry-After asked for").isGreaterThanOrEqualTo(950);
        assertThat(dify().requests().chatMessages()).hasSize(2);
    }

    @Test
    void rateLimitAskingForLongerThanTheMaxBackoffFailsAtOnceWithTheWait() {
        difyApp(DifyAppType.CHAT).onEveryRequest(DifyFault.rateLimited(Duration.ofSeconds(120)));

        DifyRateLimitException error = failure(chatOnDify().send(ChatRequest.of("Hi")), DifyRateLimitException.class);

        assertThat(error.getRetryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(dify().requests().chatMessages()).hasSize(1);
    }

    @Test
    void serviceUnavailableTwiceThenSuccessSucceedsOnTheThirdAttempt() {
        difyApp(DifyAppType.CHAT).answers("Hello").onNextRequest(SERVICE_UNAVAILABLE).onNextRequest(SERVICE_UNAVAILABLE);

        assertThat(chatOnDify().send(ChatRequest.of("Hi")).block(TIMEOUT).answer()).isEqualTo("Hello");
        assertThat(dify().requests().chatMessages()).hasSize(3);
    }

    @Test
    void serviceUnavailableTwiceThenAStreamDeliversTheWholeStreamOnce() {
        difyApp(DifyAppType.CHAT).answersInChunks("Hel", "lo").onNextRequest(SERVICE_UNAVAILABLE).onNextRequest(SERVICE_UNAVAILABLE);

        List<DifyEvent> events = collect(chatOnDify().stream(ChatRequest.of("Hi")));

        assertThat(events).extracting(DifyEvent::type).containsExactly("message", "message", "message_end");
        assertThat(answers(events.subList(0, 2))).containsExactly("Hel", "lo");
        assertThat(dify().requests().chatMessages()).hasSize(3);
    }

    @Test
    void connectionResetBeforeAnyAnswerIsRetriedForARead() {
        difyApp(DifyAppType.CHAT).info(Map.of("name", "Support", "mode", "chat")).onNextRequest(DifyFault.connectionReset());

        assertThat(chatOnDify().info().block(TIMEOUT).name()).isEqualTo("Support");
        assertThat(dify().requests().to("GET", "/info")).hasSize(2);
    }

    @Test
    void connectionResetAfterAGenerationWasWrittenIsNotRetried() {
        difyApp(DifyAppType.CHAT).answers("Hello").onNextRequest(DifyFault.connectionReset());

        try (LogCapture log = LogCapture.of("io.github.difyspring.client", Level.DEBUG)) {
            failure(chatOnDify().send(ChatRequest.of("Hi")), DifyConnectionException.class);

            assertThat(log.messagesOf("io.github.difyspring.client.internal.RetryPolicy")).singleElement().asString()
                .contains("attempt 1 of 3 failed", "not retrying", "may have reached Dify");
        }
        assertThat(dify().requests().chatMessages()).hasSize(1);
    }

    // No server at all: a closed port.
    @Test
    void connectionRefusedIsRetriedThenAConnectionException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DifyChatClient client = clients(new DifyApp("support", DifyAppType.CHAT, URI.create("http://127.0.0.1:" + closedPort + "/v1"),
                API_KEY, DEFAULT_USER, fastOptions()), DifyPoolOptions.defaults()).chat("support");

        try (LogCapture log = LogCapture.of("io.github.difyspring.client", Level.DEBUG)) {
            DifyConnectionException error = failure(client.send(ChatRequest.of("Hi")), DifyConnectionException.class);

            assertThat(error.getMessage()).contains("'support'", "POST /chat-messages", "could not be used");
            assertThat(log.messagesOf("io.github.difyspring.client.internal.RetryPolicy")).hasSize(3)
                .allSatisfy((line) -> assertThat(line).contains("Dify app 'support': POST /chat-messages attempt")
                    .doesNotContain(API_KEY))
                .satisfiesExactly(
                        (line) -> assertThat(line).contains("retrying in", "the connection was refused, so Dify never received the request"),
                        (line) -> assertThat(line).contains("retrying in", "the connection was refused, so Dify never received the request"),
                        (line) -> assertThat(line).contains("attempt 3 of 3", "not retrying: no attempts left"));
        }
    }

    @Test
    void withRetriesOffTheSameFaultIsRaisedAfterOneAttempt() {
        difyApp(DifyAppType.CHAT).onEveryRequest(SERVICE_UNAVAILABLE);
        DifyChatClient once = clientsOnDify(DifyAppType.CHAT, DifyClientOptions.defaults().withRetry(DifyRetryOptions.disabled()))
            .chat("chat-app");

        failure(once.send(ChatRequest.of("Hi")), DifyServerException.class);

        assertThat(dify().requests().chatMessages()).hasSize(1);
    }
}
