package io.github.difyspring.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.difyspring.test.Bodies.assertError;
import static io.github.difyspring.test.Bodies.json;
import static io.github.difyspring.test.Bodies.message;
import static io.github.difyspring.test.Bodies.pieces;
import static io.github.difyspring.test.Bodies.streaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text generator app of the test server: streamed and blocking answers made from the inputs,
 * without conversations ({@code api/core/app/apps/completion/generate_response_converter.py}), and
 * its stop ({@code POST /completion-messages/{task_id}/stop}).
 */
class CompletionAppTests {

    private static final String KEY = "app-completion-key";

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> server.completionApp("writer", KEY));

    private final DifyTestServer server = dify.server();

    private final ScriptedApp writer = server.app("writer");

    private final WireClient client = new WireClient(server, KEY);

    @Test
    void streamsAnAnswerWithoutAConversation() {
        writer.answers("Once upon a time");

        WireClient.Stream stream = client.stream("/completion-messages", streaming(message("Tell a story", "user-1")));

        assertThat(stream.frames().get(0)).isEqualTo("event: ping");
        assertThat(pieces(stream, "message")).containsExactly("Once", " upon", " a", " time");
        assertThat(stream.types()).last().isEqualTo("message_end");
        assertThat(stream.events()).allSatisfy((event) -> assertThat(event).doesNotContainKey("conversation_id")
            .containsKeys("message_id", "task_id", "created_at"));
    }

    @Test
    void answersBlockingWithoutAConversation() {
        writer.answers("The end.");

        HttpResponse<String> response = client.post("/completion-messages", Bodies.blocking(message("Finish it", "user-1")));

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> answer = json(response);
        assertThat(answer).containsEntry("event", "message").containsEntry("mode", "completion").containsEntry("answer", "The end.")
            .doesNotContainKey("conversation_id").containsKeys("task_id", "id", "message_id", "metadata", "created_at");
    }

    @Test
    void makesTheAnswerFromTheInputs() {
        writer.answers((request) -> "A story about " + request.inputs().get("topic") + ".");
        Map<String, Object> body = message("", "user-1");
        body.put("inputs", Map.of("topic", "dragons"));

        assertThat(json(client.post("/completion-messages", Bodies.blocking(body)))).containsEntry("answer", "A story about dragons.");
        assertThat(server.requests().completionMessages().withInput("topic", "dragons")).hasSize(1);
    }

    @Test
    void refusesAMessageWithoutARequiredInput() {
        writer.requiresInputs("topic");

        assertError(client.post("/completion-messages", Bodies.blocking(message("Go", "user-1"))), 400, "invalid_param",
                "topic is required in input form");
    }

    @Test
    void stopEndsAStreamEarlyWithMessageEnd() {
        String text = "one two three four five six seven eight nine ten eleven twelve";
        writer.answers(text).pace(Duration.ofMillis(100));

        try (WireClient.OpenStream stream = client.open("/completion-messages", streaming(message("Count", "user-1")))) {
            Object taskId = stream.nextEvent().get("task_id");
            HttpResponse<String> stopped = client.post("/completion-messages/" + taskId + "/stop", Map.of("user", "user-1"));

            assertThat(json(stopped)).isEqualTo(Map.of("result", "success"));
            WireClient.Stream all = stream.awaitEnd();
            assertThat(all.types()).last().isEqualTo("message_end");
            assertThat(all.text("message", "answer")).isNotEqualTo(text);
            assertThat(text).startsWith(all.text("message", "answer"));
        }
    }

    @Test
    void refusesTheChatRoutesAndTakesNoChatMessages() {
        assertError(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1"))), 400, "not_chat_app",
                "Please check if your app mode matches the right API route.");
        ScriptedApp chat = server.chatApp("support", "app-chat-key");
        chat.answers("unused");
        assertError(new WireClient(server, "app-chat-key").post("/completion-messages", Bodies.blocking(message("Hi", "user-1"))), 400,
                "app_unavailable", "App unavailable, please check your app configurations.");
    }
}
