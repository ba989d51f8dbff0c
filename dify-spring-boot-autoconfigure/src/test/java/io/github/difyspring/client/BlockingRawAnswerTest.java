package io.github.difyspring.client;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.conformance.Transcript;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw blocking calls hand Dify's JSON answer on exactly as received, with the same request and
 * error handling as the typed ones.
 */
class BlockingRawAnswerTest extends DifyClientTestSupport {

    private static final String ANSWER = "{\"event\":\"message\",\"answer\":\"Hi\",\"metadata\":{\"usage\":{\"total_price\":\"0.0012890\"}},"
            + "\"field_dify_added_later\":[1,2]}";

    @Test
    void chatCompletionAndWorkflowAnswersAreKeptAsSent() {
        stubJson("/v1/chat-messages", 200, ANSWER);
        stubJson("/v1/completion-messages", 200, ANSWER);
        stubJson("/v1/workflows/run", 200, ANSWER);
        assertThat(chatClient().raw().send(ChatRequest.of("Hi")).block(TIMEOUT)).isEqualTo(ANSWER);
        assertThat(completionClient().raw().send(CompletionRequest.of(Map.of("query", "x"))).block(TIMEOUT)).isEqualTo(ANSWER);
        assertThat(workflowClient().raw().run(WorkflowRunRequest.of(Map.of())).block(TIMEOUT)).isEqualTo(ANSWER);
        wireMock.verify(difyPost("/v1/chat-messages").withRequestBody(equalToJson(
                "{\"query\":\"Hi\",\"inputs\":{},\"response_mode\":\"blocking\",\"user\":\"" + DEFAULT_USER + "\"}")));
        wireMock.verify(difyPost("/v1/workflows/run").withRequestBody(equalToJson(
                "{\"inputs\":{},\"response_mode\":\"blocking\",\"user\":\"" + DEFAULT_USER + "\"}")));
    }

    @Test
    void errorsAreMappedAsForTheTypedCalls() {
        stubJson("/v1/chat-messages", 400, "{\"code\":\"invalid_param\",\"message\":\"bad\",\"status\":400}");
        DifyBadRequestException error = failure(chatClient().raw().send(ChatRequest.of("Hi")), DifyBadRequestException.class);
        assertThat(error.getCode()).isEqualTo("invalid_param");
    }

    /**
     * Dify only streams agent apps (the conformance transcript {@code agent-streaming.txt}), so the
     * raw answer is the assembled one, written in the shape of Dify's blocking chat answer.
     */
    @Test
    void anAgentsRawAnswerIsTheAssembledAnswerInTheShapeOfABlockingOne() throws Exception {
        stubStream("/v1/chat-messages", Transcript.load("agent-streaming").body());

        String raw = chatClient(DifyAppType.AGENT).raw().send(ChatRequest.of("What is the weather in Berlin?")).block(TIMEOUT);

        Map<String, Object> json = JsonMapper.builder().build().readValue(raw, Map.class);
        assertThat(json).containsEntry("event", "message").containsEntry("answer", "It is sunny in Berlin.")
            .containsEntry("conversation_id", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f")
            .containsEntry("message_id", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
        assertThat(json.get("metadata")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("usage");
        wireMock.verify(1, difyPost("/v1/chat-messages").withRequestBody(equalToJson(
                "{\"query\":\"What is the weather in Berlin?\",\"inputs\":{},\"response_mode\":\"streaming\",\"user\":\"" + DEFAULT_USER + "\"}")));
    }
}
