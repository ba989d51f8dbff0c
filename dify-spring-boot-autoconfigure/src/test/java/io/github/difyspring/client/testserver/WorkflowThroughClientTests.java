package io.github.difyspring.client.testserver;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.NodeFinishedEvent;
import io.github.difyspring.client.event.NodeStartedEvent;
import io.github.difyspring.client.event.TextChunkEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.event.WorkflowStartedEvent;
import io.github.difyspring.client.workflow.WorkflowRunDetail;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.client.workflow.WorkflowRunResponse;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workflow app of the test double, through {@link DifyWorkflowClient}: its nodes, text and
 * outputs, blocking and streamed, a run that fails, the run's detail, and what the double
 * recorded. Pauses for human input are in {@link HumanInputThroughClientTests}.
 */
class WorkflowThroughClientTests extends ThroughClientSupport {

    private static final String KEY = "app-workflow-test-key";

    private DifyWorkflowClient workflow() {
        return workflowClient("digest", KEY);
    }

    @Test
    void aStreamedRunPassesThroughTheScriptedNodesStreamsItsTextAndFinishesWithTheOutputs() {
        this.dify.workflowApp("digest", KEY).nodes("Fetch orders", "Summarise").answers("Three new orders today.")
            .outputs(Map.of("summary", "3 new orders", "count", 3));

        List<DifyEvent> events = collect(workflow().stream(WorkflowRunRequest.of(Map.of("day", "monday"))));

        assertThat(events.get(0)).isInstanceOf(WorkflowStartedEvent.class);
        assertThat(ofType(events, NodeStartedEvent.class)).extracting((event) -> event.data().title())
            .containsExactly("Start", "Fetch orders", "Summarise", "LLM", "End");
        assertThat(ofType(events, NodeFinishedEvent.class)).extracting((event) -> event.data().status()).containsOnly("succeeded");
        assertThat(ofType(events, TextChunkEvent.class)).hasSize(4);
        assertThat(assemble(events).text()).isEqualTo("Three new orders today.");
        WorkflowFinishedEvent finished = (WorkflowFinishedEvent) events.get(events.size() - 1);
        assertThat(finished.data().status()).isEqualTo("succeeded");
        assertThat(finished.data().outputs()).containsEntry("summary", "3 new orders").containsEntry("count", 3);
        assertThat(finished.data().error()).isNull();
        assertThat(assemble(events).run()).isEqualTo(finished.data());
        assertThat(events).extracting(DifyEvent::taskId).containsOnly(events.get(0).taskId());
    }

    @Test
    void aBlockingRunAnswersWithTheOutputsAndItsDetailCanBeReadBack() {
        this.dify.workflowApp("digest", KEY).nodes("Fetch orders").outputs(Map.of("summary", "3 new orders"));
        DifyWorkflowClient workflow = workflow();

        WorkflowRunResponse response = workflow.run(WorkflowRunRequest.of(Map.of("day", "monday"))).block(TIMEOUT);

        assertThat(response.isPaused()).isFalse();
        assertThat(response.data().status()).isEqualTo("succeeded");
        assertThat(response.data().outputs()).containsExactlyEntriesOf(Map.of("summary", "3 new orders"));
        assertThat(response.data().totalSteps()).isPositive();
        WorkflowRunDetail detail = workflow.workflowRuns().runDetail(response.workflowRunId()).block(TIMEOUT);
        assertThat(detail.id()).isEqualTo(response.workflowRunId());
        assertThat(detail.status()).isEqualTo("succeeded");
        assertThat(detail.inputs()).as("Dify sends the inputs as JSON text; the client reads them as a map")
            .containsExactlyEntriesOf(Map.of("day", "monday"));
        assertThat(detail.outputs()).containsExactlyEntriesOf(Map.of("summary", "3 new orders"));
    }

    @Test
    void outputsMadeFromTheInputsSeeWhatTheClientSentAndTheDoubleRecordsIt() {
        this.dify.workflowApp("digest", KEY).outputs((request) -> Map.of("greeting", "Hello " + request.inputs().get("name")));

        WorkflowRunResponse response = workflow().forUser("bob")
            .run(WorkflowRunRequest.builder().input("name", "Ada").input("count", 2).build())
            .block(TIMEOUT);

        assertThat(response.data().outputs()).containsEntry("greeting", "Hello Ada");
        RecordedRequest run = this.dify.requests().app("digest").workflowRuns().fromUser("bob").withInput("count", 2).single();
        assertThat(run.inputs()).containsEntry("name", "Ada");
        assertThat(run.isStreaming()).isFalse();
        assertThat(run.path()).isEqualTo("/workflows/run");
    }

    @Test
    void aFailingRunReportsTheNodesErrorStreamedAndBlocking() {
        this.dify.workflowApp("digest", KEY).nodes("Fetch orders").failsWith("[openai] Error: quota exceeded");
        DifyWorkflowClient workflow = workflow();

        List<DifyEvent> events = collect(workflow.stream(WorkflowRunRequest.of(Map.of())));
        WorkflowRunResponse blocking = workflow.run(WorkflowRunRequest.of(Map.of())).block(TIMEOUT);

        NodeFinishedEvent llm = ofType(events, NodeFinishedEvent.class).stream().filter((event) -> "LLM".equals(event.data().title()))
            .findFirst().orElseThrow();
        assertThat(llm.data().status()).isEqualTo("failed");
        assertThat(llm.data().error()).isEqualTo("[openai] Error: quota exceeded");
        WorkflowFinishedEvent finished = (WorkflowFinishedEvent) events.get(events.size() - 1);
        assertThat(finished.data().status()).isEqualTo("failed");
        assertThat(finished.data().error()).isEqualTo("[openai] Error: quota exceeded");
        assertThat(ofType(events, TextChunkEvent.class)).isEmpty();
        assertThat(blocking.data().status()).isEqualTo("failed");
        assertThat(blocking.data().error()).isEqualTo("[openai] Error: quota exceeded");
        assertThat(workflow.workflowRuns().runDetail(blocking.workflowRunId()).block(TIMEOUT).status()).isEqualTo("failed");
    }
}
