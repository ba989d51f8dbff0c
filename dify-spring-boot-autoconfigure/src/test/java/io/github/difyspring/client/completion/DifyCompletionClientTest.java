package io.github.difyspring.client.completion;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.core.DifyFileType;
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
 * The requests {@link DifyCompletionClient} sends for its three operations and how it maps the
 * answers.
 */
class DifyCompletionClientTest extends DifyClientTestSupport {

    private static CompletionRequest fullRequest() {
        return CompletionRequest.builder()
            .input("city", "San Francisco")
            .query("Translate 'hello' to Spanish.")
            .user("abc-123")
            .file(DifyFile.remoteUrl(DifyFileType.IMAGE, "https://cloud.dify.ai/logo/logo-site.png"))
            .file(DifyFile.uploaded(DifyFileType.DOCUMENT, "a1b2c3d4-5678-90ab-cdef-1234567890ab"))
            .traceId("completion-7")
            .build();
    }

    private static String fullRequestJson(String responseMode) {
        return """
                {
                  "inputs": {"city": "San Francisco"},
                  "query": "Translate 'hello' to Spanish.",
                  "response_mode": "%s",
                  "user": "abc-123",
                  "files": [
                    {"type": "image", "transfer_method": "remote_url", "url": "https://cloud.dify.ai/logo/logo-site.png"},
                    {"type": "document", "transfer_method": "local_file", "upload_file_id": "a1b2c3d4-5678-90ab-cdef-1234567890ab"}
                  ]
                }
                """.formatted(responseMode);
    }

    @Test
    void blockingSendPostsEveryFieldOfTheRequest() {
        stubJson("/v1/completion-messages", 200, responseExample("POST", "/completion-messages", 200, "blockingResponse"));

        completionClient().send(fullRequest()).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/completion-messages")
            .withHeader("X-Trace-Id", equalTo("completion-7"))
            .withRequestBody(equalToJson(fullRequestJson("blocking")))
            .withRequestBody(matchesRequestSchema("POST", "/completion-messages")));
    }

    @Test
    void blockingSendMapsTheAnswer() {
        stubJson("/v1/completion-messages", 200, responseExample("POST", "/completion-messages", 200, "blockingResponse"));

        CompletionResponse response = completionClient().send(CompletionRequest.of(Map.of("query", "Hi"))).block(TIMEOUT);

        assertThat(response).isNotNull();
        assertThat(response.event()).isEqualTo("message");
        assertThat(response.taskId()).isEqualTo("c3800678-a077-43df-a102-53f23ed20b88");
        assertThat(response.id()).isEqualTo("b01a39de-3480-4f3e-9f1e-4841a80f8e5e");
        assertThat(response.messageId()).isEqualTo("9da23599-e713-473b-982c-4328d4f5c78a");
        assertThat(response.mode()).isEqualTo("completion");
        assertThat(response.answer()).isEqualTo("Hello World!...");
        assertThat(response.createdAt()).isEqualTo(1705407629L);
        Usage usage = response.metadata().usage();
        assertThat(usage).isNotNull();
        assertThat(usage.totalTokens()).isEqualTo(1161L);
        assertThat(usage.promptPrice()).isEqualTo(new BigDecimal("0.0010330"));
        assertThat(usage.completionPrice()).isEqualTo(new BigDecimal("0.0002560"));
        assertThat(usage.totalPrice()).isEqualTo(new BigDecimal("0.0012890"));
        assertThat(usage.currency()).isEqualTo("USD");
        assertThat(response.metadata().retrieverResources()).isEmpty();
    }

    @Test
    void minimalRequestUsesTheDefaultUserAndSendsNothingUnset() {
        stubJson("/v1/completion-messages", 200, responseExample("POST", "/completion-messages", 200, "blockingResponse"));

        completionClient().send(CompletionRequest.of(Map.of("query", "Hi"))).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/completion-messages")
            .withoutHeader("X-Trace-Id")
            .withRequestBody(equalToJson("""
                    {"inputs": {"query": "Hi"}, "response_mode": "blocking", "user": "default-user"}
                    """))
            .withRequestBody(matchesRequestSchema("POST", "/completion-messages")));
    }

    @Test
    void streamPostsEveryFieldOfTheRequestInStreamingMode() {
        stubStream("/v1/completion-messages", sse("""
                {"event": "message", "task_id": "t1", "message_id": "m1", "answer": "Hola", "created_at": 1}
                """));

        collect(completionClient().stream(fullRequest()));

        wireMock.verify(1, difyPost("/v1/completion-messages")
            .withHeader("Accept", containing("text/event-stream"))
            .withHeader("X-Trace-Id", equalTo("completion-7"))
            .withRequestBody(equalToJson(fullRequestJson("streaming")))
            .withRequestBody(matchesRequestSchema("POST", "/completion-messages")));
    }

    @Test
    void streamDeliversTheTypedEvents() {
        stubStream("/v1/completion-messages", sse("""
                {"event": "message", "task_id": "t1", "message_id": "m1", "answer": "Ho", "created_at": 3}
                {"event": "message", "task_id": "t1", "message_id": "m1", "answer": "la", "created_at": 3}
                {"event": "message_end", "task_id": "t1", "id": "m1", "message_id": "m1", "metadata": {"usage": {"total_tokens": 4}}}
                """));

        List<DifyEvent> events = collect(completionClient().stream(CompletionRequest.of(Map.of("query", "Hi"))));

        assertThat(events).hasSize(3);
        assertThat(events.subList(0, 2)).containsExactly(new MessageEvent("t1", "m1", null, 3L, "Ho"),
                new MessageEvent("t1", "m1", null, 3L, "la"));
        assertThat(events.get(2)).asInstanceOf(type(MessageEndEvent.class))
            .satisfies((end) -> assertThat(end.metadata().usage().totalTokens()).isEqualTo(4L));
        wireMock.verify(1, difyPost("/v1/completion-messages").withRequestBody(equalToJson("""
                {"inputs": {"query": "Hi"}, "response_mode": "streaming", "user": "default-user"}
                """)));
    }

    @Test
    void stopPostsTheDefaultUserToTheTaskPath() {
        stubJson("/v1/completion-messages/c3800678-a077-43df-a102-53f23ed20b88/stop", 200, "{\"result\": \"success\"}");

        completionClient().stop("c3800678-a077-43df-a102-53f23ed20b88").block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/completion-messages/c3800678-a077-43df-a102-53f23ed20b88/stop")
            .withRequestBody(equalToJson("{\"user\": \"default-user\"}"))
            .withRequestBody(matchesRequestSchema("POST", "/completion-messages/{task_id}/stop")));
    }

    @Test
    void stopPostsTheGivenUser() {
        stubJson("/v1/completion-messages/task-1/stop", 200, "{\"result\": \"success\"}");

        completionClient().forUser("abc-123").stop("task-1").block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/completion-messages/task-1/stop").withRequestBody(equalToJson("{\"user\": \"abc-123\"}")));
    }
}
