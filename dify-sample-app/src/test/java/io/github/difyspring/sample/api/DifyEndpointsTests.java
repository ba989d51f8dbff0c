package io.github.difyspring.sample.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import io.github.difyspring.sample.demo.DifySimulator;
import io.github.difyspring.sample.support.StubbedDifyTest;
import io.github.difyspring.sample.support.Transcripts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the API against a WireMock Dify: Dify's paths and shapes, Dify's JSON for
 * blocking answers, and always the signed-in account as Dify's {@code user}, whatever the
 * request said.
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
            .returnResult().getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8);
        KEYS.forEach((key) -> assertThat(body).doesNotContain(key));
        as("bob").get().uri("/api/me").exchange().expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("bob");
    }

    @Test
    void withKeysConfiguredNoSimulatorRunsAndTheDemoProfileIsOff() {
        assertThat(this.context.getBeanProvider(DifySimulator.class).getIfAvailable()).isNull();
        assertThat(this.context.getBean(Environment.class).getActiveProfiles()).doesNotContain("demo");
    }

    @Test
    void blockingChatAnswersDifysJsonAsTheSignedInUser() {
        wiremock.stubFor(post("/v1/chat-messages").willReturn(okJson("""
                {"event":"message","task_id":"t-1","id":"m-1","message_id":"m-1","conversation_id":"c-1","mode":"chat",
                 "answer":"Hello Alice","metadata":{"usage":{"total_tokens":12,"total_price":"0.0012890","latency":0.5},
                 "retriever_resources":[]},"created_at":1705407629,"field_dify_added_later":{"kept":true}}""")));

        as("alice").post().uri("/api/apps/support/chat-messages")
            .header("X-Trace-Id", "trace-123")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("""
                    {"query":"Hello","inputs":{"lang":"en"},"response_mode":"blocking","conversation_id":"c-1","user":"mallory",
                     "files":[{"type":"image","transfer_method":"remote_url","url":"https://example.com/a.png"}]}""")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.event").isEqualTo("message")
            .jsonPath("$.task_id").isEqualTo("t-1")
            .jsonPath("$.message_id").isEqualTo("m-1")
            .jsonPath("$.conversation_id").isEqualTo("c-1")
            .jsonPath("$.answer").isEqualTo("Hello Alice")
            .jsonPath("$.metadata.usage.total_tokens").isEqualTo(12)
            .jsonPath("$.metadata.usage.total_price").isEqualTo("0.0012890")
            .jsonPath("$.field_dify_added_later.kept").isEqualTo(true)
            .jsonPath("$.created_at").isEqualTo(1705407629);

        wiremock.verify(postRequestedFor(urlEqualTo("/v1/chat-messages"))
            .withHeader("Authorization", equalTo("Bearer " + SUPPORT_KEY))
            .withHeader("X-Trace-Id", equalTo("trace-123"))
            .withRequestBody(equalToJson("""
                    {"query":"Hello","inputs":{"lang":"en"},"response_mode":"blocking","user":"alice","conversation_id":"c-1",
                     "files":[{"type":"image","transfer_method":"remote_url","url":"https://example.com/a.png"}]}""")));
    }

    @Test
    void aBlockingAgentMessageAnswersTheAnswerAssembledFromDifysStream() {
        wiremock.stubFor(post("/v1/chat-messages").withHeader("Authorization", equalTo("Bearer " + AGENT_KEY))
            .willReturn(Transcripts.response("agent-streaming")));

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

        wiremock.verify(1, postRequestedFor(urlEqualTo("/v1/chat-messages"))
            .withRequestBody(equalToJson("{\"query\":\"What is the weather in Berlin?\",\"inputs\":{},"
                    + "\"response_mode\":\"streaming\",\"user\":\"alice\"}")));
    }

    @Test
    void blockingCompletionAndWorkflowAnswerDifysJson() {
        wiremock.stubFor(post("/v1/completion-messages").willReturn(okJson("""
                {"event":"message","task_id":"t-2","id":"m-2","message_id":"m-2","mode":"completion","answer":"A poem",
                 "metadata":{"usage":{"total_tokens":3,"total_price":"0.0000060"}},"created_at":1,"extra":"kept"}""")));
        wiremock.stubFor(post("/v1/workflows/run").willReturn(okJson("""
                {"task_id":"t-3","workflow_run_id":"r-3","data":{"id":"r-3","workflow_id":"w-1","status":"succeeded",
                 "outputs":{"text":"done"},"error":null,"elapsed_time":1.5,"total_tokens":20,"total_steps":3,
                 "created_at":10,"finished_at":12,"extra":"kept"}}""")));

        as("bob").post().uri("/api/apps/writer/completion-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{\"subject\":\"tea\"},\"response_mode\":\"blocking\",\"user\":\"mallory\"}")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.answer").isEqualTo("A poem")
            .jsonPath("$.mode").isEqualTo("completion")
            .jsonPath("$.message_id").isEqualTo("m-2")
            .jsonPath("$.metadata.usage.total_price").isEqualTo("0.0000060")
            .jsonPath("$.extra").isEqualTo("kept");
        as("bob").post().uri("/api/apps/etl/workflows/run").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{\"topic\":\"rain\"},\"user\":\"mallory\"}")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.workflow_run_id").isEqualTo("r-3")
            .jsonPath("$.task_id").isEqualTo("t-3")
            .jsonPath("$.data.status").isEqualTo("succeeded")
            .jsonPath("$.data.outputs.text").isEqualTo("done")
            .jsonPath("$.data.total_steps").isEqualTo(3)
            .jsonPath("$.data.extra").isEqualTo("kept");

        wiremock.verify(postRequestedFor(urlEqualTo("/v1/completion-messages"))
            .withRequestBody(equalToJson("{\"inputs\":{\"subject\":\"tea\"},\"response_mode\":\"blocking\",\"user\":\"bob\"}")));
        wiremock.verify(postRequestedFor(urlEqualTo("/v1/workflows/run"))
            .withRequestBody(equalToJson("{\"inputs\":{\"topic\":\"rain\"},\"response_mode\":\"blocking\",\"user\":\"bob\"}")));
    }

    @Test
    void stopsTasksOfEveryAppTypeAsTheSignedInUser() {
        wiremock.stubFor(post(urlPathEqualTo("/v1/chat-messages/t-1/stop")).willReturn(okJson("{\"result\":\"success\"}")));
        wiremock.stubFor(post(urlPathEqualTo("/v1/completion-messages/t-2/stop")).willReturn(okJson("{\"result\":\"success\"}")));
        wiremock.stubFor(post(urlPathEqualTo("/v1/workflows/tasks/t-3/stop")).willReturn(okJson("{\"result\":\"success\"}")));

        for (String path : new String[] { "support/chat-messages/t-1/stop", "writer/completion-messages/t-2/stop",
                "etl/workflows/tasks/t-3/stop" }) {
            as("alice").post().uri("/api/apps/" + path).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"user\":\"mallory\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.result").isEqualTo("success");
        }

        wiremock.verify(postRequestedFor(urlEqualTo("/v1/chat-messages/t-1/stop")).withRequestBody(equalToJson("{\"user\":\"alice\"}")));
        wiremock.verify(postRequestedFor(urlEqualTo("/v1/completion-messages/t-2/stop")).withRequestBody(equalToJson("{\"user\":\"alice\"}")));
        wiremock.verify(postRequestedFor(urlEqualTo("/v1/workflows/tasks/t-3/stop")).withRequestBody(equalToJson("{\"user\":\"alice\"}")));
    }

    @Test
    void listsConversationsAndMessagesOfTheSignedInUserOnly() {
        wiremock.stubFor(get(urlPathEqualTo("/v1/conversations")).willReturn(okJson("""
                {"limit":20,"has_more":false,"data":[{"id":"c-1","name":"Greetings","inputs":{},"status":"normal",
                 "introduction":"","created_at":1,"updated_at":2}]}""")));
        wiremock.stubFor(get(urlPathEqualTo("/v1/messages")).willReturn(okJson("""
                {"limit":20,"has_more":false,"data":[{"id":"m-1","conversation_id":"c-1","inputs":{},"query":"Hi","answer":"Hello",
                 "message_files":[],"feedback":{"rating":"like"},"retriever_resources":[],"agent_thoughts":[],"created_at":3}]}""")));

        as("bob").get().uri("/api/apps/support/conversations?user=alice&limit=20&sort_by=-updated_at&last_id=c-0")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.has_more").isEqualTo(false)
            .jsonPath("$.limit").isEqualTo(20)
            .jsonPath("$.data[0].id").isEqualTo("c-1")
            .jsonPath("$.data[0].name").isEqualTo("Greetings")
            .jsonPath("$.data[0].updated_at").isEqualTo(2);
        as("bob").get().uri("/api/apps/support/messages?conversation_id=c-1&user=alice&first_id=m-0&limit=5")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.data[0].query").isEqualTo("Hi")
            .jsonPath("$.data[0].answer").isEqualTo("Hello")
            .jsonPath("$.data[0].feedback.rating").isEqualTo("like")
            .jsonPath("$.data[0].conversation_id").isEqualTo("c-1");

        wiremock.verify(getRequestedFor(urlPathEqualTo("/v1/conversations"))
            .withQueryParam("user", equalTo("bob"))
            .withQueryParam("last_id", equalTo("c-0"))
            .withQueryParam("limit", equalTo("20"))
            .withQueryParam("sort_by", equalTo("-updated_at")));
        wiremock.verify(getRequestedFor(urlPathEqualTo("/v1/messages"))
            .withQueryParam("user", equalTo("bob"))
            .withQueryParam("conversation_id", equalTo("c-1"))
            .withQueryParam("first_id", equalTo("m-0"))
            .withQueryParam("limit", equalTo("5")));
    }

    @Test
    void renamesAndDeletesConversationsAsTheSignedInUser() {
        wiremock.stubFor(post("/v1/conversations/c-1/name").willReturn(okJson("""
                {"id":"c-1","name":"Trip plans","inputs":{},"status":"normal","introduction":"","created_at":1,"updated_at":5}""")));
        wiremock.stubFor(delete("/v1/conversations/c-1").willReturn(aResponse().withStatus(204)));

        as("alice").post().uri("/api/apps/support/conversations/c-1/name").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"Trip plans\",\"user\":\"mallory\"}")
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.name").isEqualTo("Trip plans").jsonPath("$.id").isEqualTo("c-1");
        as("alice").delete().uri("/api/apps/support/conversations/c-1")
            .exchange()
            .expectStatus().isNoContent()
            .expectBody().isEmpty();

        wiremock.verify(postRequestedFor(urlEqualTo("/v1/conversations/c-1/name"))
            .withRequestBody(equalToJson("{\"name\":\"Trip plans\",\"auto_generate\":false,\"user\":\"alice\"}")));
        wiremock.verify(deleteRequestedFor(urlEqualTo("/v1/conversations/c-1"))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(equalToJson("{\"user\":\"alice\"}")));
    }

    @Test
    void sendsFeedbackAndReadsSuggestionsAsTheSignedInUser() {
        wiremock.stubFor(post("/v1/messages/m-1/feedbacks").willReturn(okJson("{\"result\":\"success\"}")));
        wiremock.stubFor(get(urlPathEqualTo("/v1/messages/m-1/suggested")).willReturn(okJson(
                "{\"result\":\"success\",\"data\":[\"Why?\",\"How?\"]}")));

        as("alice").post().uri("/api/apps/support/messages/m-1/feedbacks").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"rating\":\"like\",\"content\":\"Spot on\",\"user\":\"mallory\"}")
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.result").isEqualTo("success");
        as("alice").get().uri("/api/apps/support/messages/m-1/suggested?user=mallory")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.result").isEqualTo("success")
            .jsonPath("$.data[1]").isEqualTo("How?");

        wiremock.verify(postRequestedFor(urlEqualTo("/v1/messages/m-1/feedbacks"))
            .withRequestBody(equalToJson("{\"rating\":\"like\",\"user\":\"alice\",\"content\":\"Spot on\"}")));
        wiremock.verify(getRequestedFor(urlPathEqualTo("/v1/messages/m-1/suggested")).withQueryParam("user", equalTo("alice")));
    }

    @Test
    void uploadsAFileAsTheSignedInUser() {
        wiremock.stubFor(post("/v1/files/upload").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("""
                    {"id":"f-1","name":"notes.txt","size":11,"extension":"txt","mime_type":"text/plain","created_by":"u-1",
                     "created_at":1}""")));
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("user", "mallory");
        body.part("file", "hello world".getBytes()).filename("notes.txt").contentType(MediaType.TEXT_PLAIN);

        as("alice").post().uri("/api/apps/support/files/upload")
            .body(BodyInserters.fromMultipartData(body.build()))
            .exchange()
            .expectStatus().isCreated()
            .expectBody()
            .jsonPath("$.id").isEqualTo("f-1")
            .jsonPath("$.name").isEqualTo("notes.txt")
            .jsonPath("$.mime_type").isEqualTo("text/plain");

        wiremock.verify(postRequestedFor(urlEqualTo("/v1/files/upload"))
            .withHeader("Content-Type", containing("multipart/form-data"))
            .withRequestBody(containing("hello world"))
            .withRequestBody(containing("name=\"user\"\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: 5\r\n\r\nalice"))
            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("mallory")));
    }

    @Test
    void describesTheAppInDifysShape() {
        wiremock.stubFor(get("/v1/parameters").willReturn(okJson("""
                {"opening_statement":"Welcome","suggested_questions":["What now?"],
                 "suggested_questions_after_answer":{"enabled":true},"speech_to_text":{"enabled":false},
                 "text_to_speech":{"enabled":false,"voice":"alloy","language":"en-US"},
                 "retriever_resource":{"enabled":true},"annotation_reply":{"enabled":false},"more_like_this":{"enabled":false},
                 "sensitive_word_avoidance":{"enabled":false},
                 "user_input_form":[{"text-input":{"label":"Topic","variable":"topic","required":true,"max_length":48,"default":""}},
                                    {"select":{"label":"Style","variable":"style","required":false,"options":["a","b"],"default":"a"}}],
                 "file_upload":{"image":{"enabled":false,"number_limits":3}},
                 "system_parameters":{"file_size_limit":15,"image_file_size_limit":10,"audio_file_size_limit":50,
                                      "video_file_size_limit":100,"workflow_file_upload_limit":10}}""")));
        wiremock.stubFor(get("/v1/info").willReturn(okJson("""
                {"name":"ETL","description":"Moves data","tags":["ops"],"mode":"workflow","author_name":"Ann"}""")));

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
    }
}
