package io.github.difyspring.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.difyspring.test.Bodies.assertError;
import static io.github.difyspring.test.Bodies.message;
import static io.github.difyspring.test.Bodies.run;
import static io.github.difyspring.test.Bodies.streaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults the test server plays: HTTP errors, once or always; faults inside a stream (Dify's
 * {@code error} event, a reset, a stall), which blocking requests pass by; and a slow first byte.
 * The {@code error} events have the shapes of {@code base_app_generate_response_converter.py} per
 * app family (/work/notes/double-wire.md section 3).
 */
class FaultTests {

    private static final String KEY = "app-chat-key";

    private static final String WORKFLOW_KEY = "app-workflow-key";

    private static final String COMPLETION_KEY = "app-completion-key";

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> {
        server.chatApp("support", KEY);
        server.workflowApp("etl", WORKFLOW_KEY);
        server.completionApp("writer", COMPLETION_KEY);
    });

    private final DifyTestServer server = dify.server();

    private final ScriptedApp chat = server.app("support");

    private final ScriptedApp workflow = server.app("etl");

    private final ScriptedApp completion = server.app("writer");

    private final WireClient client = new WireClient(server, KEY);

    @Test
    void httpErrorAnswersWithItsStatusAndDifysBody() {
        chat.onNextRequest(DifyFault.httpError(503, "app_unavailable", "App unavailable, please check your app configurations."));

        assertError(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1"))), 503, "app_unavailable",
                "App unavailable, please check your app configurations.");
    }

    @Test
    void rateLimitedAsksToRetryAfterTheWait() {
        chat.onNextRequest(DifyFault.rateLimited(Duration.ofSeconds(7)));

        HttpResponse<String> limited = client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1")));

        assertError(limited, 429, "too_many_requests", "Too many requests. Please try again later.");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void nextRequestFaultsApplyOnceEachInTheirOrder() {
        chat.onNextRequest(DifyFault.httpError(500, "internal_server_error", "Internal Server Error, please contact support."))
            .onNextRequest(DifyFault.rateLimited(Duration.ofSeconds(1)));

        assertThat(client.get("/parameters").statusCode()).isEqualTo(500);
        assertThat(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1"))).statusCode()).isEqualTo(429);
        assertThat(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1"))).statusCode()).isEqualTo(200);
        assertThat(client.get("/parameters").statusCode()).isEqualTo(200);
    }

    @Test
    void everyRequestFaultAppliesUntilCleared() {
        chat.onEveryRequest(DifyFault.httpError(502, "bad_gateway", "Bad Gateway"));

        for (int i = 0; i < 3; i++) {
            assertError(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1"))), 502, "bad_gateway", "Bad Gateway");
        }
        chat.clearFaults();

        assertThat(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1"))).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsOfOneAppLeaveTheOthersAlone() {
        chat.onEveryRequest(DifyFault.httpError(503, "app_unavailable", "Down"));

        assertThat(new WireClient(server, WORKFLOW_KEY).post("/workflows/run", Bodies.blocking(run(Map.of(), "user-1"))).statusCode())
            .isEqualTo(200);
    }

    @Test
    void streamFaultsWaitForAStreamingRequest() {
        chat.answers("one two three").onNextRequest(DifyFault.errorEvent(1, 400, "completion_request_error", "boom"));

        assertThat(client.get("/parameters").statusCode()).isEqualTo(200);
        HttpResponse<String> blocking = client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1")));
        assertThat(blocking.statusCode()).isEqualTo(200);
        assertThat(Bodies.json(blocking)).containsEntry("answer", "one two three");

        WireClient.Stream stream = client.stream("/chat-messages", streaming(message("Hi", "user-1")));

        assertThat(stream.types()).containsExactly("message", "error");
        assertThat(client.stream("/chat-messages", streaming(message("Hi", "user-1"))).types()).doesNotContain("error").last()
            .isEqualTo("message_end");
    }

    @Test
    void errorEventOfAChatEndsTheStreamWithoutATaskId() {
        chat.answers("one two three four five").onNextRequest(DifyFault.errorEvent(2, 400, "completion_request_error", "boom"));

        WireClient.Stream stream = client.stream("/chat-messages", streaming(message("Hi", "user-1")));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.frames().get(0)).isEqualTo("event: ping");
        assertThat(stream.types()).containsExactly("message", "message", "error");
        Map<String, Object> error = stream.first("error");
        assertThat(error.keySet()).containsExactly("event", "conversation_id", "message_id", "created_at", "code", "status", "message");
        assertThat(error).containsEntry("code", "completion_request_error").containsEntry("status", 400).containsEntry("message", "boom")
            .containsEntry("conversation_id", stream.first("message").get("conversation_id"))
            .containsEntry("message_id", stream.first("message").get("message_id"));
    }

    @Test
    void errorEventOfACompletionHasNoConversation() {
        completion.answers("one two three").onNextRequest(DifyFault.errorEvent(1, 400, "invalid_param", "Rate Limit Error"));

        WireClient.Stream stream = new WireClient(server, COMPLETION_KEY).stream("/completion-messages",
                streaming(message("Hi", "user-1")));

        assertThat(stream.types()).containsExactly("message", "error");
        assertThat(stream.first("error").keySet()).containsExactly("event", "message_id", "created_at", "code", "status", "message");
    }

    @Test
    void errorEventOfAWorkflowNamesTheRun() {
        workflow.onNextRequest(DifyFault.errorEvent(2, 400, "completion_request_error", "boom"));

        WireClient.Stream stream = new WireClient(server, WORKFLOW_KEY).stream("/workflows/run", streaming(run(Map.of(), "user-1")));

        assertThat(stream.types()).containsExactly("workflow_started", "node_started", "error");
        Map<String, Object> error = stream.first("error");
        assertThat(error.keySet()).containsExactly("event", "workflow_run_id", "code", "status", "message");
        assertThat(error).containsEntry("workflow_run_id", stream.first("workflow_started").get("workflow_run_id"))
            .containsEntry("code", "completion_request_error").containsEntry("status", 400).containsEntry("message", "boom");
    }

    @Test
    void resetCutsTheStreamAfterItsEvents() {
        chat.answers("one two three four five").onNextRequest(DifyFault.resetAfter(1));

        // A plain socket: the JDK's HttpClient drops what it has buffered once the connection fails.
        WireClient.RawAnswer answer = client.postRaw("/chat-messages", streaming(message("Hi", "user-1")));

        assertThat(answer.text()).startsWith("HTTP/1.1 200").contains("event: ping");
        assertThat(answer.dataLines()).singleElement().satisfies((line) -> assertThat(line).contains("\"answer\":\"one\""));
        assertThat(answer.failure()).as("the connection is reset, not closed").isNotNull();
        assertThat(answer.text()).doesNotContain("message_end").doesNotEndWith("0\r\n\r\n");
        assertThat(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1"))).statusCode()).isEqualTo(200);
    }

    @Test
    void stallLeavesTheStreamOpenAndSilentUntilTheClientLeaves() throws InterruptedException {
        // A server of its own: the extension starts its server with the default ping interval (10 s), this test needs 50 ms.
        try (DifyTestServer pinging = DifyTestServer.builder().pingInterval(Duration.ofMillis(50)).start()) {
            pinging.chatApp("support", KEY).answers("one two three").onNextRequest(DifyFault.stallAfter(1));
            WireClient stalled = new WireClient(pinging, KEY);

            try (WireClient.OpenStream stream = stalled.open("/chat-messages", streaming(message("Hi", "user-1")))) {
                assertThat(stream.nextFrame(Duration.ofSeconds(5))).isEqualTo("event: ping");
                assertThat(stream.nextEvent()).containsEntry("answer", "one");
                long read = stream.charsRead();

                assertThat(stream.nextFrame(Duration.ofMillis(500))).as("no event and no ping after the stall").isNull();
                assertThat(stream.charsRead()).as("not a byte after the stall").isEqualTo(read);
                assertThat(stream.hasEnded()).isFalse();
                assertThat(pinging.openStreams()).isEqualTo(1);
            }

            RecordedRequest request = pinging.requests().chatMessages().single();
            assertThat(request.awaitAnswered(Duration.ofSeconds(5))).as("the server sees the client leave").isTrue();
            awaitNoOpenStream(pinging);
        }
    }

    @Test
    void slowFirstByteDelaysTheAnswer() {
        chat.onNextRequest(DifyFault.slowFirstByte(Duration.ofMillis(300)));

        long started = System.nanoTime();
        HttpResponse<String> response = client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1")));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Bodies.json(response)).containsEntry("answer", "Hello from the Dify test server.");
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void slowFirstByteDelaysAStreamsHeaders() {
        chat.onNextRequest(DifyFault.slowFirstByte(Duration.ofMillis(300)));

        long started = System.nanoTime();
        try (WireClient.OpenStream stream = client.open("/chat-messages", streaming(message("Hi", "user-1")))) {
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(stream.status()).isEqualTo(200);
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(stream.awaitEnd().types()).last().isEqualTo("message_end");
        }
    }

    private static void awaitNoOpenStream(DifyTestServer server) throws InterruptedException {
        for (int i = 0; i < 500 && server.openStreams() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(server.openStreams()).isZero();
    }
}
