package io.github.difyspring.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.difyspring.test.Bodies.assertError;
import static io.github.difyspring.test.Bodies.json;
import static io.github.difyspring.test.Bodies.map;
import static io.github.difyspring.test.Bodies.message;
import static io.github.difyspring.test.Bodies.run;
import static io.github.difyspring.test.Bodies.streaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workflow and chatflow apps of the test server: node events, text, outputs, failures, run
 * details and stops ({@code api/core/app/apps/common/workflow_response_converter.py},
 * {@code api/controllers/service_api/app/workflow.py}; /work/notes/double-wire.md sections 3, 7 and 8).
 * Pauses for human input and their resumption are in {@link HumanInputTests}.
 */
class WorkflowAppTests {

    private static final String KEY = "app-workflow-key";

    private static final String CHATFLOW_KEY = "app-chatflow-key";

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> {
        server.workflowApp("etl", KEY);
        server.chatflowApp("review", CHATFLOW_KEY);
    });

    private final DifyTestServer server = dify.server();

    private final ScriptedApp workflow = server.app("etl");

    private final ScriptedApp chatflow = server.app("review");

    private final WireClient client = new WireClient(server, KEY);

    @Test
    void passesThroughTheScriptedNodesInOrder() {
        workflow.nodes("Fetch orders", "Summarise");

        WireClient.Stream stream = client.stream("/workflows/run", streaming(run(Map.of(), "user-1")));

        assertThat(stream.frames().get(0)).isEqualTo("event: ping");
        assertThat(stream.types()).first().isEqualTo("workflow_started");
        assertThat(stream.types()).last().isEqualTo("workflow_finished");
        List<String> nodeEvents = stream.events().stream().filter((event) -> ((String) event.get("event")).startsWith("node_"))
            .map((event) -> event.get("event") + " " + map(event.get("data")).get("title")).toList();
        assertThat(nodeEvents).containsExactly("node_started Start", "node_finished Start", "node_started Fetch orders",
                "node_finished Fetch orders", "node_started Summarise", "node_finished Summarise", "node_started LLM", "node_finished LLM",
                "node_started End", "node_finished End");
        String runId = (String) stream.first("workflow_started").get("workflow_run_id");
        assertThat(stream.events()).allSatisfy((event) -> assertThat(event).containsEntry("workflow_run_id", runId).containsKey("task_id"));
    }

    @Test
    void streamsTheAnswerInTextChunksInsideTheLlmNode() {
        workflow.answers("Three new orders today");

        WireClient.Stream stream = client.stream("/workflows/run", streaming(run(Map.of(), "user-1")));

        assertThat(stream.text("text_chunk", "text")).isEqualTo("Three new orders today");
        List<String> types = stream.types();
        assertThat(types.indexOf("text_chunk")).isGreaterThan(nodeEventIndex(stream, "node_started", "LLM"));
        assertThat(types.lastIndexOf("text_chunk")).isLessThan(nodeEventIndex(stream, "node_finished", "LLM"));
        assertThat(map(stream.first("workflow_finished").get("data"))).containsEntry("status", "succeeded")
            .containsEntry("outputs", Map.of("text", "Three new orders today"));
    }

    @Test
    void finishesWithTheScriptedOutputs() {
        workflow.outputs(Map.of("summary", "3 new orders", "count", 3));

        WireClient.Stream stream = client.stream("/workflows/run", streaming(run(Map.of(), "user-1")));
        HttpResponse<String> blocking = client.post("/workflows/run", Bodies.blocking(run(Map.of(), "user-1")));

        assertThat(map(stream.first("workflow_finished").get("data")).get("outputs")).isEqualTo(Map.of("summary", "3 new orders", "count", 3));
        assertThat(blocking.statusCode()).isEqualTo(200);
        Map<String, Object> answer = json(blocking);
        assertThat(answer.keySet()).containsExactly("task_id", "workflow_run_id", "data");
        assertThat(map(answer.get("data"))).containsEntry("status", "succeeded").containsEntry("error", null)
            .containsEntry("outputs", Map.of("summary", "3 new orders", "count", 3))
            .containsEntry("id", answer.get("workflow_run_id"));
    }

    @Test
    void makesTheOutputsFromTheRequest() {
        workflow.outputs((request) -> Map.of("greeting", "Hello, " + request.inputs().get("name") + "!"));

        Map<String, Object> answer = json(client.post("/workflows/run", Bodies.blocking(run(Map.of("name", "Ada"), "user-1"))));

        assertThat(map(map(answer.get("data")).get("outputs"))).isEqualTo(Map.of("greeting", "Hello, Ada!"));
    }

    @Test
    void failsInTheLlmNode() {
        workflow.failsWith("Rate Limit Error");

        WireClient.Stream stream = client.stream("/workflows/run", streaming(run(Map.of(), "user-1")));

        assertThat(stream.types()).doesNotContain("text_chunk", "error").endsWith("node_finished", "workflow_finished");
        assertThat(map(stream.events().get(stream.events().size() - 2).get("data"))).containsEntry("title", "LLM")
            .containsEntry("status", "failed").containsEntry("error", "Rate Limit Error");
        assertThat(map(stream.first("workflow_finished").get("data"))).containsEntry("status", "failed")
            .containsEntry("error", "Rate Limit Error").containsEntry("outputs", Map.of());
        Map<String, Object> blocking = json(client.post("/workflows/run", Bodies.blocking(run(Map.of(), "user-1"))));
        assertThat(map(blocking.get("data"))).containsEntry("status", "failed").containsEntry("error", "Rate Limit Error");
    }

    @Test
    void chatflowFailureRefusesABlockingMessage() {
        chatflow.failsWith("Rate Limit Error");
        WireClient chat = new WireClient(server, CHATFLOW_KEY);

        assertError(chat.post("/chat-messages", Bodies.blocking(message("Review this", "user-1"))), 400, "invalid_param",
                "Run failed: Rate Limit Error");
        WireClient.Stream stream = chat.stream("/chat-messages", streaming(message("Review this", "user-1")));
        assertThat(map(stream.first("workflow_finished").get("data"))).containsEntry("status", "failed");
    }

    @Test
    void chatflowStreamsMessagesAndEndsWithMessageEndThenWorkflowFinished() {
        chatflow.nodes("Retrieve").answers("Looks good to me.");

        WireClient.Stream stream = new WireClient(server, CHATFLOW_KEY).stream("/chat-messages", streaming(message("Review", "user-1")));

        assertThat(stream.text("message", "answer")).isEqualTo("Looks good to me.");
        assertThat(stream.types()).first().isEqualTo("workflow_started");
        assertThat(stream.types()).endsWith("message_end", "workflow_finished").doesNotContain("text_chunk");
        assertThat(map(stream.first("workflow_finished").get("data")).get("outputs")).isEqualTo(Map.of("answer", "Looks good to me."));
        assertThat(stream.events()).allSatisfy((event) -> assertThat(event).containsKeys("conversation_id", "message_id", "task_id"));
    }

    @Test
    void describesAFinishedRunWithItsInputsAsJsonText() {
        workflow.outputs(Map.of("weather", "sunny"));
        Map<String, Object> answer = json(client.post("/workflows/run", Bodies.blocking(run(Map.of("city", "Berlin"), "user-1"))));
        String runId = (String) answer.get("workflow_run_id");

        HttpResponse<String> detail = client.get("/workflows/run/" + runId);

        assertThat(detail.statusCode()).isEqualTo(200);
        Map<String, Object> run = json(detail);
        assertThat(run.keySet()).containsExactly("id", "workflow_id", "status", "inputs", "outputs", "error", "total_steps", "total_tokens",
                "created_at", "finished_at", "elapsed_time");
        assertThat(run).containsEntry("id", runId).containsEntry("status", "succeeded").containsEntry("outputs", Map.of("weather", "sunny"));
        assertThat(run.get("inputs")).isInstanceOf(String.class);
        assertThat(WireClient.json((String) run.get("inputs"))).isEqualTo(Map.of("city", "Berlin"));
        assertThat(run.get("finished_at")).isInstanceOf(Number.class);
        assertThat(run.get("total_steps")).isInstanceOf(Number.class).isNotEqualTo(0);
        assertError(client.get("/workflows/run/3f2504e0-4f89-41d3-9a0c-0305e82c3301"), 404, "not_found", "Workflow run not found.");
        assertError(new WireClient(server, CHATFLOW_KEY).get("/workflows/run/" + runId), 404, "not_found", "Workflow run not found.");
    }

    @Test
    void stopEndsARunWithStatusStopped() {
        workflow.nodes("A", "B", "C", "D", "E", "F").pace(Duration.ofMillis(100));

        try (WireClient.OpenStream stream = client.open("/workflows/run", streaming(run(Map.of(), "user-1")))) {
            Map<String, Object> started = stream.nextEvent();
            HttpResponse<String> stopped = client.post("/workflows/tasks/" + started.get("task_id") + "/stop", Map.of("user", "user-1"));

            assertThat(json(stopped)).isEqualTo(Map.of("result", "success"));
            WireClient.Stream all = stream.awaitEnd();
            assertThat(all.types()).last().isEqualTo("workflow_finished");
            assertThat(all.types()).doesNotContain("text_chunk");
            assertThat(map(all.first("workflow_finished").get("data"))).containsEntry("status", "stopped")
                .containsEntry("error", "Stopped by user.");
            Map<String, Object> detail = json(client.get("/workflows/run/" + started.get("workflow_run_id")));
            assertThat(detail).containsEntry("status", "stopped");
        }
    }

    @Test
    void refusesTheWrongRoutes() {
        assertError(new WireClient(server, CHATFLOW_KEY).post("/workflows/run", Bodies.blocking(run(Map.of(), "user-1"))), 400,
                "not_workflow_app", "Please check if your app mode matches the right API route.");
        assertError(new WireClient(server, CHATFLOW_KEY).post("/workflows/tasks/any/stop", Map.of("user", "user-1")), 400,
                "not_workflow_app", "Please check if your app mode matches the right API route.");
        assertError(client.post("/workflows/run", Bodies.blocking(run(Map.of(), " "))), 400, "invalid_param", "Arg user must be provided.");
    }

    private static int nodeEventIndex(WireClient.Stream stream, String type, String title) {
        List<Map<String, Object>> events = stream.events();
        for (int i = 0; i < events.size(); i++) {
            if (type.equals(events.get(i).get("event")) && title.equals(map(events.get(i).get("data")).get("title"))) {
                return i;
            }
        }
        throw new AssertionError("No " + type + " of " + title + " in " + stream.types());
    }
}
