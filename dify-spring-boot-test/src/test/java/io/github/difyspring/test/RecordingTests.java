package io.github.difyspring.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.difyspring.test.Bodies.json;
import static io.github.difyspring.test.Bodies.list;
import static io.github.difyspring.test.Bodies.message;
import static io.github.difyspring.test.Bodies.run;
import static io.github.difyspring.test.Bodies.streaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the test server records of the requests it receives, how a test narrows them down and
 * waits for them, what {@link DifyTestServer#reset()} forgets, and that the API keys never show.
 */
class RecordingTests {

    private static final String KEY = "app-secret-chat-key";

    private static final String WORKFLOW_KEY = "app-secret-workflow-key";

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> {
        server.chatApp("support", KEY);
        server.workflowApp("etl", WORKFLOW_KEY);
    });

    private final DifyTestServer server = dify.server();

    private final ScriptedApp support = server.app("support");

    private final ScriptedApp etl = server.app("etl");

    private final WireClient client = new WireClient(server, KEY);

    @Test
    void namesEachRequestAfterTheAppOfItsKey() {
        client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1")));
        new WireClient(server, WORKFLOW_KEY).post("/workflows/run", Bodies.blocking(run(Map.of(), "user-1")));
        new WireClient(server, "app-nobody").get("/parameters");

        assertThat(server.requests()).extracting(RecordedRequest::app).containsExactly("support", "etl", "unknown");
        RecordedRequest message = server.requests().app("support").single();
        assertThat(message.method()).isEqualTo("POST");
        assertThat(message.path()).isEqualTo("/chat-messages");
        assertThat(message.query()).isEqualTo("Hi");
        assertThat(message.isStreaming()).isFalse();
        assertThat(server.requests().app("etl").workflowRuns()).hasSize(1);
        assertThat(server.requests().generations()).hasSize(2);
        assertThat(server.requests().app("unknown").single().path()).isEqualTo("/parameters");
    }

    @Test
    void narrowsRequestsByUserAndInput() {
        HttpResponse<String> first = client.post("/chat-messages",
                Bodies.blocking(withInputs(message("One", "user-42"), Map.of("plan", "pro"))));
        client.post("/chat-messages", Bodies.blocking(withInputs(message("Two", "user-42"), Map.of("plan", "free"))));
        client.stream("/chat-messages", streaming(withInputs(message("Three", "user-7"), Map.of("plan", "pro"))));
        client.get("/conversations?user=user-42");

        RecordedRequests narrowed = server.requests().app("support").chatMessages().fromUser("user-42").withInput("plan", "pro");

        assertThat(narrowed).hasSize(1);
        assertThat(narrowed.single().query()).isEqualTo("One");
        assertThat(server.requests().fromUser("user-42")).hasSize(3);
        assertThat(server.requests().chatMessages().streaming().single().user()).isEqualTo("user-7");
        assertThat(server.requests().chatMessages().blocking()).hasSize(2);
        assertThat(server.requests().chatMessages().last().inputs()).isEqualTo(Map.of("plan", "pro"));
        assertThat(server.requests().chatMessages().matching((request) -> request.conversationId() != null)).isEmpty();
        String conversation = (String) json(first).get("conversation_id");

        client.post("/chat-messages", Bodies.blocking(withConversation(message("Four", "user-42"), conversation)));

        assertThat(server.requests().chatMessages().last().conversationId()).isEqualTo(conversation);
    }

    @Test
    void neverShowsTheKey() {
        client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1")));
        RecordedRequest request = server.requests().single();

        assertThat(request.header("Authorization")).isEqualTo("Bearer ****");
        assertThat(request.headers().get("authorization")).containsExactly("Bearer ****");
        assertThat(request.headers().toString()).doesNotContain(KEY);
        assertThat(request.toString()).doesNotContain(KEY).contains("support");
        assertThat(server.requests().toString()).doesNotContain(KEY);
        assertThat(server.toString()).doesNotContain(KEY).doesNotContain(WORKFLOW_KEY).contains("support", "etl");
        assertThat(support.toString()).doesNotContain(KEY).contains("support");
        assertThat(etl.toString()).doesNotContain(WORKFLOW_KEY);
    }

    @Test
    void readsTheUserWhereDifyReadsIt() {
        client.post("/chat-messages", Bodies.blocking(message("Hi", "user-body")));
        client.get("/conversations?user=user-query");
        client.upload("/files/upload", Map.of("user", "user-form"), new WireClient.Upload("a.txt", "text/plain", new byte[] {'a'}));
        client.get("/parameters");

        assertThat(server.requests()).extracting(RecordedRequest::user).containsExactly("user-body", "user-query", "user-form", null);
        RecordedRequest upload = server.requests().to("POST", "/files/upload").single();
        assertThat(upload.parts().get("file").isFile()).isTrue();
        assertThat(upload.parts().get("file").filename()).isEqualTo("a.txt");
        assertThat(upload.parts().get("user").isFile()).isFalse();
        assertThat(upload.bodyText()).isEmpty();
        assertThat(server.requests().to("GET", "/conversations").single().queryParam("user")).isEqualTo("user-query");
    }

    @Test
    void waitsForTheStopAClientSendsAfterItCancels() {
        support.answers("one two three four five six seven eight nine ten").pace(Duration.ofMillis(100));
        WireClient.OpenStream stream = client.open("/chat-messages", streaming(message("Count", "user-1")));
        Object taskId = stream.nextEvent().get("task_id");

        stream.close();
        CompletableFuture<HttpResponse<String>> stop = CompletableFuture
            .supplyAsync(() -> client.post("/chat-messages/" + taskId + "/stop", Map.of("user", "user-1")));

        RecordedRequests stops = server.awaitRequests(1, (request) -> request.path().endsWith("/stop"), Duration.ofSeconds(10));
        assertThat(stops.single().path()).isEqualTo("/chat-messages/" + taskId + "/stop");
        assertThat(stops.single().user()).isEqualTo("user-1");
        assertThat(server.requests().stops()).hasSize(1);
        RecordedRequest cancelled = server.requests().chatMessages().single();
        assertThat(cancelled.awaitAnswered(Duration.ofSeconds(10))).isTrue();
        assertThat(cancelled.isAnswered()).isTrue();
        assertThat(stop.join().statusCode()).isEqualTo(200);
    }

    @Test
    void awaitRequestsNamesWhatCameWhenTooFewCame() {
        client.get("/parameters");

        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> server.awaitRequests(1, (request) -> request.path().endsWith("/stop"), Duration.ofMillis(100)))
            .withMessageContaining("/parameters");
    }

    @Test
    void answeredOnceTheLastByteIsSent() {
        client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1")));

        assertThat(server.requests().single().awaitAnswered(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void resetForgetsRecordingsConversationsAndScriptsButKeepsTheApps() {
        support.answers("Scripted.").suggests("More?");
        String conversation = (String) json(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1")))).get("conversation_id");
        assertThat(server.requests()).isNotEmpty();

        server.reset();

        assertThat(server.requests()).isEmpty();
        assertThat(server.apps()).containsExactly(support, etl);
        assertThat(server.app("support")).isSameAs(support);
        assertThat(list(json(client.get("/conversations?user=user-1")).get("data"))).isEmpty();
        assertThat(client.get("/messages?conversation_id=" + conversation + "&user=user-1").statusCode()).isEqualTo(404);
        assertThat(json(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1"))))).containsEntry("answer",
                "Hello from the Dify test server.");
    }

    @Test
    void unknownAppNameListsTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> server.app("billing"))
            .withMessageContaining("'billing'")
            .withMessageContaining("[support, etl]");
    }

    @Test
    void aKeyBelongsToOneApp() {
        assertThat(server.chatApp("support", KEY)).isSameAs(support);
        assertThatIllegalArgumentException().isThrownBy(() -> server.chatApp("helpdesk", KEY)).withMessageContaining("support")
            .withMessageNotContaining(KEY);
        assertThatIllegalArgumentException().isThrownBy(() -> server.workflowApp("support", KEY));
        assertThatIllegalArgumentException().isThrownBy(() -> server.chatApp("support", "app-another-key"))
            .withMessageContaining("already added");
        assertThatIllegalArgumentException().isThrownBy(() -> server.chatApp("blank", " "));
        assertThat(server.apps()).hasSize(2);
    }

    private static Map<String, Object> withInputs(Map<String, Object> body, Map<String, Object> inputs) {
        body.put("inputs", inputs);
        return body;
    }

    private static Map<String, Object> withConversation(Map<String, Object> body, String conversationId) {
        body.put("conversation_id", conversationId);
        return body;
    }
}
