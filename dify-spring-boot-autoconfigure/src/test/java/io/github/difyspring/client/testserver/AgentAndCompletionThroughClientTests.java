package io.github.difyspring.client.testserver;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.completion.CompletionResponse;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.event.AgentMessageEvent;
import io.github.difyspring.client.event.AgentThoughtEvent;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The agent and text generator apps of the test double, through {@link DifyChatClient} and
 * {@link DifyCompletionClient}: an agent's thoughts and tool calls before its answer, an agent asked
 * for a blocking answer, and completions blocking and streamed.
 */
class AgentAndCompletionThroughClientTests extends ThroughClientSupport {

    private static final String AGENT_KEY = "app-agent-test-key";

    private static final String COMPLETION_KEY = "app-completion-test-key";

    @Test
    void anAgentStreamsItsThoughtAndToolCallThenItsAnswer() {
        this.dify.agentApp("helper", AGENT_KEY).thinks("I should look up the weather.")
            .usesTool("get_weather", "{\"city\": \"Berlin\"}", "Sunny, 22 degrees")
            .answers("It is sunny in Berlin.");
        DifyChatClient agent = chatClient("helper", DifyAppType.AGENT, AGENT_KEY);

        List<DifyEvent> events = collect(agent.stream(ChatRequest.of("What is the weather in Berlin?")));

        List<AgentThoughtEvent> thoughts = ofType(events, AgentThoughtEvent.class);
        assertThat(thoughts).extracting(AgentThoughtEvent::thought).contains("I should look up the weather.", "It is sunny in Berlin.");
        AgentThoughtEvent observed = thoughts.stream().filter((thought) -> !thought.observation().isEmpty()).findFirst().orElseThrow();
        assertThat(observed.tool()).isEqualTo("get_weather");
        assertThat(observed.toolInput()).isEqualTo("{\"city\": \"Berlin\"}");
        assertThat(observed.observation()).isEqualTo("Sunny, 22 degrees");
        assertThat(thoughts).extracting(AgentThoughtEvent::position).isSorted();
        assertThat(ofType(events, MessageEvent.class)).isEmpty();
        assertThat(ofType(events, AgentMessageEvent.class)).extracting(AgentMessageEvent::answer).contains("It", " is", " sunny");
        assertThat(events.get(events.size() - 1)).isInstanceOf(MessageEndEvent.class);
        StreamedAnswer answer = assemble(events);
        assertThat(answer.text()).isEqualTo("It is sunny in Berlin.");
        assertThat(answer.messageEnded()).isTrue();
    }

    @Test
    void anAgentAskedForABlockingAnswerIsStreamedAndAssembledByTheClient() {
        this.dify.agentApp("helper", AGENT_KEY).usesTool("get_weather", "{}", "Rain").answers("Take an umbrella.");
        DifyChatClient agent = chatClient("helper", DifyAppType.AGENT, AGENT_KEY);

        ChatResponse answer = agent.send(ChatRequest.of("Do I need an umbrella?")).block(TIMEOUT);

        assertThat(answer.answer()).isEqualTo("Take an umbrella.");
        assertThat(answer.conversationId()).isNotBlank();
        assertThat(answer.usage().totalTokens()).isPositive();
        assertThat(this.dify.requests().app("helper").chatMessages().single().isStreaming())
            .as("the double refuses blocking agent messages, as Dify does; the client streams them").isTrue();
    }

    @Test
    void anAgentAppCalledAsAChatbotIsRefusedBlockingAsDifyRefusesIt() {
        this.dify.agentApp("helper", AGENT_KEY);
        DifyChatClient misconfigured = chatClient("helper", DifyAppType.CHAT, AGENT_KEY);

        Throwable refused = catchThrowable(() -> misconfigured.send(ChatRequest.of("Hi")).block(TIMEOUT));

        assertThat(refused).isInstanceOf(DifyBadRequestException.class);
        assertThat(((DifyBadRequestException) refused).getCode()).isEqualTo("invalid_param");
        assertThat(((DifyBadRequestException) refused).getDifyMessage()).contains("blocking");
    }

    @Test
    void aBlockingCompletionAnswersFromItsInputsAndTheDoubleRecordsThem() {
        this.dify.completionApp("writer", COMPLETION_KEY).answers((request) -> "A haiku about " + request.inputs().get("topic"));
        DifyCompletionClient writer = completionClient("writer", COMPLETION_KEY);

        CompletionResponse answer = writer.forUser("bob").send(CompletionRequest.builder().input("topic", "autumn").build()).block(TIMEOUT);

        assertThat(answer.answer()).isEqualTo("A haiku about autumn");
        assertThat(answer.mode()).isEqualTo("completion");
        assertThat(answer.messageId()).isNotBlank();
        RecordedRequest recorded = this.dify.requests().app("writer").completionMessages().fromUser("bob").withInput("topic", "autumn")
            .single();
        assertThat(recorded.isStreaming()).isFalse();
    }

    @Test
    void aStreamedCompletionAssemblesToTheScriptedTextWithoutAConversation() {
        this.dify.completionApp("writer", COMPLETION_KEY).answersInChunks("Leaves ", "fall ", "softly.");
        DifyCompletionClient writer = completionClient("writer", COMPLETION_KEY);

        List<DifyEvent> events = collect(writer.stream(CompletionRequest.of(Map.of("topic", "autumn"))));

        assertThat(types(events)).containsExactly("message", "message", "message", "message_end");
        StreamedAnswer answer = assemble(events);
        assertThat(answer.text()).isEqualTo("Leaves fall softly.");
        assertThat(answer.messageEnded()).isTrue();
        assertThat(answer.conversationId()).as("a text generator has no conversations").isNull();
        assertThat(this.dify.requests().completionMessages().streaming()).hasSize(1);
    }

    @Test
    void aCompletionWithoutItsRequiredInputIsRefused() {
        this.dify.completionApp("writer", COMPLETION_KEY).requiresInputs("topic");
        DifyCompletionClient writer = completionClient("writer", COMPLETION_KEY);

        Throwable refused = catchThrowable(() -> writer.send(CompletionRequest.of(Map.of())).block(TIMEOUT));

        assertThat(refused).isInstanceOf(DifyBadRequestException.class);
        assertThat(((DifyBadRequestException) refused).getDifyMessage()).isEqualTo("topic is required in input form");
    }
}
