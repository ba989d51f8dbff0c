package io.github.difyspring.sample.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import io.github.difyspring.sample.support.StubbedDifyTest;
import io.github.difyspring.test.DifyTestServer;
import io.github.difyspring.test.DifyTranscript;
import io.github.difyspring.test.RecordedPart;
import io.github.difyspring.test.RecordedRequest;
import io.github.difyspring.test.RecordedRequests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the API against the Dify test server: Dify's paths and shapes, Dify's JSON for
 * blocking answers relayed byte for byte, and always the signed-in account as Dify's {@code user},
 * whatever the request said. The server keeps conversations and messages per end user as Dify
 * does, so an endpoint that acted for anyone else would find nothing.
 */
class DifyEndpointsTests extends StubbedDifyTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void listsTheConfiguredAppsWithoutTheirKeys() {
        String body = new String(as("alice").get().uri("/api/apps").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.length()").isEqualTo(5)
            .jsonPath("$[?(@.name == 'support')].type").isEqualTo("chat")
            .jsonPath("$[?(@.name == 'writer')].type").isEqualTo("completion")
            .jsonPath("$[?(@.name == 'etl')].type").isEqualTo("workflow")
            .jsonPath("$[?(@.name == 'live')].type").isEqualTo("chat")
            .jsonPath("$[?(@.name == 'helper')].type").isEqualTo("agent")
            .returnResult().getResponseBodyContent(), StandardCharsets.UTF_8);
        KEYS.forEach((key) -> assertThat(body).doesNotContain(key));
        as("bob").get().uri("/api/me").exchange().expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("bob");
    }

    @Test
    void withKeysConfiguredTheOfflineDemoIsOff() {
        // The offline demo plays its apps on a Dify test server of its own: the only one here is this test's.
        assertThat(this.context.getBeansOfType(DifyTestServer.class).values()).containsExactly(this.dify);
        Environment environment = this.context.getEnvironment();
        assertThat(environment.getActiveProfiles()).doesNotContain("demo");
        assertThat(environment.getProperty("sample.demo.enabled", Boolean.class, false)).isFalse();
    }

    @Test
    void blockingChatAnswersDifysJsonAsTheSignedInUser() {
        String conversationId = (String) chat("alice", "support", "Hi", null).get("conversation_id");
        this.dify.app("support").replays(DifyTranscript.CHAT_BLOCKING);

        as("alice").post().uri("/api/apps/support/chat-messages")
            .header("X-Trace-Id", "trace-123")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("""
                    {"query":"Hello","inputs":{"lang":"en"},"response_mode":"blocking","conversation_id":"%s","user":"mallory",
                     "files":[{"type":"image","transfer_method":"remote_url","url":"https://example.com/a.png"}]}"""
                .formatted(conversationId))
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            // Byte for byte: every field (metadata.ui_parts too, which the library does not model) and
            // every number (latency, prices as strings) exactly as Dify wrote them.
            .expectBody(String.class).isEqualTo(DifyTranscript.CHAT_BLOCKING.body());

        RecordedRequest sent = this.dify.requests().app("support").chatMessages().last();
        assertThat(sent.header("X-Trace-Id")).isEqualTo("trace-123");
        assertThat(sent.body()).isEqualTo(Map.of("query", "Hello", "inputs", Map.of("lang", "en"), "response_mode", "blocking",
                "user", "alice", "conversation_id", conversationId, "files",
                List.of(Map.of("type", "image", "transfer_method", "remote_url", "url", "https://example.com/a.png"))));
        assertThat(this.dify.requests().fromUser("mallory")).isEmpty();
    }

    @Test
    void aBlockingAgentMessageAnswersTheAnswerAssembledFromDifysStream() {
        this.dify.app("helper").replays(DifyTranscript.AGENT_STREAMING);

        as("alice").post().uri("/api/apps/helper/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"What is the weather in Berlin?\",\"inputs\":{},\"response_mode\":\"blocking\"}")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.event").isEqualTo("message")
            .jsonPath("$.answer").isEqualTo("It is sunny in Berlin.")
            .jsonPath("$.conversation_id").isEqualTo("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f")
            .jsonPath("$.metadata.usage.total_tokens").isEqualTo(903);

        // Agents only stream: the application asks for a stream and assembles the answer.
        assertThat(this.dify.requests().app("helper").chatMessages().single().body()).isEqualTo(Map.of(
                "query", "What is the weather in Berlin?", "inputs", Map.of(), "response_mode", "streaming", "user", "alice"));
    }

    @Test
    void blockingCompletionAndWorkflowAnswerDifysJson() {
        this.dify.app("writer").replays(DifyTranscript.COMPLETION_BLOCKING);
        this.dify.app("etl").replays(DifyTranscript.WORKFLOW_BLOCKING);

        as("bob").post().uri("/api/apps/writer/completion-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{\"subject\":\"tea\"},\"response_mode\":\"blocking\",\"user\":\"mallory\"}")
            .exchange()
            .expectStatus().isOk()
            .expectBody(String.class).isEqualTo(DifyTranscript.COMPLETION_BLOCKING.body());
        as("bob").post().uri("/api/apps/etl/workflows/run").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{\"topic\":\"rain\"},\"user\":\"mallory\"}")
            .exchange()
            .expectStatus().isOk()
            .expectBody(String.class).isEqualTo(DifyTranscript.WORKFLOW_BLOCKING.body());

        assertThat(this.dify.requests().app("writer").completionMessages().single().body())
            .isEqualTo(Map.of("inputs", Map.of("subject", "tea"), "response_mode", "blocking", "user", "bob"));
        assertThat(this.dify.requests().app("etl").workflowRuns().single().body())
            .isEqualTo(Map.of("inputs", Map.of("topic", "rain"), "response_mode", "blocking", "user", "bob"));
    }

    @Test
    void stopsTasksOfEveryAppTypeAsTheSignedInUser() {
        for (String path : new String[] { "support/chat-messages/t-1/stop", "writer/completion-messages/t-2/stop",
                "etl/workflows/tasks/t-3/stop" }) {
            as("alice").post().uri("/api/apps/" + path).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"user\":\"mallory\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.result").isEqualTo("success");
        }

        assertThat(this.dify.requests().stops()).hasSize(3);
        assertThat(this.dify.requests().app("support").to("POST", "/chat-messages/t-1/stop").single().body())
            .isEqualTo(Map.of("user", "alice"));
        assertThat(this.dify.requests().app("writer").to("POST", "/completion-messages/t-2/stop").single().body())
            .isEqualTo(Map.of("user", "alice"));
        assertThat(this.dify.requests().app("etl").to("POST", "/workflows/tasks/t-3/stop").single().body())
            .isEqualTo(Map.of("user", "alice"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsConversationsAndMessagesOfTheSignedInUserOnly() {
        this.dify.app("support").answers("Hello");
        Map<String, Object> greeting = chat("bob", "support", "Hi", null);
        String greetings = (String) greeting.get("conversation_id");
        Map<String, Object> followUp = chat("bob", "support", "And then?", greetings);
        String trip = (String) chat("bob", "support", "Trip plans", null).get("conversation_id");
        chat("alice", "support", "Alice's own question", null);
        as("bob").post().uri("/api/apps/support/messages/{id}/feedbacks", greeting.get("message_id"))
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"rating\":\"like\"}")
            .exchange().expectStatus().isOk();

        Map<String, Object> firstPage = as("bob").get().uri("/api/apps/support/conversations?user=alice&limit=1&sort_by=-updated_at")
            .exchange()
            .expectStatus().isOk()
            .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(firstPage).containsEntry("limit", 1).containsEntry("has_more", true);
        List<Map<String, Object>> conversations = new ArrayList<>((List<Map<String, Object>>) firstPage.get("data"));
        assertThat(conversations).hasSize(1);
        String lastId = (String) conversations.get(0).get("id");
        Map<String, Object> secondPage = as("bob").get()
            .uri("/api/apps/support/conversations?user=alice&limit=20&sort_by=-updated_at&last_id={last}", lastId)
            .exchange()
            .expectStatus().isOk()
            .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(secondPage).containsEntry("limit", 20).containsEntry("has_more", false);
        conversations.addAll((List<Map<String, Object>>) secondPage.get("data"));
        // Bob's two conversations, named after their first question, and never Alice's.
        assertThat(conversations).extracting((conversation) -> conversation.get("id")).containsExactlyInAnyOrder(greetings, trip);
        assertThat(conversations).extracting((conversation) -> conversation.get("name")).containsExactlyInAnyOrder("Hi", "Trip plans");
        assertThat(conversations).allSatisfy((conversation) -> assertThat(conversation.get("updated_at")).isInstanceOf(Number.class));

        as("bob").get().uri("/api/apps/support/messages?conversation_id={c}&user=alice&first_id={m}&limit=5", greetings,
                followUp.get("message_id"))
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.has_more").isEqualTo(false)
            .jsonPath("$.data.length()").isEqualTo(1)
            .jsonPath("$.data[0].id").isEqualTo(greeting.get("message_id"))
            .jsonPath("$.data[0].query").isEqualTo("Hi")
            .jsonPath("$.data[0].answer").isEqualTo("Hello")
            .jsonPath("$.data[0].feedback.rating").isEqualTo("like")
            .jsonPath("$.data[0].conversation_id").isEqualTo(greetings);

        RecordedRequests listed = this.dify.requests().app("support").to("GET", "/conversations");
        assertThat(listed).hasSize(2).allSatisfy((request) -> assertThat(request.user()).isEqualTo("bob"));
        assertThat(listed.list().get(0).queryParams()).containsEntry("limit", List.of("1")).containsEntry("sort_by", List.of("-updated_at"))
            .doesNotContainKey("last_id");
        assertThat(listed.last().queryParams()).containsEntry("limit", List.of("20")).containsEntry("sort_by", List.of("-updated_at"))
            .containsEntry("last_id", List.of(lastId));
        RecordedRequest messages = this.dify.requests().app("support").to("GET", "/messages").single();
        assertThat(messages.queryParams()).containsEntry("user", List.of("bob"))
            .containsEntry("conversation_id", List.of(greetings))
            .containsEntry("first_id", List.of((String) followUp.get("message_id")))
            .containsEntry("limit", List.of("5"));
    }

    @Test
    void renamesAndDeletesConversationsAsTheSignedInUser() {
        String conversation = (String) chat("alice", "support", "Where shall we go?", null).get("conversation_id");

        as("alice").post().uri("/api/apps/support/conversations/{id}/name", conversation).contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Trip plans\",\"user\":\"mallory\"}")
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.name").isEqualTo("Trip plans").jsonPath("$.id").isEqualTo(conversation);
        as("alice").delete().uri("/api/apps/support/conversations/{id}", conversation)
            .exchange()
            .expectStatus().isNoContent()
            .expectBody().isEmpty();

        assertThat(this.dify.requests().app("support").to("POST", "/conversations/" + conversation + "/name").single().body())
            .isEqualTo(Map.of("name", "Trip plans", "auto_generate", false, "user", "alice"));
        RecordedRequest deleted = this.dify.requests().app("support").to("DELETE", "/conversations/" + conversation).single();
        assertThat(deleted.header("Content-Type")).contains("application/json");
        assertThat(deleted.body()).isEqualTo(Map.of("user", "alice"));
        // Dify deleted Alice's conversation: she has none left.
        as("alice").get().uri("/api/apps/support/conversations")
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.data.length()").isEqualTo(0);
    }

    @Test
    void sendsFeedbackAndReadsSuggestionsAsTheSignedInUser() {
        this.dify.app("support").suggests("Why?", "How?");
        Object message = chat("alice", "support", "Hi", null).get("message_id");

        as("alice").post().uri("/api/apps/support/messages/{id}/feedbacks", message).contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"rating\":\"like\",\"content\":\"Spot on\",\"user\":\"mallory\"}")
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.result").isEqualTo("success");
        as("alice").get().uri("/api/apps/support/messages/{id}/suggested?user=mallory", message)
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.result").isEqualTo("success")
            .jsonPath("$.data[1]").isEqualTo("How?");

        assertThat(this.dify.requests().app("support").to("POST", "/messages/" + message + "/feedbacks").single().body())
            .isEqualTo(Map.of("rating", "like", "user", "alice", "content", "Spot on"));
        assertThat(this.dify.requests().app("support").to("GET", "/messages/" + message + "/suggested").single().queryParams())
            .containsEntry("user", List.of("alice"));
    }

    @Test
    void uploadsAFileAsTheSignedInUser() {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("user", "mallory");
        body.part("file", "hello world".getBytes()).filename("notes.txt").contentType(MediaType.TEXT_PLAIN);

        Map<String, Object> uploaded = as("alice").post().uri("/api/apps/support/files/upload")
            .body(BodyInserters.fromMultipartData(body.build()))
            .exchange()
            .expectStatus().isCreated()
            .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(uploaded).containsEntry("name", "notes.txt").containsEntry("mime_type", "text/plain").containsEntry("size", 11)
            .containsEntry("extension", "txt");
        assertThat((String) uploaded.get("id")).isNotBlank();
        RecordedRequest sent = this.dify.requests().app("support").to("POST", "/files/upload").single();
        assertThat(sent.header("Content-Type")).startsWith("multipart/form-data");
        assertThat(sent.parts()).containsOnlyKeys("file", "user");
        assertThat(sent.parts().get("user").text()).isEqualTo("alice");
        RecordedPart file = sent.parts().get("file");
        assertThat(file.filename()).isEqualTo("notes.txt");
        assertThat(file.contentType()).isEqualTo("text/plain");
        assertThat(file.text()).isEqualTo("hello world");
        assertThat(sent.parts().values()).noneSatisfy((part) -> assertThat(part.text()).contains("mallory"));
    }

    @Test
    void describesTheAppInDifysShape() {
        this.dify.app("etl").parameters(json("""
                {"opening_statement":"Welcome","suggested_questions":["What now?"],
                 "suggested_questions_after_answer":{"enabled":true},"speech_to_text":{"enabled":false},
                 "text_to_speech":{"enabled":false,"voice":"alloy","language":"en-US"},
                 "retriever_resource":{"enabled":true},"annotation_reply":{"enabled":false},"more_like_this":{"enabled":false},
                 "sensitive_word_avoidance":{"enabled":false},
                 "user_input_form":[{"text-input":{"label":"Topic","variable":"topic","required":true,"max_length":48,"default":""}},
                                    {"select":{"label":"Style","variable":"style","required":false,"options":["a","b"],"default":"a"}}],
                 "file_upload":{"image":{"enabled":false,"number_limits":3}},
                 "system_parameters":{"file_size_limit":15,"image_file_size_limit":10,"audio_file_size_limit":50,
                                      "video_file_size_limit":100,"workflow_file_upload_limit":10}}"""))
            .info(json("""
                    {"name":"ETL","description":"Moves data","tags":["ops"],"mode":"workflow","author_name":"Ann"}"""));

        as("alice").get().uri("/api/apps/etl/parameters")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.opening_statement").isEqualTo("Welcome")
            .jsonPath("$.suggested_questions[0]").isEqualTo("What now?")
            .jsonPath("$.suggested_questions_after_answer.enabled").isEqualTo(true)
            .jsonPath("$.text_to_speech.voice").isEqualTo("alloy")
            .jsonPath("$.user_input_form[0]['text-input'].variable").isEqualTo("topic")
            .jsonPath("$.user_input_form[0]['text-input'].max_length").isEqualTo(48)
            .jsonPath("$.user_input_form[1].select.options[1]").isEqualTo("b")
            .jsonPath("$.file_upload.image.number_limits").isEqualTo(3)
            .jsonPath("$.system_parameters.file_size_limit").isEqualTo(15);
        as("alice").get().uri("/api/apps/etl/info")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.name").isEqualTo("ETL")
            .jsonPath("$.mode").isEqualTo("workflow")
            .jsonPath("$.author_name").isEqualTo("Ann")
            .jsonPath("$.tags[0]").isEqualTo("ops");
        assertThat(this.dify.requests().app("etl")).extracting(RecordedRequest::path).containsExactly("/parameters", "/info");
    }
}
