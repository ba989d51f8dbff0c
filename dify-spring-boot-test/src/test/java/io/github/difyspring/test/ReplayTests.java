package io.github.difyspring.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.difyspring.test.Bodies.message;
import static io.github.difyspring.test.Bodies.run;
import static io.github.difyspring.test.Bodies.streaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apps that replay a conformance transcript answer with it byte for byte: status, content type
 * and body exactly as Dify's server code writes them.
 */
class ReplayTests {

    private static final String KEY = "app-chat-key";

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> server.chatApp("support", KEY));

    private final DifyTestServer server = dify.server();

    private final ScriptedApp chat = server.app("support");

    private final WireClient client = new WireClient(server, KEY);

    @Test
    void replaysAStreamByteForByte() {
        chat.replays(DifyTranscript.CHAT_STREAMING);

        HttpResponse<String> response = post("/chat-messages", streaming(message("Hi", "user-1")));

        assertReplayed(response, DifyTranscript.CHAT_STREAMING);
    }

    @Test
    void replaysAPacedStreamByteForByte() {
        chat.replays(DifyTranscript.CHAT_STREAMING).pace(Duration.ofMillis(5));

        assertReplayed(post("/chat-messages", streaming(message("Hi", "user-1"))), DifyTranscript.CHAT_STREAMING);
    }

    @Test
    void replaysAWorkflowStreamOnItsRoute() {
        server.workflowApp("etl", "app-etl-key").replays(DifyTranscript.WORKFLOW_STREAMING);

        HttpResponse<String> response = new WireClient(server, "app-etl-key").post("/workflows/run", streaming(run(Map.of(), "user-1")));

        assertReplayed(response, DifyTranscript.WORKFLOW_STREAMING);
    }

    @Test
    void replaysAJsonAnswerWithItsStatus() {
        // Replayed by a chat app: an agent app refuses a blocking message itself, before its replay (see the report).
        chat.replays(DifyTranscript.AGENT_CHAT_BLOCKING_REFUSED);

        HttpResponse<String> response = post("/chat-messages", Bodies.blocking(message("Hi", "user-1")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertReplayed(response, DifyTranscript.AGENT_CHAT_BLOCKING_REFUSED);
        assertThat(response.body())
            .isEqualTo("{\"code\":\"invalid_param\",\"message\":\"Agent Chat App does not support blocking mode\",\"status\":400}\n");
    }

    @Test
    void replaysABlockingAnswerWithItsCharset() {
        chat.replays(DifyTranscript.CHAT_BLOCKING);

        HttpResponse<String> response = post("/chat-messages", Bodies.blocking(message("Hi", "user-1")));

        assertReplayed(response, DifyTranscript.CHAT_BLOCKING);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void scriptingAnAnswerEndsTheReplay() {
        chat.replays(DifyTranscript.CHAT_STREAMING);
        chat.answers("Scripted again.");

        WireClient.Stream stream = client.stream("/chat-messages", streaming(message("Hi", "user-1")));

        assertThat(stream.text("message", "answer")).isEqualTo("Scripted again.");
        assertThat(server.requests().chatMessages()).hasSize(1);
    }

    private HttpResponse<String> post(String path, Map<String, Object> body) {
        return this.client.post(path, body);
    }

    private static void assertReplayed(HttpResponse<String> response, DifyTranscript transcript) {
        assertThat(response.statusCode()).isEqualTo(transcript.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValue(transcript.headers().get("Content-Type"));
        assertThat(response.body()).isEqualTo(transcript.body());
    }
}
