package io.github.difyspring.client.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.NodeStartedEvent;
import io.github.difyspring.client.event.UndecodableEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.event.WorkflowStartedEvent;
import io.github.difyspring.client.reliability.LogCapture;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream that started well and then failed with Dify's {@code error} event: the events before it
 * are delivered, then the stream fails. An event the client cannot read does not end the stream: it
 * arrives as an {@link UndecodableEvent}, is logged once at WARN, and the events after it follow.
 */
class StreamFailureTest extends DifyClientTestSupport {

    /** What a failed stream delivered: its events, then its error. */
    private record Outcome<T extends Throwable>(List<DifyEvent> events, T error) {
    }

    private static <T extends Throwable> Outcome<T> run(Flux<DifyEvent> stream, Class<T> errorType) {
        List<DifyEvent> events = new ArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        StepVerifier.create(stream).recordWith(() -> events).thenConsumeWhile((event) -> true)
            .expectErrorSatisfies(error::set)
            .verify(TIMEOUT);
        assertThat(error.get()).isInstanceOf(errorType);
        assertKeyNotLeaked(error.get());
        return new Outcome<>(events, errorType.cast(error.get()));
    }

    private static Outcome<DifyStreamException> chatStreamFailing(String body) {
        stubStream("/v1/chat-messages", body);
        return run(chatClient().stream(ChatRequest.of("Hi")), DifyStreamException.class);
    }

    private static List<String> answers(List<DifyEvent> events) {
        return events.stream().map((event) -> ((MessageEvent) event).answer()).toList();
    }

    @Test
    void chatErrorEventDeliversTheEventsBeforeItThenFails() {
        Outcome<DifyStreamException> outcome = chatStreamFailing(sse("""
                {"event": "message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "Hel"}
                {"event": "message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "lo"}
                {"event": "error", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "created_at": 1705407629, "status": 400, "code": "completion_request_error", "message": "[openai] Error: Request timed out."}
                {"event": "message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "never read"}
                """));

        assertThat(answers(outcome.events())).containsExactly("Hel", "lo");
        DifyStreamException error = outcome.error();
        assertThat(error.getCode()).isEqualTo("completion_request_error");
        assertThat(error.getStatus()).isEqualTo(400);
        assertThat(error.getDifyMessage()).isEqualTo("[openai] Error: Request timed out.");
        assertThat(error.getTaskId()).isEqualTo("t1");
        assertThat(error.getMessageId()).isEqualTo("m1");
        assertThat(error.getConversationId()).isEqualTo("c1");
        assertThat(error.getWorkflowRunId()).isNull();
        assertThat(error.getAppName()).isEqualTo("chat-app");
        assertThat(error.getMessage()).contains("chat-app", "POST /chat-messages", "completion_request_error", "400",
                "[openai] Error: Request timed out.");
    }

    @Test
    void workflowErrorEventCarriesTheRunId() {
        stubStream("/v1/workflows/run", sse("""
                {"event": "workflow_started", "task_id": "t1", "workflow_run_id": "r1", "data": {"id": "r1"}}
                {"event": "node_started", "task_id": "t1", "workflow_run_id": "r1", "data": {"id": "n1", "node_id": "llm"}}
                {"event": "error", "task_id": "t1", "workflow_run_id": "r1", "status": 500, "code": "internal_server_error", "message": "Node llm crashed"}
                """));

        Outcome<DifyStreamException> outcome = run(workflowClient().stream(WorkflowRunRequest.of(Map.of())), DifyStreamException.class);

        assertThat(outcome.events()).<Class<?>>extracting(Object::getClass)
            .containsExactly(WorkflowStartedEvent.class, NodeStartedEvent.class);
        assertThat(outcome.error().getWorkflowRunId()).isEqualTo("r1");
        assertThat(outcome.error().getTaskId()).isEqualTo("t1");
        assertThat(outcome.error().getStatus()).isEqualTo(500);
        assertThat(outcome.error().getCode()).isEqualTo("internal_server_error");
        assertThat(outcome.error().getMessage()).contains("POST /workflows/run", "Node llm crashed");
    }

    @Test
    void failedChatflowDeliversWorkflowFinishedBeforeTheError() {
        stubStream("/v1/chat-messages", sse("""
                {"event": "workflow_started", "task_id": "t1", "workflow_run_id": "r1", "conversation_id": "c1", "message_id": "m1", "data": {"id": "r1"}}
                {"event": "workflow_finished", "task_id": "t1", "workflow_run_id": "r1", "conversation_id": "c1", "message_id": "m1", "data": {"id": "r1", "status": "failed", "error": "Variable #sys.query# not found"}}
                {"event": "error", "task_id": "t1", "conversation_id": "c1", "message_id": "m1", "status": 400, "code": "invalid_param", "message": "Variable #sys.query# not found"}
                """));

        Outcome<DifyStreamException> outcome = run(chatClient(DifyAppType.CHATFLOW).stream(ChatRequest.of("Hi")),
                DifyStreamException.class);

        assertThat(outcome.events()).hasSize(2);
        assertThat(((WorkflowFinishedEvent) outcome.events().get(1)).data().status()).isEqualTo("failed");
        assertThat(outcome.error().getCode()).isEqualTo("invalid_param");
    }

    /**
     * Runs a chat stream that holds a bad event; it must complete with every event, the bad one as
     * an {@link UndecodableEvent}, and log it once at WARN.
     */
    private static List<DifyEvent> chatStreamWithABadEvent(String body, int warnings) {
        stubStream("/v1/chat-messages", body);
        try (LogCapture log = LogCapture.of("io.github.difyspring.client", Level.DEBUG)) {
            List<DifyEvent> events = chatClient().stream(ChatRequest.of("Hi")).collectList().block(TIMEOUT);
            assertThat(log.events()).filteredOn((event) -> event.getLevel() == Level.WARN).hasSize(warnings)
                .allSatisfy((event) -> assertThat(event.getFormattedMessage()).contains("chat-app", "the stream goes on"));
            return events;
        }
    }

    private static UndecodableEvent undecodable(DifyEvent event) {
        assertThat(event).isInstanceOf(UndecodableEvent.class);
        UndecodableEvent undecodable = (UndecodableEvent) event;
        assertKeyNotLeaked(undecodable.error());
        assertThat(undecodable.error().getAppName()).isEqualTo("chat-app");
        return undecodable;
    }

    @Test
    void truncatedJsonArrivesWithTheTypeItCouldReadAndTheStreamGoesOn() {
        List<DifyEvent> events = chatStreamWithABadEvent("""
                data: {"event": "message", "task_id": "t1", "answer": "Fine"}

                data: {"event": "message_end", "task_id": "t1", "metadata": {"usage": {"total_tok

                data: {"event": "message", "task_id": "t1", "answer": "still read"}

                """, 1);

        assertThat(events).hasSize(3);
        assertThat(((MessageEvent) events.get(0)).answer()).isEqualTo("Fine");
        UndecodableEvent bad = undecodable(events.get(1));
        assertThat(bad.type()).isEqualTo("message_end");
        assertThat(bad.taskId()).isEqualTo("t1");
        assertThat(bad.json()).isEqualTo("{\"event\": \"message_end\", \"task_id\": \"t1\", \"metadata\": {\"usage\": {\"total_tok");
        assertThat(bad.error().getEventType()).isEqualTo("message_end");
        assertThat(bad.error().getMessage()).contains("POST /chat-messages", "'message_end'", "\"total_tok");
        assertThat(bad.error().getCause()).isNotNull();
        assertThat(((MessageEvent) events.get(2)).answer()).isEqualTo("still read");
    }

    @Test
    void dataThatIsNotJsonArrivesWithoutAType() {
        List<DifyEvent> events = chatStreamWithABadEvent("""
                data: {"event": "message", "task_id": "t1", "answer": "Fine"}

                data: Internal Server Error

                data: {"event": "message", "task_id": "t1", "answer": "after"}

                """, 1);

        assertThat(events).hasSize(3);
        UndecodableEvent bad = undecodable(events.get(1));
        assertThat(bad.type()).isEmpty();
        assertThat(bad.json()).isEqualTo("Internal Server Error");
        assertThat(bad.error().getEventType()).isNull();
        assertThat(bad.error().getMessage()).contains("not valid JSON", "Internal Server Error");
        assertThat(((MessageEvent) events.get(2)).answer()).isEqualTo("after");
    }

    @Test
    void dataThatIsNotJsonIsNamedByItsSseEventFieldWhenItHasOne() {
        List<DifyEvent> events = chatStreamWithABadEvent("""
                event: message
                data: [1, 2, 3]

                """, 1);

        assertThat(events).singleElement().satisfies((event) -> {
            assertThat(undecodable(event).type()).isEqualTo("message");
            assertThat(undecodable(event).error().getEventType()).isEqualTo("message");
        });
    }

    @Test
    void fieldOfTheWrongShapeArrivesWithTheEventTypeTaskAndJson() {
        List<DifyEvent> events = chatStreamWithABadEvent(sse("""
                {"event": "message", "task_id": "t1", "answer": "Fine"}
                {"event": "message", "task_id": "t1", "answer": {"unexpected": "object"}}
                {"event": "message_end", "task_id": "t1", "metadata": {}}
                """), 1);

        assertThat(events).hasSize(3);
        UndecodableEvent bad = undecodable(events.get(1));
        assertThat(bad.type()).isEqualTo("message");
        assertThat(bad.taskId()).isEqualTo("t1");
        assertThat(bad.json()).isEqualTo("{\"event\": \"message\", \"task_id\": \"t1\", \"answer\": {\"unexpected\": \"object\"}}");
        assertThat(bad.error().getMessage()).contains("'message' event", "unexpected");
        assertThat(events.get(2)).isInstanceOf(MessageEndEvent.class);
    }

    @Test
    void manyBadEventsOfOneTypeWarnOnce() {
        List<DifyEvent> events = chatStreamWithABadEvent(sse("""
                {"event": "message", "task_id": "t1", "answer": ["a"]}
                {"event": "message", "task_id": "t1", "answer": ["b"]}
                {"event": "message_end", "task_id": "t1", "metadata": "not an object"}
                {"event": "message", "task_id": "t1", "answer": ["c"]}
                """), 2);

        assertThat(events).allSatisfy((event) -> assertThat(event).isInstanceOf(UndecodableEvent.class))
            .extracting(DifyEvent::type).containsExactly("message", "message", "message_end", "message");
    }

    @Test
    void malformedUnknownEventArrivesUndecodableRatherThanAsAnUnknownEvent() {
        List<DifyEvent> events = chatStreamWithABadEvent("""
                data: {"event": "message", "task_id": "t1", "answer": "Fine"}

                data: {"event": "brand_new_thing", "task_id": "t1", "x":

                """, 1);

        assertThat(events).hasSize(2);
        assertThat(undecodable(events.get(1)).type()).isEqualTo("brand_new_thing");
        assertThat(undecodable(events.get(1)).error().getMessage()).contains("brand_new_thing");
    }

    @Test
    void longBadEventIsShortenedInTheMessageButKeptWholeInTheEvent() {
        String longAnswer = "x".repeat(5_000);
        String data = "{\"event\": \"message\", \"task_id\": \"t1\", \"answer\": \"" + longAnswer;
        List<DifyEvent> events = chatStreamWithABadEvent("data: " + data + "\n\n", 1);

        UndecodableEvent bad = undecodable(events.get(0));
        assertThat(bad.type()).isEqualTo("message");
        assertThat(bad.json()).isEqualTo(data);
        assertThat(bad.error().getMessage()).hasSizeLessThan(1_000).contains("chars)");
    }

    @Test
    void anErrorEventThatCannotBeReadStillEndsTheStream() {
        Outcome<DifyStreamException> outcome = chatStreamFailing(sse("""
                {"event": "message", "task_id": "t1", "answer": "Fine"}
                {"event": "error", "task_id": "t1", "status": "four hundred", "code": ["x"]}
                """));

        assertThat(answers(outcome.events())).containsExactly("Fine");
        assertThat(outcome.error().getTaskId()).isEqualTo("t1");
        assertThat(outcome.error().getDifyMessage()).contains("error event it could not decode", "four hundred");
    }
}
