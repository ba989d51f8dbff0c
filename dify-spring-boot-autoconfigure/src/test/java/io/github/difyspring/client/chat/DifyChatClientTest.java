package io.github.difyspring.client.chat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.core.RetrieverResource;
import io.github.difyspring.client.core.Usage;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The requests {@link DifyChatClient} sends for its three operations and how it maps the answers.
 */
class DifyChatClientTest extends DifyClientTestSupport {

    private static final String CONVERSATION_ID = "45701982-8118-4bc5-8e9b-64562b4555f2";

    /** A request that sets every field the chat API takes. */
    private static ChatRequest fullRequest() {
        return ChatRequest.builder()
            .query("What are the specs of the iPhone 13 Pro Max?")
            .input("city", "San Francisco")
            .input("budget", 1200)
            .conversationId(CONVERSATION_ID)
            .user("abc-123")
            .file(DifyFile.remoteUrl(DifyFileType.IMAGE, "https://cloud.dify.ai/logo/logo-site.png"))
            .file(DifyFile.uploaded(DifyFileType.DOCUMENT, "a1b2c3d4-5678-90ab-cdef-1234567890ab"))
            .autoGenerateName(false)
            .workflowId("7c3e33d4-2a8b-4e5f-9b1a-d3c6e8f12345")
            .traceId("trace_0123-ABC")
            .build();
    }

    private static String fullRequestJson(String responseMode) {
        return """
                {
                  "query": "What are the specs of the iPhone 13 Pro Max?",
                  "inputs": {"city": "San Francisco", "budget": 1200},
                  "response_mode": "%s",
                  "user": "abc-123",
                  "conversation_id": "45701982-8118-4bc5-8e9b-64562b4555f2",
                  "files": [
                    {"type": "image", "transfer_method": "remote_url", "url": "https://cloud.dify.ai/logo/logo-site.png"},
                    {"type": "document", "transfer_method": "local_file", "upload_file_id": "a1b2c3d4-5678-90ab-cdef-1234567890ab"}
                  ],
                  "auto_generate_name": false,
                  "workflow_id": "7c3e33d4-2a8b-4e5f-9b1a-d3c6e8f12345"
                }
                """.formatted(responseMode);
    }

    @Test
    void blockingSendPostsEveryFieldOfTheRequest() {
        stubJson("/v1/chat-messages", 200, responseExample("POST", "/chat-messages", 200, "blockingResponse"));

        chatClient().send(fullRequest()).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/chat-messages")
            .withHeader("X-Trace-Id", equalTo("trace_0123-ABC"))
            .withRequestBody(equalToJson(fullRequestJson("blocking")))
            .withRequestBody(matchesRequestSchema("POST", "/chat-messages")));
    }

    @Test
    void blockingSendMapsTheAnswerIncludingUsageAndCitations() {
        stubJson("/v1/chat-messages", 200, responseExample("POST", "/chat-messages", 200, "blockingResponse"));

        ChatResponse response = chatClient().send(ChatRequest.of("What are the specs of the iPhone 13 Pro Max?")).block(TIMEOUT);

        assertThat(response).isNotNull();
        assertThat(response.event()).isEqualTo("message");
        assertThat(response.taskId()).isEqualTo("c3800678-a077-43df-a102-53f23ed20b88");
        assertThat(response.id()).isEqualTo("b01a39de-3480-4f3e-9f1e-4841a80f8e5e");
        assertThat(response.messageId()).isEqualTo("9da23599-e713-473b-982c-4328d4f5c78a");
        assertThat(response.conversationId()).isEqualTo(CONVERSATION_ID);
        assertThat(response.mode()).isEqualTo("chat");
        assertThat(response.answer()).isEqualTo("iPhone 13 Pro Max specs are listed here:...");
        assertThat(response.createdAt()).isEqualTo(1705407629L);

        Usage usage = response.metadata().usage();
        assertThat(usage).isNotNull();
        assertThat(usage.promptTokens()).isEqualTo(1033L);
        assertThat(usage.completionTokens()).isEqualTo(128L);
        assertThat(usage.totalTokens()).isEqualTo(1161L);
        // Prices come as strings; equals() on BigDecimal also checks the scale, so nothing was rounded.
        assertThat(usage.promptUnitPrice()).isEqualTo(new BigDecimal("0.001"));
        assertThat(usage.promptPriceUnit()).isEqualTo(new BigDecimal("0.001"));
        assertThat(usage.promptPrice()).isEqualTo(new BigDecimal("0.0010330"));
        assertThat(usage.completionUnitPrice()).isEqualTo(new BigDecimal("0.002"));
        assertThat(usage.completionPrice()).isEqualTo(new BigDecimal("0.0002560"));
        assertThat(usage.totalPrice()).isEqualTo(new BigDecimal("0.0012890"));
        assertThat(usage.currency()).isEqualTo("USD");
        assertThat(usage.latency()).isEqualTo(0.7682376249867957);

        List<RetrieverResource> resources = response.metadata().retrieverResources();
        assertThat(resources).hasSize(1);
        RetrieverResource resource = resources.get(0);
        assertThat(resource.position()).isEqualTo(1);
        assertThat(resource.datasetId()).isEqualTo("101b4c97-fc2e-463c-90b1-5261a4cdcafb");
        assertThat(resource.datasetName()).isEqualTo("iPhone");
        assertThat(resource.documentId()).isEqualTo("8dd1ad74-0b5f-4175-b735-7d98bbbb4e00");
        assertThat(resource.documentName()).isEqualTo("iPhone List");
        assertThat(resource.segmentId()).isEqualTo("ed599c7f-2766-4294-9d1d-e5235a61270a");
        assertThat(resource.score()).isEqualTo(0.98457545);
        assertThat(resource.content()).startsWith("\"Model\",\"Release Date\"").endsWith("\"iOS 15\"");
    }

    @Test
    void blockingAnswerWithoutMetadataHasNoUsageAndNoCitations() {
        stubJson("/v1/chat-messages", 200, """
                {"event": "message", "task_id": "t1", "id": "m1", "message_id": "m1", "conversation_id": "c1",
                 "mode": "chat", "answer": "Hi", "metadata": {"retriever_resources": null}, "created_at": 1}
                """);

        ChatResponse response = chatClient().send(ChatRequest.of("Hello")).block(TIMEOUT);

        assertThat(response).isNotNull();
        assertThat(response.answer()).isEqualTo("Hi");
        assertThat(response.metadata().usage()).isNull();
        assertThat(response.metadata().retrieverResources()).isEmpty();
    }

    @Test
    void minimalRequestUsesTheDefaultUserAndSendsNothingUnset() {
        stubJson("/v1/chat-messages", 200, responseExample("POST", "/chat-messages", 200, "blockingResponse"));

        chatClient().send(ChatRequest.of("Hello")).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/chat-messages")
            .withoutHeader("X-Trace-Id")
            .withRequestBody(equalToJson("""
                    {"query": "Hello", "inputs": {}, "response_mode": "blocking", "user": "default-user"}
                    """))
            .withRequestBody(matchesRequestSchema("POST", "/chat-messages")));
    }

    @Test
    void autoGenerateNameTrueIsSentWhenSet() {
        stubJson("/v1/chat-messages", 200, responseExample("POST", "/chat-messages", 200, "blockingResponse"));

        chatClient().send(ChatRequest.builder().query("Hello").autoGenerateName(true).build()).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/chat-messages").withRequestBody(equalToJson("""
                {"query": "Hello", "inputs": {}, "response_mode": "blocking", "user": "default-user", "auto_generate_name": true}
                """)));
    }

    @Test
    void streamPostsEveryFieldOfTheRequestInStreamingMode() {
        stubStream("/v1/chat-messages", sse("""
                {"event": "message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "Hi", "created_at": 1}
                {"event": "message_end", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "created_at": 1}
                """));

        collect(chatClient().stream(fullRequest()));

        wireMock.verify(1, difyPost("/v1/chat-messages")
            .withHeader("Accept", containing("text/event-stream"))
            .withHeader("X-Trace-Id", equalTo("trace_0123-ABC"))
            .withRequestBody(equalToJson(fullRequestJson("streaming")))
            .withRequestBody(matchesRequestSchema("POST", "/chat-messages")));
    }

    @Test
    void streamDeliversTheTypedEvents() {
        stubStream("/v1/chat-messages", sse("""
                {"event": "message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "Hel", "created_at": 7}
                {"event": "message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "lo", "created_at": 7}
                {"event": "message_end", "task_id": "t1", "id": "m1", "message_id": "m1", "conversation_id": "c1", "created_at": 7, "metadata": {"usage": {"total_tokens": 12, "total_price": "0.0000120", "currency": "USD"}}}
                """));

        List<DifyEvent> events = collect(chatClient().stream(ChatRequest.of("Hello")));

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isEqualTo(new MessageEvent("t1", "m1", "c1", 7L, "Hel"));
        assertThat(events.get(1)).isEqualTo(new MessageEvent("t1", "m1", "c1", 7L, "lo"));
        assertThat(events.get(2)).asInstanceOf(type(MessageEndEvent.class)).satisfies((end) -> {
            assertThat(end.conversationId()).isEqualTo("c1");
            assertThat(end.metadata().usage().totalTokens()).isEqualTo(12L);
            assertThat(end.metadata().usage().totalPrice()).isEqualTo(new BigDecimal("0.0000120"));
        });
        wireMock.verify(1, difyPost("/v1/chat-messages").withoutHeader("X-Trace-Id").withRequestBody(equalToJson("""
                {"query": "Hello", "inputs": {}, "response_mode": "streaming", "user": "default-user"}
                """)));
    }

    @Test
    void stopPostsTheDefaultUserToTheTaskPath() {
        stubJson("/v1/chat-messages/c3800678-a077-43df-a102-53f23ed20b88/stop", 200, "{\"result\": \"success\"}");

        chatClient().stop("c3800678-a077-43df-a102-53f23ed20b88").block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/chat-messages/c3800678-a077-43df-a102-53f23ed20b88/stop")
            .withRequestBody(equalToJson("{\"user\": \"default-user\"}"))
            .withRequestBody(matchesRequestSchema("POST", "/chat-messages/{task_id}/stop")));
    }

    @Test
    void stopPostsTheGivenUser() {
        stubJson("/v1/chat-messages/task-1/stop", 200, "{\"result\": \"success\"}");

        chatClient().forUser("abc-123").stop("task-1").block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/chat-messages/task-1/stop").withRequestBody(equalToJson("{\"user\": \"abc-123\"}")));
    }
}
