package io.github.difyspring.client;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;
import io.github.difyspring.client.core.DifyAppType;

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
        assertThat(chatClient().sendRaw(ChatRequest.of("Hi")).block(TIMEOUT)).isEqualTo(ANSWER);
        assertThat(completionClient().sendRaw(CompletionRequest.of(Map.of("query", "x"))).block(TIMEOUT)).isEqualTo(ANSWER);
        assertThat(workflowClient().runRaw(WorkflowRunRequest.of(Map.of())).block(TIMEOUT)).isEqualTo(ANSWER);
        wireMock.verify(difyPost("/v1/chat-messages").withRequestBody(equalToJson(
                "{\"query\":\"Hi\",\"inputs\":{},\"response_mode\":\"blocking\",\"user\":\"" + DEFAULT_USER + "\"}")));
        wireMock.verify(difyPost("/v1/workflows/run").withRequestBody(equalToJson(
                "{\"inputs\":{},\"response_mode\":\"blocking\",\"user\":\"" + DEFAULT_USER + "\"}")));
    }

    @Test
    void errorsAreMappedAsForTheTypedCalls() {
        stubJson("/v1/chat-messages", 400, "{\"code\":\"invalid_param\",\"message\":\"bad\",\"status\":400}");
        DifyBadRequestException error = failure(chatClient().sendRaw(ChatRequest.of("Hi")), DifyBadRequestException.class);
        assertThat(error.getCode()).isEqualTo("invalid_param");
    }

    @Test
    void agentAppsHaveNoRawBlockingAnswer() {
        IllegalStateException error = failure(chatClient(DifyAppType.AGENT).sendRaw(ChatRequest.of("Hi")), IllegalStateException.class);
        assertThat(error.getMessage()).contains("agent").contains("stream");
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }
}
