package io.github.difyspring.client.chat;

import java.math.BigDecimal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyStreamException;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dify refuses blocking mode for agent apps, so a blocking {@code send} on an agent app streams and
 * assembles the answer from the events.
 */
class AgentBlockingSendTest extends DifyClientTestSupport {

    /** Answers only a streaming request, as Dify does for agents; a blocking one would get no stub. */
    private static void stubAgentStream(ResponseDefinitionBuilder response) {
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages"))
            .withRequestBody(matchingJsonPath("$.response_mode", equalTo("streaming")))
            .willReturn(response));
    }

    private static ChatResponse send(ChatRequest request) {
        ChatResponse response = chatClient(DifyAppType.AGENT).send(request).block(TIMEOUT);
        assertThat(response).isNotNull();
        return response;
    }

    @Test
    void blockingSendIssuesAStreamingRequest() {
        stubAgentStream(eventStream(sse("""
                {"event": "agent_message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "Hi", "created_at": 5}
                {"event": "message_end", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "metadata": {}}
                """)));

        send(ChatRequest.builder().query("Draw a cat").user("abc-123").traceId("agent-trace").build());

        wireMock.verify(1, difyPost("/v1/chat-messages")
            .withHeader("Accept", containing("text/event-stream"))
            .withHeader("X-Trace-Id", equalTo("agent-trace"))
            .withRequestBody(equalToJson("""
                    {"query": "Draw a cat", "inputs": {}, "response_mode": "streaming", "user": "abc-123"}
                    """)));
    }

    @Test
    void answerIsTheClosingMessageThatFollowsTheAgentMessagesWithTheUsageOfMessageEnd() {
        stubAgentStream(eventStream(sse("""
                {"event": "agent_thought", "id": "th1", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "position": 1, "thought": "Let me look it up", "tool": "search", "tool_input": "{}", "created_at": 100}
                {"event": "agent_message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "The capital", "created_at": 101}
                {"event": "message_file", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "id": "f1", "type": "image", "belongs_to": "assistant", "url": "https://example.com/map.png", "created_at": 101}
                {"event": "agent_message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": " of France", "created_at": 102}
                {"event": "message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "The capital of France is Paris.", "created_at": 103}
                {"event": "message_end", "task_id": "t1", "id": "m1", "message_id": "m1", "conversation_id": "c1", "created_at": 104, "metadata": {"usage": {"prompt_tokens": 20, "completion_tokens": 8, "total_tokens": 28, "total_price": "0.0000560", "currency": "USD", "latency": 1.5}, "retriever_resources": [{"position": 1, "dataset_name": "Geography", "document_name": "Capitals", "content": "Paris is the capital of France.", "score": 0.91}]}}
                """)));

        ChatResponse response = send(ChatRequest.of("What is the capital of France?"));

        assertThat(response.answer()).isEqualTo("The capital of France is Paris.");
        assertThat(response.event()).isEqualTo("message");
        assertThat(response.mode()).as("Dify names no mode in a stream").isNull();
        assertThat(response.taskId()).isEqualTo("t1");
        assertThat(response.id()).isEqualTo("m1");
        assertThat(response.messageId()).isEqualTo("m1");
        assertThat(response.conversationId()).isEqualTo("c1");
        assertThat(response.createdAt()).as("created_at of the first answer event").isEqualTo(101L);
        assertThat(response.metadata().usage()).isNotNull();
        assertThat(response.metadata().usage().totalTokens()).isEqualTo(28L);
        assertThat(response.metadata().usage().promptTokens()).isEqualTo(20L);
        assertThat(response.metadata().usage().totalPrice()).isEqualTo(new BigDecimal("0.0000560"));
        assertThat(response.metadata().retrieverResources()).singleElement().satisfies((resource) -> {
            assertThat(resource.documentName()).isEqualTo("Capitals");
            assertThat(resource.content()).isEqualTo("Paris is the capital of France.");
        });
    }

    @Test
    void messageReplaceReplacesTheAnswerSoFar() {
        stubAgentStream(eventStream(sse("""
                {"event": "agent_message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "Some text the ", "created_at": 1}
                {"event": "agent_message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "moderation flags", "created_at": 1}
                {"event": "message_replace", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "Sorry, I cannot answer that.", "reason": "output_moderation", "created_at": 2}
                {"event": "message_end", "task_id": "t1", "id": "m1", "message_id": "m1", "conversation_id": "c1", "metadata": {"usage": {"total_tokens": 9}}}
                """)));

        ChatResponse response = send(ChatRequest.of("Say something bad"));

        assertThat(response.answer()).isEqualTo("Sorry, I cannot answer that.");
        assertThat(response.metadata().usage().totalTokens()).isEqualTo(9L);
    }

    @Test
    void theAgentExampleOfTheSpecAssemblesIntoItsAnswer() {
        stubAgentStream(eventStream(exampleStream("service_sendChatMessage_streamingResponseAgent.sse.txt")));

        ChatResponse response = send(ChatRequest.of("Draw a cat"));

        assertThat(response.answer()).isEqualTo("Here is the image: ");
        assertThat(response.taskId()).isEqualTo("task123");
        assertThat(response.messageId()).isEqualTo("msg123");
        assertThat(response.conversationId()).isEqualTo("conv123");
        assertThat(response.metadata().usage().totalTokens()).isEqualTo(50L);
        assertThat(response.metadata().usage().latency()).isEqualTo(2.5);
    }

    @Test
    void anErrorEventFailsTheBlockingSend() {
        stubAgentStream(eventStream(sse("""
                {"event": "agent_message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "Partial", "created_at": 1}
                {"event": "error", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "created_at": 2, "status": 400, "code": "completion_request_error", "message": "[openai] Rate limit reached"}
                """)));

        DifyStreamException error = failure(chatClient(DifyAppType.AGENT).send(ChatRequest.of("Hi")), DifyStreamException.class);

        assertThat(error.getCode()).isEqualTo("completion_request_error");
        assertThat(error.getDifyMessage()).isEqualTo("[openai] Rate limit reached");
        assertThat(error.getTaskId()).isEqualTo("t1");
    }

    @Test
    void anHttpErrorFailsTheBlockingSend() {
        stubAgentStream(json(400, """
                {"code": "invalid_param", "message": "Agent App has no bound Agent", "status": 400}
                """));

        DifyBadRequestException error = failure(chatClient(DifyAppType.AGENT).send(ChatRequest.of("Hi")),
                DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(error.getOperation()).isEqualTo("POST /chat-messages");
    }
}
