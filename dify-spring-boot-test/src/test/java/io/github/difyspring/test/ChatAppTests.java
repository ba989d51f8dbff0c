package io.github.difyspring.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.difyspring.test.Bodies.assertError;
import static io.github.difyspring.test.Bodies.json;
import static io.github.difyspring.test.Bodies.list;
import static io.github.difyspring.test.Bodies.map;
import static io.github.difyspring.test.Bodies.message;
import static io.github.difyspring.test.Bodies.pieces;
import static io.github.difyspring.test.Bodies.streaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chatbot app of the test server, seen through the JDK's HTTP client: scripted answers, streamed
 * and blocking; conversations, messages, feedback and suggested questions, each kept per end user;
 * stops; and Dify's refusals (Dify 1.14.2's {@code api/controllers/service_api/app/completion.py},
 * {@code conversation.py}, {@code message.py} and {@code wraps.py}, as /work/notes/double-wire.md
 * sections 7 to 9 sum them up).
 */
class ChatAppTests {

    private static final String KEY = "app-chat-key";

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> server.chatApp("support", KEY));

    private final DifyTestServer server = dify.server();

    private final ScriptedApp app = server.app("support");

    private final WireClient client = new WireClient(server, KEY);

    @Test
    void answersWithTheDefaultTextUntilScripted() {
        Map<String, Object> answer = answerTo(message("Hi", "user-1"));

        assertThat(answer.get("answer")).isEqualTo("Hello from the Dify test server.");
    }

    @Test
    void streamsTheScriptedAnswerWordByWord() {
        app.answers("The quick brown fox");

        WireClient.Stream stream = client.stream("/chat-messages", streaming(message("Hi", "user-1")));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(stream.frames().get(0)).isEqualTo("event: ping");
        assertThat(pieces(stream, "message")).containsExactly("The", " quick", " brown", " fox");
        assertThat(stream.text("message", "answer")).isEqualTo("The quick brown fox");
        assertThat(stream.types()).last().isEqualTo("message_end");
        assertThat(stream.events()).extracting((event) -> event.get("message_id")).containsOnly(stream.first("message_end").get("id"));
        assertThat(stream.events()).extracting((event) -> event.get("task_id")).doesNotContainNull().hasSize(5).containsOnly(
                stream.first("message").get("task_id"));
        assertThat(stream.events()).extracting((event) -> event.get("conversation_id")).doesNotContainNull().containsOnly(
                stream.first("message").get("conversation_id"));
    }

    @Test
    void streamsTheScriptedChunksExactly() {
        app.answersInChunks("Hel", "lo, wor", "ld!");

        WireClient.Stream stream = client.stream("/chat-messages", streaming(message("Hi", "user-1")));

        assertThat(pieces(stream, "message")).containsExactly("Hel", "lo, wor", "ld!");
        assertThat(stream.types()).containsExactly("message", "message", "message", "message_end");
    }

    @Test
    void makesTheAnswerFromTheRequest() {
        app.answers((request) -> request.user() + " asked: " + request.query());

        assertThat(answerTo(message("What is Dify?", "user-9")).get("answer")).isEqualTo("user-9 asked: What is Dify?");
        assertThat(client.stream("/chat-messages", streaming(message("And now?", "user-3"))).text("message", "answer"))
            .isEqualTo("user-3 asked: And now?");
    }

    @Test
    void pacedStreamSendsPingsBetweenItsEvents() {
        // A server of its own: the extension starts its server with the default ping interval (10 s), this test needs 50 ms.
        try (DifyTestServer paced = DifyTestServer.builder().pingInterval(Duration.ofMillis(50)).start()) {
            paced.chatApp("support", KEY).answers("one two three").pace(Duration.ofMillis(200));

            WireClient.Stream stream = new WireClient(paced, KEY).stream("/chat-messages", streaming(message("Count", "user-1")));

            List<String> frames = stream.frames();
            assertThat(frames.get(0)).isEqualTo("event: ping");
            List<String> betweenEvents = frames.subList(firstData(frames), frames.size());
            assertThat(betweenEvents).as("pings after the first event").contains("event: ping");
            assertThat(stream.text("message", "answer")).isEqualTo("one two three");
            assertThat(stream.types()).last().isEqualTo("message_end");
        }
    }

    @Test
    void blockingAnswerHasDifysFields() {
        app.answers("Forty-two.");

        Map<String, Object> answer = answerTo(message("The answer?", "user-1"));

        assertThat(answer).containsEntry("event", "message").containsEntry("mode", "chat").containsEntry("answer", "Forty-two.");
        assertThat(answer.get("id")).isNotNull().isEqualTo(answer.get("message_id"));
        assertThat(answer.get("task_id")).isNotNull();
        assertThat(answer.get("conversation_id")).isNotNull();
        assertThat(answer.get("created_at")).isInstanceOf(Number.class);
        assertThat(map(answer.get("metadata"))).containsKeys("annotation_reply", "retriever_resources", "usage");
        assertThat(map(map(answer.get("metadata")).get("usage"))).containsKeys("prompt_tokens", "completion_tokens", "total_tokens",
                "latency");
    }

    @Test
    void continuesAConversationOfTheSameUser() {
        Map<String, Object> first = answerTo(message("First question", "user-1"));
        String conversation = (String) first.get("conversation_id");
        Map<String, Object> next = message("Second question", "user-1");
        next.put("conversation_id", conversation);

        Map<String, Object> second = answerTo(next);

        assertThat(second.get("conversation_id")).isEqualTo(conversation);
        Map<String, Object> history = json(client.get("/messages?conversation_id=" + conversation + "&user=user-1"));
        List<Map<String, Object>> messages = list(history.get("data"));
        assertThat(messages).extracting((message) -> message.get("query")).containsExactly("First question", "Second question");
        assertThat(messages).extracting((message) -> message.get("id")).containsExactly(first.get("id"), second.get("id"));
        assertThat(messages.get(0).get("parent_message_id")).isNull();
        assertThat(messages.get(1).get("parent_message_id")).isEqualTo(first.get("id"));
        assertThat(messages).extracting((message) -> message.get("answer")).containsOnly("Hello from the Dify test server.");
        assertThat(history).containsEntry("has_more", false).containsEntry("limit", 20);
    }

    @Test
    void keepsConversationsFromOtherUsers() {
        String conversation = (String) answerTo(message("Mine", "user-1")).get("conversation_id");
        Map<String, Object> intruding = message("Theirs", "user-2");
        intruding.put("conversation_id", conversation);

        HttpResponse<String> refused = client.post("/chat-messages", Bodies.blocking(intruding));

        assertError(refused, 404, "not_found", "Conversation Not Exists.");
        assertError(client.get("/messages?conversation_id=" + conversation + "&user=user-2"), 404, "not_found",
                "Conversation Not Exists.");
        assertThat(list(json(client.get("/conversations?user=user-2")).get("data"))).isEmpty();
        assertThat(list(json(client.get("/conversations?user=user-1")).get("data"))).extracting((item) -> item.get("id"))
            .containsExactly(conversation);
    }

    @Test
    void pagesConversationsByLastId() {
        Set<Object> started = new HashSet<>();
        for (String query : List.of("one", "two", "three")) {
            started.add(answerTo(message(query, "user-p")).get("conversation_id"));
        }

        Map<String, Object> firstPage = json(client.get("/conversations?user=user-p&limit=2"));
        List<Map<String, Object>> firstItems = list(firstPage.get("data"));
        Object lastId = firstItems.get(1).get("id");
        Map<String, Object> secondPage = json(client.get("/conversations?user=user-p&limit=2&last_id=" + lastId));

        assertThat(firstPage).containsEntry("limit", 2).containsEntry("has_more", true);
        assertThat(firstItems).hasSize(2);
        assertThat(secondPage).containsEntry("has_more", false);
        List<Object> ids = new ArrayList<>();
        firstItems.forEach((item) -> ids.add(item.get("id")));
        list(secondPage.get("data")).forEach((item) -> ids.add(item.get("id")));
        assertThat(ids).hasSize(3).containsExactlyInAnyOrderElementsOf(started);
        assertThat(firstItems.get(0)).containsOnlyKeys("id", "name", "inputs", "status", "introduction", "created_at", "updated_at");
        assertError(client.get("/conversations?user=user-p&last_id=9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"), 404, "not_found",
                "Last Conversation Not Exists.");
    }

    @Test
    void renamesAndDeletesAConversation() {
        String conversation = (String) answerTo(message("Plan my trip", "user-1")).get("conversation_id");
        assertThat(list(json(client.get("/conversations?user=user-1")).get("data")).get(0)).containsEntry("name", "Plan my trip");

        HttpResponse<String> renamed = client.post("/conversations/" + conversation + "/name", Map.of("name", "Trip to Rome", "user", "user-1"));

        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(json(renamed)).containsEntry("id", conversation).containsEntry("name", "Trip to Rome");
        assertThat(list(json(client.get("/conversations?user=user-1")).get("data")).get(0)).containsEntry("name", "Trip to Rome");
        assertError(client.post("/conversations/" + conversation + "/name", Map.of("name", "Mine now", "user", "user-2")), 404,
                "not_found", "Conversation Not Exists.");

        HttpResponse<String> deleted = client.delete("/conversations/" + conversation, Map.of("user", "user-1"));

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(list(json(client.get("/conversations?user=user-1")).get("data"))).isEmpty();
        assertError(client.get("/messages?conversation_id=" + conversation + "&user=user-1"), 404, "not_found", "Conversation Not Exists.");
    }

    @Test
    void listsFeedbackOnMessages() {
        Map<String, Object> answer = answerTo(message("Was this good?", "user-1"));
        String id = (String) answer.get("id");

        HttpResponse<String> liked = client.post("/messages/" + id + "/feedbacks", Map.of("rating", "like", "user", "user-1"));

        assertThat(liked.statusCode()).isEqualTo(200);
        assertThat(json(liked)).isEqualTo(Map.of("result", "success"));
        List<Map<String, Object>> feedbacks = list(json(client.get("/app/feedbacks")).get("data"));
        assertThat(feedbacks).singleElement().satisfies((feedback) -> {
            assertThat(feedback).containsEntry("message_id", id).containsEntry("rating", "like")
                .containsEntry("conversation_id", answer.get("conversation_id")).containsEntry("from_source", "api");
            assertThat(feedback).containsKeys("id", "app_id", "content", "from_end_user_id", "from_account_id", "created_at", "updated_at");
        });

        client.post("/messages/" + id + "/feedbacks", Map.of("rating", "dislike", "content", "Too short", "user", "user-1"));

        assertThat(list(json(client.get("/app/feedbacks")).get("data"))).singleElement().satisfies((feedback) -> assertThat(feedback)
            .containsEntry("rating", "dislike").containsEntry("content", "Too short"));
        List<Map<String, Object>> messages = list(
                json(client.get("/messages?conversation_id=" + answer.get("conversation_id") + "&user=user-1")).get("data"));
        assertThat(messages.get(0).get("feedback")).isEqualTo(Map.of("rating", "dislike"));
        assertError(client.post("/messages/" + id + "/feedbacks", Map.of("rating", "like", "user", "user-2")), 404, "not_found",
                "Message Not Exists.");
    }

    @Test
    void suggestsTheScriptedQuestions() {
        app.suggests("What else?", "Tell me more.");
        String id = (String) answerTo(message("Hi", "user-1")).get("id");

        HttpResponse<String> suggested = client.get("/messages/" + id + "/suggested?user=user-1");

        assertThat(suggested.statusCode()).isEqualTo(200);
        assertThat(json(suggested)).containsEntry("result", "success").containsEntry("data", List.of("What else?", "Tell me more."));
        assertError(client.get("/messages/" + id + "/suggested?user=user-2"), 404, "not_found", "Message Not Exists.");
    }

    @Test
    void stopEndsAStreamEarlyWithMessageEnd() {
        String text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
        app.answers(text).pace(Duration.ofMillis(100));

        try (WireClient.OpenStream stream = client.open("/chat-messages", streaming(message("Count slowly", "user-1")))) {
            Map<String, Object> first = stream.nextEvent();
            HttpResponse<String> stopped = client.post("/chat-messages/" + first.get("task_id") + "/stop", Map.of("user", "user-1"));

            assertThat(stopped.statusCode()).isEqualTo(200);
            assertThat(json(stopped)).isEqualTo(Map.of("result", "success"));
            WireClient.Stream rest = stream.awaitEnd();
            assertThat(stream.failure()).isNull();
            assertThat(rest.types()).last().isEqualTo("message_end");
            assertThat(rest.text("message", "answer")).startsWith("one").isNotEqualTo(text);
            assertThat(text).startsWith(rest.text("message", "answer"));
        }
    }

    @Test
    void stopOfAnotherUsersTaskSucceedsButChangesNothing() {
        app.answers("one two three four five").pace(Duration.ofMillis(50));

        try (WireClient.OpenStream stream = client.open("/chat-messages", streaming(message("Count", "user-1")))) {
            Map<String, Object> first = stream.nextEvent();
            HttpResponse<String> stopped = client.post("/chat-messages/" + first.get("task_id") + "/stop", Map.of("user", "user-2"));

            assertThat(json(stopped)).isEqualTo(Map.of("result", "success"));
            assertThat(stream.awaitEnd().text("message", "answer")).isEqualTo("one two three four five");
        }
    }

    @Test
    void refusesAMessageWithoutARequiredInput() {
        app.requiresInputs("plan");

        assertError(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1"))), 400, "invalid_param",
                "plan is required in input form");
        Map<String, Object> withPlan = message("Hi", "user-1");
        withPlan.put("inputs", Map.of("plan", "pro"));
        assertThat(client.post("/chat-messages", Bodies.blocking(withPlan)).statusCode()).isEqualTo(200);
        assertThat(list(json(client.get("/parameters")).get("user_input_form"))).singleElement()
            .satisfies((field) -> assertThat(map(field.get("text-input"))).containsEntry("variable", "plan").containsEntry("required", true));
    }

    @Test
    void refusesAMessageWithoutAUser() {
        Map<String, Object> anonymous = new LinkedHashMap<>();
        anonymous.put("inputs", Map.of());
        anonymous.put("query", "Hi");
        anonymous.put("response_mode", "blocking");

        assertError(client.post("/chat-messages", anonymous), 400, "invalid_param", "Arg user must be provided.");
        assertThat(server.requests().chatMessages()).hasSize(1);
    }

    @Test
    void refusesChatMessagesToAWorkflowApp() {
        server.workflowApp("etl", "app-etl-key");

        HttpResponse<String> refused = new WireClient(server, "app-etl-key").post("/chat-messages", Bodies.blocking(message("Hi", "user-1")));

        assertError(refused, 400, "not_chat_app", "Please check if your app mode matches the right API route.");
    }

    @Test
    void refusesAnUnknownKeyWithDifysChallenge() {
        HttpResponse<String> refused = new WireClient(server, "app-unknown").post("/chat-messages", Bodies.blocking(message("Hi", "user-1")));

        assertError(refused, 401, "unauthorized", "Access token is invalid");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"api\"");
        assertThat(server.requests().single().app()).isEqualTo("unknown");
    }

    @Test
    void refusesARequestWithoutAuthorization() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/parameters")).GET().build();

        HttpResponse<String> refused = WireClient.send(request);

        assertError(refused, 401, "unauthorized", "Authorization header must be provided and start with 'Bearer'");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"api\"");
        HttpResponse<String> basic = WireClient.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/parameters"))
            .header("Authorization", "Basic " + KEY).GET().build());
        assertError(basic, 401, "unauthorized", "Authorization scheme must be 'Bearer'");
    }

    @Test
    void answersAnUnknownPathWithFlasksHtmlPage() {
        HttpResponse<String> missing = client.get("/no-such-endpoint");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
        assertThat(missing.body()).startsWith("<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n");
    }

    private Map<String, Object> answerTo(Map<String, Object> message) {
        HttpResponse<String> response = client.post("/chat-messages", Bodies.blocking(message));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static int firstData(List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).startsWith("data: ")) {
                return i;
            }
        }
        throw new AssertionError("No event in " + frames);
    }
}
