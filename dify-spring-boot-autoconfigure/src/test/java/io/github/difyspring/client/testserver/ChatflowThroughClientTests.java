package io.github.difyspring.client.testserver;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.NodeFinishedEvent;
import io.github.difyspring.client.event.NodeStartedEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.event.WorkflowStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A chatflow app of the test double, through {@link DifyChatClient}: the workflow events around the
 * message, its answer streamed and blocking, its run's detail, and a run that fails.
 */
class ChatflowThroughClientTests extends ThroughClientSupport {

    private static final String KEY = "app-chatflow-test-key";

    private DifyChatClient chatflow() {
        return chatClient("assistant", DifyAppType.CHATFLOW, KEY);
    }

    @Test
    void aStreamedChatflowSendsItsWorkflowAndNodeEventsAroundTheMessage() {
        this.dify.chatflowApp("assistant", KEY).nodes("Knowledge Retrieval").answers("Returns are free within 30 days.");

        List<DifyEvent> events = collect(chatflow().stream(ChatRequest.of("How do returns work?")));

        assertThat(events.get(0)).isInstanceOf(WorkflowStartedEvent.class);
        assertThat(ofType(events, NodeStartedEvent.class)).extracting((event) -> event.data().title())
            .containsExactly("Start", "Knowledge Retrieval", "LLM", "Answer");
        assertThat(ofType(events, NodeFinishedEvent.class)).extracting((event) -> event.data().status()).containsOnly("succeeded");
        assertThat(ofType(events, MessageEndEvent.class)).hasSize(1);
        WorkflowFinishedEvent finished = (WorkflowFinishedEvent) events.get(events.size() - 1);
        assertThat(finished.data().status()).isEqualTo("succeeded");
        assertThat(finished.data().outputs()).containsEntry("answer", "Returns are free within 30 days.");
        StreamedAnswer answer = assemble(events);
        assertThat(answer.text()).isEqualTo("Returns are free within 30 days.");
        assertThat(answer.messageEnded()).isTrue();
        assertThat(answer.workflowRunId()).isEqualTo(finished.workflowRunId()).isNotBlank();
        MessageEvent first = ofType(events, MessageEvent.class).get(0);
        assertThat(first.conversationId()).isEqualTo(answer.conversationId()).isNotBlank();
    }

    @Test
    void aBlockingChatflowAnswersWithTheWholeMessageAndItsRunCanBeReadBack() {
        this.dify.chatflowApp("assistant", KEY).answers("Returns are free within 30 days.");
        DifyChatClient chatflow = chatflow();

        ChatResponse answer = chatflow.send(ChatRequest.of("How do returns work?")).block(TIMEOUT);
        String runId = assemble(collect(chatflow.stream(ChatRequest.of("And refunds?")))).workflowRunId();

        assertThat(answer.answer()).isEqualTo("Returns are free within 30 days.");
        assertThat(answer.mode()).isEqualTo("advanced-chat");
        assertThat(answer.isPaused()).isFalse();
        assertThat(chatflow.workflowRuns().runDetail(runId).block(TIMEOUT).status()).isEqualTo("succeeded");
    }

    @Test
    void aFailingChatflowFinishesFailedWhenStreamedAndIsRefusedWhenBlocking() {
        this.dify.chatflowApp("assistant", KEY).failsWith("[openai] Error: quota exceeded");
        DifyChatClient chatflow = chatflow();

        List<DifyEvent> events = collect(chatflow.stream(ChatRequest.of("Hi")));
        Throwable blocking = catchThrowable(() -> chatflow.send(ChatRequest.of("Hi")).block(TIMEOUT));

        WorkflowFinishedEvent finished = (WorkflowFinishedEvent) events.get(events.size() - 1);
        assertThat(finished.data().status()).isEqualTo("failed");
        assertThat(finished.data().error()).isEqualTo("[openai] Error: quota exceeded");
        assertThat(ofType(events, MessageEndEvent.class)).isEmpty();
        assertThat(blocking).isInstanceOf(DifyBadRequestException.class);
        assertThat(((DifyBadRequestException) blocking).getCode()).isEqualTo("invalid_param");
        assertThat(((DifyBadRequestException) blocking).getDifyMessage()).contains("[openai] Error: quota exceeded");
    }
}
