package io.github.difyspring.client.workflow;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.core.WorkflowRunData;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.TextChunkEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.event.WorkflowStartedEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The requests {@link DifyWorkflowClient} sends for its three operations and how it maps the
 * answers.
 */
class DifyWorkflowClientTest extends DifyClientTestSupport {

    /** A run with a text input, a file-list input variable and a {@code sys.files} file. */
    private static WorkflowRunRequest fullRequest() {
        return WorkflowRunRequest.builder()
            .input("query", "Translate this to French: Hello world")
            .input("my_documents", List.of(
                    DifyFile.uploaded(DifyFileType.DOCUMENT, "a1b2c3d4-5678-90ab-cdef-1234567890ab").toWire(),
                    DifyFile.remoteUrl(DifyFileType.IMAGE, "https://example.com/image.jpg").toWire()))
            .user("user_workflow_456")
            .file(DifyFile.remoteUrl(DifyFileType.IMAGE, "https://cloud.dify.ai/logo/logo-site.png"))
            .traceId("run-42")
            .build();
    }

    private static String fullRequestJson(String responseMode) {
        return """
                {
                  "inputs": {
                    "query": "Translate this to French: Hello world",
                    "my_documents": [
                      {"type": "document", "transfer_method": "local_file", "upload_file_id": "a1b2c3d4-5678-90ab-cdef-1234567890ab"},
                      {"type": "image", "transfer_method": "remote_url", "url": "https://example.com/image.jpg"}
                    ]
                  },
                  "response_mode": "%s",
                  "user": "user_workflow_456",
                  "files": [{"type": "image", "transfer_method": "remote_url", "url": "https://cloud.dify.ai/logo/logo-site.png"}]
                }
                """.formatted(responseMode);
    }

    @Test
    void blockingRunPostsEveryFieldOfTheRequest() {
        stubJson("/v1/workflows/run", 200, responseExample("POST", "/workflows/run", 200, "blockingResponse"));

        workflowClient().run(fullRequest()).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/workflows/run")
            .withHeader("X-Trace-Id", equalTo("run-42"))
            .withRequestBody(equalToJson(fullRequestJson("blocking")))
            .withRequestBody(matchesRequestSchema("POST", "/workflows/run")));
    }

    @Test
    void blockingRunMapsTheResult() {
        stubJson("/v1/workflows/run", 200, responseExample("POST", "/workflows/run", 200, "blockingResponse"));

        WorkflowRunResponse response = workflowClient().run(WorkflowRunRequest.of(Map.of("query", "Hello"))).block(TIMEOUT);

        assertThat(response).isNotNull();
        assertThat(response.taskId()).isEqualTo("c3800678-a077-43df-a102-53f23ed20b88");
        assertThat(response.workflowRunId()).isEqualTo("fb47b2e6-5e43-4f90-be01-d5c5a088d156");
        WorkflowRunData data = response.data();
        assertThat(data).isNotNull();
        assertThat(data.id()).isEqualTo("fb47b2e6-5e43-4f90-be01-d5c5a088d156");
        assertThat(data.workflowId()).isEqualTo("7c3e33d4-2a8b-4e5f-9b1a-d3c6e8f12345");
        assertThat(data.status()).isEqualTo("succeeded");
        assertThat(data.outputs()).containsExactly(Map.entry("result", "Bonjour le monde"));
        assertThat(data.error()).isNull();
        assertThat(data.elapsedTime()).isEqualTo(1.23);
        assertThat(data.totalTokens()).isEqualTo(150L);
        assertThat(data.totalSteps()).isEqualTo(3);
        assertThat(data.createdAt()).isEqualTo(1705407629L);
        assertThat(data.finishedAt()).isEqualTo(1705407630L);
        assertThat(data.files()).isEmpty();
    }

    @Test
    void blockingRunThatFailedInsideTheWorkflowIsAnAnswerNotAnError() {
        stubJson("/v1/workflows/run", 200, """
                {"task_id": "t1", "workflow_run_id": "r1", "data": {"id": "r1", "workflow_id": "w1", "status": "failed",
                 "outputs": null, "error": "Node LLM run failed: quota exceeded", "elapsed_time": 0.4, "total_tokens": 0,
                 "total_steps": 2, "created_at": 1705407629, "finished_at": 1705407630, "exceptions_count": 1,
                 "files": [{"type": "image", "url": "https://example.com/out.png"}]}}
                """);

        WorkflowRunResponse response = workflowClient().run(WorkflowRunRequest.of(Map.of())).block(TIMEOUT);

        assertThat(response).isNotNull();
        WorkflowRunData data = response.data();
        assertThat(data).isNotNull();
        assertThat(data.status()).isEqualTo("failed");
        assertThat(data.error()).isEqualTo("Node LLM run failed: quota exceeded");
        assertThat(data.outputs()).isNull();
        assertThat(data.totalTokens()).isZero();
        assertThat(data.exceptionsCount()).isEqualTo(1);
        assertThat(data.files()).containsExactly(Map.of("type", "image", "url", "https://example.com/out.png"));
    }

    @Test
    void minimalRunUsesTheDefaultUserAndSendsNothingUnset() {
        stubJson("/v1/workflows/run", 200, responseExample("POST", "/workflows/run", 200, "blockingResponse"));

        workflowClient().run(WorkflowRunRequest.of(Map.of("query", "Hello"))).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/workflows/run")
            .withoutHeader("X-Trace-Id")
            .withRequestBody(equalToJson("""
                    {"inputs": {"query": "Hello"}, "response_mode": "blocking", "user": "default-user"}
                    """))
            .withRequestBody(matchesRequestSchema("POST", "/workflows/run")));
    }

    @Test
    void streamPostsEveryFieldOfTheRequestInStreamingMode() {
        stubStream("/v1/workflows/run", sse("""
                {"event": "workflow_started", "task_id": "t1", "workflow_run_id": "r1", "data": {"id": "r1", "workflow_id": "w1", "created_at": 1}}
                """));

        collect(workflowClient().stream(fullRequest()));

        wireMock.verify(1, difyPost("/v1/workflows/run")
            .withHeader("Accept", containing("text/event-stream"))
            .withHeader("X-Trace-Id", equalTo("run-42"))
            .withRequestBody(equalToJson(fullRequestJson("streaming")))
            .withRequestBody(matchesRequestSchema("POST", "/workflows/run")));
    }

    @Test
    void streamDeliversTheTypedEvents() {
        stubStream("/v1/workflows/run", sse("""
                {"event": "workflow_started", "task_id": "t1", "workflow_run_id": "r1", "data": {"id": "r1", "workflow_id": "w1", "inputs": {"query": "Hello"}, "created_at": 1}}
                {"event": "text_chunk", "task_id": "t1", "workflow_run_id": "r1", "data": {"text": "Bon", "from_variable_selector": ["llm", "text"]}}
                {"event": "text_chunk", "task_id": "t1", "workflow_run_id": "r1", "data": {"text": "jour", "from_variable_selector": ["llm", "text"]}}
                {"event": "workflow_finished", "task_id": "t1", "workflow_run_id": "r1", "data": {"id": "r1", "status": "succeeded", "outputs": {"text": "Bonjour"}, "elapsed_time": 0.5, "total_tokens": 9}}
                """));

        List<DifyEvent> events = collect(workflowClient().stream(WorkflowRunRequest.of(Map.of("query", "Hello"))));

        assertThat(events).hasSize(4);
        assertThat(events.get(0)).asInstanceOf(type(WorkflowStartedEvent.class))
            .satisfies((started) -> assertThat(started.data().inputs()).containsEntry("query", "Hello"));
        assertThat(events.subList(1, 3)).map((event) -> ((TextChunkEvent) event).data().text()).containsExactly("Bon", "jour");
        assertThat(events.get(3)).asInstanceOf(type(WorkflowFinishedEvent.class)).satisfies((finished) -> {
            assertThat(finished.data().status()).isEqualTo("succeeded");
            assertThat(finished.data().outputs()).containsEntry("text", "Bonjour");
            assertThat(finished.data().totalTokens()).isEqualTo(9L);
        });
        wireMock.verify(1, difyPost("/v1/workflows/run").withRequestBody(equalToJson("""
                {"inputs": {"query": "Hello"}, "response_mode": "streaming", "user": "default-user"}
                """)));
    }

    @Test
    void stopPostsTheDefaultUserToTheTaskPath() {
        stubJson("/v1/workflows/tasks/c3800678-a077-43df-a102-53f23ed20b88/stop", 200, "{\"result\": \"success\"}");

        workflowClient().stop("c3800678-a077-43df-a102-53f23ed20b88").block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/workflows/tasks/c3800678-a077-43df-a102-53f23ed20b88/stop")
            .withRequestBody(equalToJson("{\"user\": \"default-user\"}"))
            .withRequestBody(matchesRequestSchema("POST", "/workflows/tasks/{task_id}/stop")));
    }

    @Test
    void stopPostsTheGivenUser() {
        stubJson("/v1/workflows/tasks/task-1/stop", 200, "{\"result\": \"success\"}");

        workflowClient().forUser("user_workflow_123").stop("task-1").block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/workflows/tasks/task-1/stop")
            .withRequestBody(equalToJson("{\"user\": \"user_workflow_123\"}")));
    }
}
