package io.github.difyspring.client.workflow;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.WorkflowRunData;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.error.DifyForbiddenException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.event.HumanInputFormFilledEvent;
import io.github.difyspring.client.event.HumanInputRequiredEvent;
import io.github.difyspring.client.event.NodeStartedEvent;
import io.github.difyspring.client.event.ReasoningChunkEvent;
import io.github.difyspring.client.event.TextChunkEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.event.WorkflowPausedEvent;
import io.github.difyspring.client.event.WorkflowStartedEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The run operations of {@link DifyWorkflowClient} beyond a plain run: running a pinned version,
 * a run's detail and resuming a run's event stream.
 */
class WorkflowRunOperationsTests extends DifyClientTestSupport {

    private static final String WORKFLOW_ID = "7c3e33d4-2a8b-4e5f-9b1a-d3c6e8f12345";

    private static final String RUN_ID = "fb47b2e6-5e43-4f90-be01-d5c5a088d156";

    // ---- a pinned version

    @Test
    void pinnedRunPostsToTheVersionsPathAndMapsTheSpecExample() {
        stubJson("/v1/workflows/" + WORKFLOW_ID + "/run", 200,
                responseExample("POST", "/workflows/{workflow_id}/run", 200, "blockingResponse"));

        WorkflowRunResponse response = workflowClient().run(WorkflowRunRequest.builder().workflowId(WORKFLOW_ID)
            .input("query", "Summarize this article").user("user_workflow_123").traceId("pinned-1").build()).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/workflows/" + WORKFLOW_ID + "/run")
            .withHeader("X-Trace-Id", equalTo("pinned-1"))
            .withRequestBody(equalToJson("""
                    {"inputs": {"query": "Summarize this article"}, "response_mode": "blocking", "user": "user_workflow_123"}
                    """))
            .withRequestBody(matchesRequestSchema("POST", "/workflows/{workflow_id}/run")));
        assertThat(response).isNotNull();
        assertThat(response.workflowRunId()).isEqualTo(RUN_ID);
        WorkflowRunData data = response.data();
        assertThat(data).isNotNull();
        assertThat(data.workflowId()).isEqualTo(WORKFLOW_ID);
        assertThat(data.status()).isEqualTo("succeeded");
        assertThat(data.outputs()).containsExactly(Map.entry("result", "Article summary here"));
        assertThat(data.totalTokens()).isEqualTo(280L);
        assertThat(data.totalSteps()).isEqualTo(4);
    }

    @Test
    void pinnedStreamPostsStreamingModeAndDecodesTheSpecExample() {
        stubStream("/v1/workflows/" + WORKFLOW_ID + "/run", exampleStream("service_runWorkflowById_streamingResponse.sse.txt"));

        List<DifyEvent> events = collect(workflowClient().stream(WorkflowRunRequest.builder()
            .inputs(Map.of("query", "Translate this")).workflowId(WORKFLOW_ID).build()));

        wireMock.verify(1, difyPost("/v1/workflows/" + WORKFLOW_ID + "/run")
            .withHeader("Accept", equalTo("text/event-stream"))
            .withRequestBody(equalToJson("""
                    {"inputs": {"query": "Translate this"}, "response_mode": "streaming", "user": "default-user"}
                    """))
            .withRequestBody(matchesRequestSchema("POST", "/workflows/{workflow_id}/run")));
        assertThat(events).extracting(DifyEvent::type)
            .containsExactly("workflow_started", "node_started", "reasoning_chunk", "reasoning_chunk", "text_chunk", "workflow_finished");
        assertThat(events.get(0)).isInstanceOf(WorkflowStartedEvent.class);
        assertThat(events.get(5)).asInstanceOf(type(WorkflowFinishedEvent.class))
            .satisfies((finished) -> assertThat(finished.data().outputs()).containsEntry("result", "Bonjour le monde"));
    }

    @Test
    void pinnedStreamThatPausesForAHumanEndsWithThePause() {
        stubStream("/v1/workflows/" + WORKFLOW_ID + "/run", exampleStream("service_runWorkflowById_humanInputPause.sse.txt"));

        List<DifyEvent> events = collect(workflowClient().stream(WorkflowRunRequest.builder()
            .inputs(Map.of("draft", "Hello")).workflowId(WORKFLOW_ID).build()));

        assertThat(events).last().isInstanceOf(WorkflowPausedEvent.class);
        assertThat(events).filteredOn(HumanInputRequiredEvent.class::isInstance).singleElement()
            .asInstanceOf(type(HumanInputRequiredEvent.class))
            .satisfies((required) -> assertThat(required.data().formToken()).isEqualTo("tok_abc123"));
    }

    @Test
    void pinnedRunOnTheSandboxPlanFailsWithForbidden() {
        stubJson("/v1/workflows/" + WORKFLOW_ID + "/run", 403,
                responseExample("POST", "/workflows/{workflow_id}/run", 403, "workflow_version_execution_not_allowed"));

        DifyForbiddenException ex = failure(workflowClient().run(WorkflowRunRequest.builder().inputs(Map.of())
            .workflowId(WORKFLOW_ID).build()),
                DifyForbiddenException.class);

        assertThat(ex.getCode()).isEqualTo("workflow_version_execution_not_allowed");
    }

    @Test
    void pinnedStreamOfADraftFailsWithBadRequest() {
        stubJson("/v1/workflows/" + WORKFLOW_ID + "/run", 400,
                responseExample("POST", "/workflows/{workflow_id}/run", 400, "bad_request"));

        DifyBadRequestException ex = failure(workflowClient().stream(WorkflowRunRequest.builder().inputs(Map.of())
            .workflowId(WORKFLOW_ID).build()),
                DifyBadRequestException.class);

        assertThat(ex.getDifyMessage()).startsWith("Cannot use draft workflow version");
    }

    // ---- run detail

    @Test
    void runDetailGetsTheRunAndParsesInputsSentAsJsonText() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/run/" + RUN_ID))
            .willReturn(json(200, responseExample("GET", "/workflows/run/{workflow_run_id}", 200, "workflowRunDetail"))));

        WorkflowRunDetail detail = workflowClient().workflowRuns().runDetail(RUN_ID).block(TIMEOUT);

        wireMock.verify(1, difyGet(urlPathEqualTo("/v1/workflows/run/" + RUN_ID)));
        assertThat(onlyRequest().getQueryParams()).isEmpty();
        assertThat(detail).isEqualTo(new WorkflowRunDetail(RUN_ID, WORKFLOW_ID, "succeeded",
                Map.of("query", "Translate this to French"), Map.of("result", "Traduisez ceci en francais"), null, 3, 150L,
                1705407629L, 1705407630L, 1.23));
    }

    @Test
    void runDetailTakesInputsSentAsAnObjectAndNullsAsEmpty() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/run/r-1")).willReturn(json(200, """
                {"id": "r-1", "workflow_id": "w-1", "status": "running", "inputs": {"query": "hi", "n": 2, "none": null},
                 "outputs": null, "error": null, "total_steps": "1", "total_tokens": "10", "created_at": 1705407629,
                 "finished_at": null, "elapsed_time": null, "new_field": [1, 2]}
                """)));
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/run/r-2")).willReturn(json(200, """
                {"id": "r-2", "status": "running", "inputs": null}
                """)));

        WorkflowRunDetail detail = workflowClient().workflowRuns().runDetail("r-1").block(TIMEOUT);
        WorkflowRunDetail bare = workflowClient().workflowRuns().runDetail("r-2").block(TIMEOUT);

        assertThat(detail).isNotNull();
        assertThat(detail.inputs()).containsEntry("query", "hi").containsEntry("n", 2).containsEntry("none", null);
        assertThat(detail.outputs()).isEmpty();
        assertThat(detail.totalSteps()).isEqualTo(1);
        assertThat(detail.totalTokens()).isEqualTo(10L);
        assertThat(detail.finishedAt()).isNull();
        assertThat(bare).isNotNull();
        assertThat(bare.inputs()).isEmpty();
        assertThat(bare.outputs()).isEmpty();
    }

    @Test
    void runDetailWithInputsThatAreNotJsonFailsLoudly() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/run/r-1"))
            .willReturn(json(200, "{\"id\": \"r-1\", \"inputs\": \"[1, 2]\"}")));

        failure(workflowClient().workflowRuns().runDetail("r-1"), DifyDecodingException.class);
    }

    @Test
    void runDetailOfAnUnknownRunFailsWithNotFound() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/run/gone"))
            .willReturn(json(404, responseExample("GET", "/workflows/run/{workflow_run_id}", 404, "workflow_run_not_found"))));

        DifyNotFoundException ex = failure(workflowClient().workflowRuns().runDetail("gone"), DifyNotFoundException.class);

        assertThat(ex.getDifyMessage()).isEqualTo("Workflow run not found.");
    }

    // ---- resuming a stream

    @Test
    void resumeStreamGetsTheEventsWithTheUserAndDecodesTheSpecExample() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflow/" + RUN_ID + "/events"))
            .willReturn(eventStream(exampleStream("service_streamWorkflowEvents_resumedRun.sse.txt"))));

        List<DifyEvent> events = collect(workflowClient().forUser("abc-123").workflowRuns()
            .resumeStream(RUN_ID, ResumeOptions.defaults()));

        wireMock.verify(1, difyGet(urlPathEqualTo("/v1/workflow/" + RUN_ID + "/events"))
            .withHeader("Accept", equalTo("text/event-stream")));
        assertThat(query(onlyRequest())).isEqualTo(Map.of("user", "abc-123"));
        assertThat(events).extracting(DifyEvent::type).containsExactly("human_input_form_filled", "node_started",
                "reasoning_chunk", "reasoning_chunk", "text_chunk", "workflow_finished");
        assertThat(events.get(0)).asInstanceOf(type(HumanInputFormFilledEvent.class)).satisfies((filled) -> {
            assertThat(filled.workflowRunId()).isEqualTo(RUN_ID);
            assertThat(filled.data().actionId()).isEqualTo("approve");
            assertThat(filled.data().submittedData()).containsEntry("comment", "Looks good.");
        });
        assertThat(events.get(1)).asInstanceOf(type(NodeStartedEvent.class))
            .satisfies((started) -> assertThat(started.data().nodeId()).isEqualTo("node_1"));
        assertThat(events.get(2)).asInstanceOf(type(ReasoningChunkEvent.class))
            .satisfies((chunk) -> assertThat(chunk.data().reasoning()).isEqualTo("Approved, now translating."));
        assertThat(events.get(4)).asInstanceOf(type(TextChunkEvent.class))
            .satisfies((chunk) -> assertThat(chunk.data().text()).isEqualTo("Bonjour"));
        assertThat(events.get(5)).asInstanceOf(type(WorkflowFinishedEvent.class)).satisfies((finished) -> {
            assertThat(finished.data().status()).isEqualTo("succeeded");
            assertThat(finished.data().outputs()).containsEntry("result", "Bonjour");
            assertThat(finished.data().totalTokens()).isEqualTo(42L);
        });
    }

    @Test
    void resumeRawStreamPassesEachEventOnAsDifySentIt() {
        String stream = exampleStream("service_streamWorkflowEvents_resumedRun.sse.txt");
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflow/" + RUN_ID + "/events")).willReturn(eventStream(stream)));

        List<DifyRawEvent> events = workflowClient().forUser("abc-123").workflowRuns()
            .resumeRawStream(RUN_ID, ResumeOptions.defaults().withContinueOnPause())
            .collectList()
            .block(TIMEOUT);

        assertThat(query(onlyRequest())).isEqualTo(Map.of("user", "abc-123", "continue_on_pause", "true"));
        assertThat(events).extracting(DifyRawEvent::type).containsExactly("human_input_form_filled", "node_started",
                "reasoning_chunk", "reasoning_chunk", "text_chunk", "workflow_finished");
        assertThat(events).allSatisfy((event) -> assertThat(stream).contains("data: " + event.json()));
    }

    @Test
    void resumeStreamSendsTheOptionsAndTheDefaultUser() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflow/r-1/events"))
            .willReturn(eventStream(exampleStream("service_streamWorkflowEvents_resumedRun.sse.txt"))));

        collect(workflowClient().workflowRuns().resumeStream("r-1", ResumeOptions.defaults().withStateSnapshot()
            .withContinueOnPause()));

        assertThat(query(onlyRequest()))
            .isEqualTo(Map.of("user", DEFAULT_USER, "include_state_snapshot", "true", "continue_on_pause", "true"));
    }

    @Test
    void resumeStreamSendsOnlyTheOptionsThatAreSet() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflow/r-1/events"))
            .willReturn(eventStream(exampleStream("service_streamWorkflowEvents_resumedRun.sse.txt"))));

        collect(workflowClient().forUser("abc-123").workflowRuns().resumeStream("r-1", ResumeOptions.defaults()
            .withContinueOnPause()));

        assertThat(query(onlyRequest())).isEqualTo(Map.of("user", "abc-123", "continue_on_pause", "true"));
    }

    @Test
    void resumeStreamOfAnUnknownRunFailsWithNotFound() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflow/gone/events"))
            .willReturn(json(404, responseExample("GET", "/workflow/{workflow_run_id}/events", 404, "not_found"))));

        DifyNotFoundException ex = failure(workflowClient().workflowRuns()
            .resumeStream("gone", ResumeOptions.defaults()), DifyNotFoundException.class);

        assertThat(ex.getDifyMessage()).isEqualTo("Workflow run not found");
    }

    @Test
    void resumeStreamEndingInAnErrorEventFailsAfterTheEventsBeforeIt() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflow/r-1/events")).willReturn(eventStream(sse("""
                {"event": "node_started", "task_id": "t", "workflow_run_id": "r-1", "data": {"id": "n", "node_id": "llm"}}
                {"event": "error", "workflow_run_id": "r-1", "code": "completion_request_error", "status": 400, "message": "boom"}
                """))));

        DifyStreamException ex = failure(workflowClient().workflowRuns()
            .resumeStream("r-1", ResumeOptions.defaults()), DifyStreamException.class);

        assertThat(ex.getDifyMessage()).isEqualTo("boom");
        assertThat(ex.getWorkflowRunId()).isEqualTo("r-1");
    }

    @Test
    void resumeStreamWithoutAnyUserSendsNothing() {
        DifyWorkflowClient client = new DifyWorkflowClient(app(DifyAppType.WORKFLOW, null), WebClient.builder());

        assertThatIllegalArgumentException().isThrownBy(() -> client.workflowRuns()
            .resumeStream("r-1", ResumeOptions.defaults()).blockFirst(TIMEOUT));
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }
}
