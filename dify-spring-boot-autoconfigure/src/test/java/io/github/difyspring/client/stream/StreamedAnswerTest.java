package io.github.difyspring.client.stream;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.ParallelBranchFinishedEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.event.TextReplaceEvent;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assembly rules that no conformance transcript exercises, with shapes from Dify's server code:
 * <ul>
 * <li>{@code text_replace}: {@code TextReplaceStreamResponse} in {@code api/core/app/entities/task_entities.py}
 * (langgenius/dify 15c1b63, Dify 1.13.x): {@code event}, {@code task_id}, {@code data.text}. No current
 * pipeline sends it, but the model is there; the workflow converter adds {@code workflow_run_id}.</li>
 * <li>a New Agent's closing answer named {@code message_file} when the message has assistant files:
 * {@code MessageCycleManager.get_message_event_type} in
 * {@code api/core/app/task_pipeline/message_cycle_manager.py} (01119850), with the fields of the
 * closing {@code message} ({@code id}, {@code answer}).</li>
 * <li>parallel branch events of servers before 1.9: {@code ParallelBranchFinishedStreamResponse} in the
 * same {@code task_entities.py} before it dropped them.</li>
 * </ul>
 */
class StreamedAnswerTest extends DifyClientTestSupport {

    private static StreamedAnswer assemble(List<DifyEvent> events) {
        StreamedAnswer answer = new StreamedAnswer();
        events.forEach(answer::add);
        return answer;
    }

    @Test
    void textReplaceReplacesTheWorkflowTextStreamedBeforeIt() {
        stubStream("/v1/workflows/run", sse("""
                {"event":"workflow_started","task_id":"t1","workflow_run_id":"r1","data":{"id":"r1"}}
                {"event":"text_chunk","task_id":"t1","workflow_run_id":"r1","data":{"text":"Unsafe ","from_variable_selector":["llm","text"]}}
                {"event":"text_chunk","task_id":"t1","workflow_run_id":"r1","data":{"text":"words","from_variable_selector":["llm","text"]}}
                {"event":"text_replace","task_id":"t1","workflow_run_id":"r1","data":{"text":"[moderated]"}}
                {"event":"text_chunk","task_id":"t1","workflow_run_id":"r1","data":{"text":".","from_variable_selector":["llm","text"]}}
                {"event":"workflow_finished","task_id":"t1","workflow_run_id":"r1","data":{"id":"r1","status":"succeeded","outputs":{"text":"[moderated]."}}}
                """));

        List<DifyEvent> events = workflowClient().stream(WorkflowRunRequest.of(Map.of())).collectList().block(TIMEOUT);

        assertThat(events.get(3)).isInstanceOfSatisfying(TextReplaceEvent.class, (replace) -> {
            assertThat(replace.taskId()).isEqualTo("t1");
            assertThat(replace.workflowRunId()).isEqualTo("r1");
            assertThat(replace.data().text()).isEqualTo("[moderated]");
        });
        StreamedAnswer answer = assemble(events);
        assertThat(answer.text()).isEqualTo("[moderated].");
        assertThat(answer.run().outputs()).containsEntry("text", "[moderated].");
        assertThat(answer.workflowRunId()).isEqualTo("r1");
    }

    @Test
    void aNewAgentsClosingAnswerSentAsMessageFileReplacesTheWorkingText() {
        stubStream("/v1/chat-messages", sse("""
                {"event":"agent_message","task_id":"t1","message_id":"m1","conversation_id":"c1","answer":"Drawing it now. "}
                {"event":"message_file","task_id":"t1","message_id":"m1","conversation_id":"c1","id":"m1","answer":"Here is your cat."}
                {"event":"message_end","task_id":"t1","message_id":"m1","conversation_id":"c1","id":"m1","metadata":{"usage":{"total_tokens":9}}}
                """));

        StreamedAnswer answer = chatClient(DifyAppType.AGENT).stream(io.github.difyspring.client.chat.ChatRequest.of("Draw a cat"))
            .collect(StreamedAnswer::new, StreamedAnswer::add).block(TIMEOUT);

        assertThat(answer.text()).isEqualTo("Here is your cat.");
        assertThat(answer.messageEnded()).isTrue();
        assertThat(answer.metadata().usage().totalTokens()).isEqualTo(9);
        assertThat(answer.conversationId()).isEqualTo("c1");
    }

    @Test
    void aFileWithoutAnAnswerLeavesTheAnswerAsItIs() {
        stubStream("/v1/chat-messages", sse("""
                {"event":"agent_message","task_id":"t1","message_id":"m1","answer":"Here is "}
                {"event":"message_file","task_id":"t1","message_id":"m1","id":"f1","type":"image","belongs_to":"assistant","url":"https://x/cat.png"}
                {"event":"agent_message","task_id":"t1","message_id":"m1","answer":"your cat."}
                """));

        StreamedAnswer answer = chatClient(DifyAppType.AGENT).stream(io.github.difyspring.client.chat.ChatRequest.of("Draw a cat"))
            .collect(StreamedAnswer::new, StreamedAnswer::add).block(TIMEOUT);

        assertThat(answer.text()).isEqualTo("Here is your cat.");
        assertThat(answer.messageEnded()).isFalse();
    }

    /** Parallel branch events as Dify sent them before 1.9 ({@code task_entities.py}, {@code ParallelBranchFinishedStreamResponse}). */
    @Test
    void parallelBranchEventsKeepTheirBranchId() {
        stubStream("/v1/workflows/run", sse("""
                {"event":"parallel_branch_finished","task_id":"t1","workflow_run_id":"r1","data":{"parallel_id":"p1","parallel_branch_id":"n3","parent_parallel_id":null,"parent_parallel_start_node_id":null,"iteration_id":null,"loop_id":null,"status":"succeeded","error":null,"created_at":1718000000}}
                """));

        List<DifyEvent> events = workflowClient().stream(WorkflowRunRequest.of(Map.of())).collectList().block(TIMEOUT);

        assertThat(events).singleElement().isInstanceOfSatisfying(ParallelBranchFinishedEvent.class, (finished) -> {
            assertThat(finished.data().parallelId()).isEqualTo("p1");
            assertThat(finished.data().parallelBranchId()).isEqualTo("n3");
            assertThat(finished.data().status()).isEqualTo("succeeded");
        });
    }
}
