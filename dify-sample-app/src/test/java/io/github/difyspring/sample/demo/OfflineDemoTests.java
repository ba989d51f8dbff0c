package io.github.difyspring.sample.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.app.AppParameters;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ConversationQuery;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.NodeFinishedEvent;
import io.github.difyspring.client.event.NodeStartedEvent;
import io.github.difyspring.client.event.TextChunkEvent;
import io.github.difyspring.client.event.UnknownEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.event.WorkflowStartedEvent;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.sample.support.DemoModeTest;
import io.github.difyspring.test.DifyTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline demo: with no Dify key, the application serves the Dify test server on loopback,
 * which answers as the real one does, and the same API works against it.
 */
class OfflineDemoTests extends DemoModeTest {

    @Autowired
    private DifyTestServer dify;

    @Autowired
    private DifyClients clients;

    @Autowired
    private Environment environment;

    @Autowired
    private JsonMapper json;

    @Test
    void withoutAKeyTheDemoAppsTalkToTheTestServerOnLoopback() {
        assertThat(this.environment.getActiveProfiles()).contains("demo");
        assertThat(this.dify.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(this.clients.names()).containsExactly("assistant", "writer", "pipeline");
        assertThat(this.clients.app("assistant").type()).isEqualTo(DifyAppType.CHAT);
        assertThat(this.clients.app("writer").type()).isEqualTo(DifyAppType.COMPLETION);
        assertThat(this.clients.app("pipeline").type()).isEqualTo(DifyAppType.WORKFLOW);
        this.clients.names().forEach((name) -> assertThat(this.clients.app(name).baseUrl()).hasToString(this.dify.baseUrl()));
        as("alice").get().uri("/api/apps").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$[0].name").isEqualTo("assistant")
            .jsonPath("$[1].type").isEqualTo("completion")
            .jsonPath("$[2].type").isEqualTo("workflow");
    }

    @Test
    void theAssistantStreamsWordByWordAndRemembersTheConversation() {
        List<ServerSentEvent<String>> first = chat("alice", "What is streaming?", null);
        assertThat(first.size()).isGreaterThan(10);
        assertThat(first.subList(0, first.size() - 1)).extracting(ServerSentEvent::event).containsOnly("message");
        assertThat(first.get(first.size() - 1).event()).isEqualTo("message_end");
        String conversationId = field(first.get(0), "conversation_id");
        assertThat(answer(first)).startsWith("Hi alice! This is the offline Dify test server answering \u201cWhat is streaming?\u201d");

        List<ServerSentEvent<String>> second = chat("alice", "And then?", conversationId);
        assertThat(field(second.get(0), "conversation_id")).isEqualTo(conversationId);
        assertThat(answer(second)).contains("This message continues our conversation");

        as("alice").get().uri("/api/apps/assistant/conversations").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.data[?(@.id == '" + conversationId + "')].name").isEqualTo("What is streaming?");
        as("alice").get().uri("/api/apps/assistant/messages?conversation_id=" + conversationId).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.data.length()").isEqualTo(2)
            .jsonPath("$.data[0].query").isEqualTo("What is streaming?")
            .jsonPath("$.data[1].query").isEqualTo("And then?")
            .jsonPath("$.data[1].answer").value((text) -> assertThat(text.toString()).isEqualTo(answer(second)));
    }

    @Test
    void anotherUserNeverSeesTheConversation() {
        List<ServerSentEvent<String>> alices = chat("alice", "My secret plan", null);
        String conversationId = field(alices.get(0), "conversation_id");
        String messageId = field(alices.get(0), "message_id");

        as("bob").get().uri("/api/apps/assistant/messages?conversation_id=" + conversationId).exchange()
            .expectStatus().isNotFound()
            .expectBody().jsonPath("$.code").isEqualTo("not_found").jsonPath("$.message").isEqualTo("Conversation Not Exists.");
        as("bob").get().uri("/api/apps/assistant/conversations?limit=100").exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.data[?(@.id == '" + conversationId + "')]").doesNotExist();
        as("bob").post().uri("/api/apps/assistant/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("query", "continue", "conversation_id", conversationId, "user", "alice"))
            .exchange()
            .expectStatus().isNotFound();
        as("bob").post().uri("/api/apps/assistant/conversations/" + conversationId + "/name").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "mine now"))
            .exchange()
            .expectStatus().isNotFound();
        as("bob").delete().uri("/api/apps/assistant/conversations/" + conversationId).exchange().expectStatus().isNotFound();
        as("bob").post().uri("/api/apps/assistant/messages/" + messageId + "/feedbacks").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("rating", "dislike"))
            .exchange()
            .expectStatus().isNotFound();

        as("alice").get().uri("/api/apps/assistant/messages?conversation_id=" + conversationId).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.data[0].query").isEqualTo("My secret plan").jsonPath("$.data[0].feedback").isEmpty();
    }

    @Test
    void conversationsCanBeRenamedRatedAndDeleted() {
        List<ServerSentEvent<String>> events = chat("bob", "Plan a trip", null);
        String conversationId = field(events.get(0), "conversation_id");
        String messageId = field(events.get(0), "message_id");

        as("bob").post().uri("/api/apps/assistant/conversations/" + conversationId + "/name").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Holidays")).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Holidays");
        as("bob").post().uri("/api/apps/assistant/messages/" + messageId + "/feedbacks").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("rating", "like")).exchange()
            .expectStatus().isOk();
        as("bob").get().uri("/api/apps/assistant/messages/" + messageId + "/suggested").exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.data.length()").isEqualTo(3);
        as("bob").get().uri("/api/apps/assistant/messages?conversation_id=" + conversationId).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.data[0].feedback.rating").isEqualTo("like");
        as("bob").delete().uri("/api/apps/assistant/conversations/" + conversationId).exchange().expectStatus().isNoContent();
        as("bob").get().uri("/api/apps/assistant/messages?conversation_id=" + conversationId).exchange().expectStatus().isNotFound();
    }

    @Test
    void theStopEndpointEndsARunningAnswer() {
        String fullAnswer = as("alice").post().uri("/api/apps/assistant/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("query", "Stop me", "response_mode", "blocking"))
            .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().get("answer").asString();

        Flux<ServerSentEvent<String>> events = as("alice").post().uri("/api/apps/assistant/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("query", "Stop me", "response_mode", "streaming"))
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody().filter((event) -> event.data() != null);
        List<ServerSentEvent<String>> received = new java.util.ArrayList<>();
        for (ServerSentEvent<String> event : events.toIterable()) {
            if (received.isEmpty()) {
                String taskId = field(event, "task_id");
                as("alice").post().uri("/api/apps/assistant/chat-messages/" + taskId + "/stop").exchange().expectStatus().isOk();
            }
            received.add(event);
        }

        assertThat(received.get(received.size() - 1).event()).isEqualTo("message_end");
        assertThat(answer(received).length()).isLessThan(fullAnswer.length() / 2);
    }

    @Test
    void thePipelineRunsItsStepsAndReportsEachOne() {
        List<ServerSentEvent<String>> events = as("alice").post().uri("/api/apps/pipeline/workflows/run")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("inputs", Map.of("topic", "autumn", "style", "haiku", "dedication", "Ann"), "response_mode", "streaming"))
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()
            .filter((event) -> event.data() != null)
            .collectList().block(Duration.ofSeconds(20));

        List<String> types = events.stream().map(ServerSentEvent::event).filter((type) -> !"text_chunk".equals(type)).toList();
        assertThat(types).containsExactly("workflow_started", "node_started", "node_finished", "node_started", "node_finished",
                "node_started", "node_finished", "node_started", "node_finished", "workflow_finished");
        StringBuilder text = new StringBuilder();
        events.stream().filter((event) -> "text_chunk".equals(event.event()))
            .forEach((event) -> text.append(read(event).get("data").get("text").asString()));
        assertThat(text).hasToString("autumn at first light,\na simulator hums along,\nno tokens were spent.\n\u2014 for Ann");
        JsonNode finished = read(events.get(events.size() - 1));
        assertThat(finished.get("data").get("status").asString()).isEqualTo("succeeded");
        assertThat(finished.get("data").get("outputs").get("text").asString()).isEqualTo(text.toString());

        as("alice").post().uri("/api/apps/pipeline/workflows/run").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("inputs", Map.of("style", "haiku"), "response_mode", "streaming"))
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.code").isEqualTo("invalid_param").jsonPath("$.message").isEqualTo("topic is required in input form");
    }

    @Test
    void theWriterCompletesInBothModes() {
        as("bob").post().uri("/api/apps/writer/completion-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("inputs", Map.of("subject", "tea", "tone", "formal"), "response_mode", "blocking"))
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.mode").isEqualTo("completion")
            .jsonPath("$.answer").value((answer) -> assertThat(answer.toString()).startsWith("It is with due consideration that we turn to tea."));
        List<ServerSentEvent<String>> events = as("bob").post().uri("/api/apps/writer/completion-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("inputs", Map.of("subject", "tea"), "response_mode", "streaming"))
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()
            .filter((event) -> event.data() != null).collectList().block(Duration.ofSeconds(20));
        assertThat(answer(events)).startsWith("Let's talk about tea.");
        assertThat(events.get(events.size() - 1).event()).isEqualTo("message_end");
    }

    @Test
    void parametersDescribeTheFormAndFilesCanBeUploaded() {
        as("alice").get().uri("/api/apps/pipeline/parameters").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.user_input_form[0]['text-input'].variable").isEqualTo("topic")
            .jsonPath("$.user_input_form[0]['text-input'].required").isEqualTo(true)
            .jsonPath("$.user_input_form[1].select.options[1]").isEqualTo("limerick");
        as("alice").get().uri("/api/apps/assistant/parameters").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.opening_statement").value((text) -> assertThat(text.toString()).contains("offline assistant"))
            .jsonPath("$.suggested_questions_after_answer.enabled").isEqualTo(true);
        as("alice").get().uri("/api/apps/writer/info").exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.mode").isEqualTo("completion");

        MultipartBodyBuilder upload = new MultipartBodyBuilder();
        upload.part("file", "a,b\n1,2\n".getBytes()).filename("data.csv").contentType(MediaType.parseMediaType("text/csv"));
        as("alice").post().uri("/api/apps/assistant/files/upload").body(BodyInserters.fromMultipartData(upload.build()))
            .exchange()
            .expectStatus().isCreated()
            .expectBody()
            .jsonPath("$.name").isEqualTo("data.csv")
            .jsonPath("$.size").isEqualTo(8)
            .jsonPath("$.extension").isEqualTo("csv");
    }

    @Test
    void theLibrarysTypedClientsReadEverythingTheTestServerSends() {
        List<DifyEvent> chat = this.clients.chat("assistant").stream(ChatRequest.builder().query("typed?").user("carol").build())
            .collectList().block(Duration.ofSeconds(20));
        assertThat(chat).noneMatch(UnknownEvent.class::isInstance);
        assertThat(chat).hasAtLeastOneElementOfType(MessageEvent.class);
        assertThat(chat.get(chat.size() - 1)).isInstanceOfSatisfying(MessageEndEvent.class,
                (end) -> assertThat(end.metadata().usage().totalTokens()).isPositive());

        List<DifyEvent> run = this.clients.workflow("pipeline").stream(WorkflowRunRequest.builder().input("topic", "snow").user("carol").build())
            .collectList().block(Duration.ofSeconds(20));
        assertThat(run).noneMatch(UnknownEvent.class::isInstance);
        assertThat(run.get(0)).isInstanceOf(WorkflowStartedEvent.class);
        assertThat(run).hasAtLeastOneElementOfType(NodeStartedEvent.class).hasAtLeastOneElementOfType(NodeFinishedEvent.class)
            .hasAtLeastOneElementOfType(TextChunkEvent.class);
        assertThat(run.get(run.size() - 1)).isInstanceOfSatisfying(WorkflowFinishedEvent.class,
                (finished) -> assertThat(finished.data().status()).isEqualTo("succeeded"));

        assertThat(this.clients.chat("assistant").forUser("carol").conversations().page(ConversationQuery.all()).block()
            .data()).hasSize(1);
        AppParameters parameters = this.clients.workflow("pipeline").parameters().block();
        assertThat(parameters.inputField("topic").kind()).isEqualTo("text-input");
        assertThat(parameters.inputField("style").options()).containsExactly("haiku", "limerick", "couplet");
    }

    @Test
    void theTestServerSpeaksDifysWireFormatWithPings() {
        WebClient dify = WebClient.create(this.dify.baseUrl());
        String stream = dify.post().uri("/chat-messages")
            .header("Authorization", "Bearer " + this.clients.app("assistant").apiKey())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("query", "raw", "user", "dave", "response_mode", "streaming"))
            .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
        assertThat(stream).startsWith("event: ping\n\ndata: {\"event\":\"message\"").contains("\n\nevent: ping\n\n").endsWith("}\n\n");
        for (String frame : stream.split("\n\n")) {
            assertThat(frame).matches("data: \\{.*\\}|event: ping");
        }
        String refused = dify.get().uri("/info").header("Authorization", "Bearer app-wrong")
            .exchangeToMono((response) -> response.bodyToMono(String.class).map((body) -> response.statusCode().value() + " " + body))
            .block(Duration.ofSeconds(5));
        assertThat(refused).isEqualTo("401 {\"code\":\"unauthorized\",\"message\":\"Access token is invalid\",\"status\":401}");
    }

    private List<ServerSentEvent<String>> chat(String user, String query, String conversationId) {
        Map<String, Object> body = (conversationId != null)
                ? Map.of("query", query, "response_mode", "streaming", "conversation_id", conversationId)
                : Map.of("query", query, "response_mode", "streaming");
        return as(user).post().uri("/api/apps/assistant/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()
            .filter((event) -> event.data() != null)
            .collectList().block(Duration.ofSeconds(20));
    }

    private String answer(List<ServerSentEvent<String>> events) {
        StringBuilder answer = new StringBuilder();
        events.stream().filter((event) -> "message".equals(event.event())).forEach((event) -> answer.append(field(event, "answer")));
        return answer.toString();
    }

    private String field(ServerSentEvent<String> event, String name) {
        return read(event).get(name).asString();
    }

    private JsonNode read(ServerSentEvent<String> event) {
        return this.json.readTree(event.data());
    }
}
