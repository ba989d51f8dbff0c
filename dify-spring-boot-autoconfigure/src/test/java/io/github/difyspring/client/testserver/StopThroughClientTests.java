package io.github.difyspring.client.testserver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the test double's paced streams through the clients: cancelling a stream makes the
 * client ask Dify to stop the task, as the stream's end user, at the app type's stop path; and a
 * stop sent while the stream is read ends it early, as Dify ends a stopped task.
 */
class StopThroughClientTests extends ThroughClientSupport {

    private static final String KEY = "app-stop-test-key";

    private static final String LONG_ANSWER = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            + "sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six "
            + "twenty-seven twenty-eight twenty-nine thirty";

    private static final Duration PACE = Duration.ofMillis(100);

    @Test
    void cancellingAChatStreamAfterItsFirstEventStopsTheTaskAsTheStreamsUser() {
        this.dify.chatApp("support", KEY).answers(LONG_ANSWER).pace(PACE);
        DifyChatClient bob = chatClient("support", DifyAppType.CHAT, KEY).forUser("bob");

        DifyEvent first = bob.stream(ChatRequest.of("Count to thirty")).blockFirst(TIMEOUT);

        RecordedRequest stop = this.dify.awaitRequests(1, (request) -> request.path().endsWith("/stop"), TIMEOUT).single();
        assertThat(stop.path()).isEqualTo("/chat-messages/" + first.taskId() + "/stop");
        assertThat(stop.user()).isEqualTo("bob");
        assertThat(this.dify.requests().chatMessages().single().awaitAnswered(TIMEOUT)).as("the stream ended on the double's side").isTrue();
    }

    @Test
    void cancellingAWorkflowStreamStopsItsTaskAtTheWorkflowStopPath() {
        this.dify.workflowApp("digest", KEY).answers(LONG_ANSWER).pace(PACE);
        DifyWorkflowClient workflow = workflowClient("digest", KEY);

        List<DifyEvent> firstTwo = workflow.stream(WorkflowRunRequest.of(Map.of())).take(2).collectList().block(TIMEOUT);

        RecordedRequest stop = this.dify.awaitRequests(1, (request) -> request.path().endsWith("/stop"), TIMEOUT).single();
        assertThat(stop.path()).isEqualTo("/workflows/tasks/" + firstTwo.get(0).taskId() + "/stop");
        assertThat(stop.user()).isEqualTo(USER);
    }

    @Test
    void cancellingACompletionStreamStopsItsTaskAtTheCompletionStopPath() {
        this.dify.completionApp("writer", KEY).answers(LONG_ANSWER).pace(PACE);
        DifyCompletionClient writer = completionClient("writer", KEY);

        DifyEvent first = writer.stream(CompletionRequest.of(Map.of())).blockFirst(TIMEOUT);

        RecordedRequest stop = this.dify.awaitRequests(1, (request) -> request.path().endsWith("/stop"), TIMEOUT).single();
        assertThat(stop.path()).isEqualTo("/completion-messages/" + first.taskId() + "/stop");
        assertThat(this.dify.requests().stops()).containsExactly(stop);
    }

    @Test
    void aStopSentWhileAChatStreamIsReadEndsTheAnswerEarlyWithMessageEnd() {
        this.dify.chatApp("support", KEY).answers(LONG_ANSWER).pace(PACE);
        DifyChatClient chat = chatClient("support", DifyAppType.CHAT, KEY);
        AtomicBoolean stopped = new AtomicBoolean();

        List<DifyEvent> events = collect(chat.stream(ChatRequest.of("Count to thirty")).doOnNext((event) -> {
            if (stopped.compareAndSet(false, true)) {
                chat.stop(event.taskId()).subscribe();
            }
        }));

        StreamedAnswer answer = assemble(events);
        assertThat(answer.messageEnded()).isTrue();
        assertThat(events.get(events.size() - 1)).isInstanceOf(MessageEndEvent.class);
        assertThat(LONG_ANSWER).startsWith(answer.text());
        assertThat(answer.text()).as("the answer was cut short").isNotEqualTo(LONG_ANSWER);
        assertThat(this.dify.requests().stops()).hasSize(1);
    }

    @Test
    void aStopSentWhileAWorkflowStreamIsReadFinishesTheRunStopped() {
        this.dify.workflowApp("digest", KEY).answers(LONG_ANSWER).pace(PACE);
        DifyWorkflowClient workflow = workflowClient("digest", KEY);
        AtomicBoolean stopped = new AtomicBoolean();

        List<DifyEvent> events = collect(workflow.stream(WorkflowRunRequest.of(Map.of())).doOnNext((event) -> {
            if (stopped.compareAndSet(false, true)) {
                workflow.stop(event.taskId()).subscribe();
            }
        }));

        WorkflowFinishedEvent finished = (WorkflowFinishedEvent) events.get(events.size() - 1);
        assertThat(finished.data().status()).isEqualTo("stopped");
        assertThat(assemble(events).text()).isNotEqualTo(LONG_ANSWER);
    }
}
