package io.github.difyspring.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.difyspring.test.Bodies.assertError;
import static io.github.difyspring.test.Bodies.json;
import static io.github.difyspring.test.Bodies.list;
import static io.github.difyspring.test.Bodies.map;
import static io.github.difyspring.test.Bodies.message;
import static io.github.difyspring.test.Bodies.run;
import static io.github.difyspring.test.Bodies.streaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workflow and chatflow runs that pause for human input: the paused stream, the form
 * ({@code GET} and {@code POST /form/human_input/{form_token}}) and the resumed run
 * ({@code GET /workflow/{run_id}/events}), as /work/notes/double-wire.md sections 1 and 2 sum up
 * Dify 1.14.2's {@code human_input_form.py} and {@code workflow_events.py}.
 */
class HumanInputTests {

    private static final String KEY = "app-workflow-key";

    private static final String CHATFLOW_KEY = "app-chatflow-key";

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> {
        server.workflowApp("publisher", KEY);
        server.chatflowApp("review", CHATFLOW_KEY);
    });

    private final DifyTestServer server = dify.server();

    private final ScriptedApp workflow = server.app("publisher");

    private final ScriptedApp chatflow = server.app("review");

    private final WireClient client = new WireClient(server, KEY);

    @Test
    void workflowStreamEndsWithTheFormAndThePause() {
        workflow.answers("Draft ready.").pausesFor(publishForm());

        WireClient.Stream stream = client.stream("/workflows/run", streaming(run(Map.of(), "user-1")));

        assertThat(stream.types()).endsWith("human_input_required", "workflow_paused").doesNotContain("workflow_finished");
        assertThat(stream.text("text_chunk", "text")).isEqualTo("Draft ready.");
        Map<String, Object> required = map(stream.first("human_input_required").get("data"));
        assertThat(required).containsEntry("form_content", "Publish this draft?").containsEntry("node_title", "Human Review");
        assertThat((String) required.get("form_token")).isNotBlank();
        assertThat(list(required.get("actions"))).extracting((action) -> action.get("id")).containsExactly("approve", "reject");
        Map<String, Object> paused = map(stream.first("workflow_paused").get("data"));
        assertThat(paused).containsEntry("status", "paused").containsEntry("workflow_run_id",
                stream.first("workflow_paused").get("workflow_run_id"));
        assertThat(json(client.get("/workflows/run/" + paused.get("workflow_run_id")))).containsEntry("status", "paused");
    }

    @Test
    void showsTheFormOfAPausedRun() {
        workflow.pausesFor(publishForm());
        Pause pause = pauseWorkflow();

        HttpResponse<String> form = client.get("/form/human_input/" + pause.token());

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> body = json(form);
        assertThat(body.keySet()).containsExactly("form_content", "inputs", "resolved_default_values", "user_actions", "expiration_time");
        assertThat(body).containsEntry("form_content", "Publish this draft?")
            .containsEntry("resolved_default_values", Map.of("comment", "Looks good"));
        assertThat(list(body.get("inputs"))).extracting((input) -> input.get("output_variable_name")).containsExactly("comment", "channel");
        assertThat(list(body.get("user_actions"))).extracting((action) -> action.get("title")).containsExactly("Approve", "Reject");
        assertThat(((Number) body.get("expiration_time")).longValue()).isGreaterThan(System.currentTimeMillis() / 1000);
        assertError(client.get("/form/human_input/nosuchtoken0000000000a"), 404, "not_found", "Form not found");
        assertError(new WireClient(server, CHATFLOW_KEY).get("/form/human_input/" + pause.token()), 404, "not_found", "Form not found");
    }

    @Test
    void takesOneSubmissionWithAKnownAction() {
        workflow.pausesFor(publishForm());
        Pause pause = pauseWorkflow();

        assertError(client.post("/form/human_input/" + pause.token(), submission("publish")), 400, "invalid_form_data",
                "Unknown action 'publish'; the form has [approve, reject]");
        HttpResponse<String> submitted = client.post("/form/human_input/" + pause.token(), submission("approve"));

        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(json(submitted)).isEmpty();
        assertError(client.post("/form/human_input/" + pause.token(), submission("approve")), 412, "human_input_form_submitted",
                "This form has already been submitted by another user, form_id=" + pause.runId() + "-form");
        assertThat(client.get("/form/human_input/" + pause.token()).statusCode()).isEqualTo(412);
    }

    @Test
    void refusesASubmissionWithoutAUser() {
        workflow.pausesFor(publishForm());
        Pause pause = pauseWorkflow();

        assertError(client.post("/form/human_input/" + pause.token(), Map.of("inputs", Map.of(), "action", "approve")), 400,
                "invalid_param", "Arg user must be provided.");
    }

    @Test
    void resumedWorkflowStreamsTheRestOfTheRun() {
        workflow.answers("Draft ready.").pausesFor(publishForm().thenAnswers("Published to the blog."));
        Pause pause = pauseWorkflow();
        client.post("/form/human_input/" + pause.token(), submission("approve"));

        WireClient.Stream resumed = client.streamGet("/workflow/" + pause.runId() + "/events?user=user-1");

        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.contentType()).startsWith("text/event-stream");
        assertResumed(resumed, pause);
        assertThat(resumed.text("text_chunk", "text")).isEqualTo("Published to the blog.");
        assertThat(resumed.types()).last().isEqualTo("workflow_finished");
        assertThat(map(resumed.first("workflow_finished").get("data"))).containsEntry("status", "succeeded");
        assertThat(resumed.events()).allSatisfy((event) -> assertThat(event).containsEntry("workflow_run_id", pause.runId()));
    }

    @Test
    void resumedChatflowEndsWithMessageEndThenWorkflowFinished() {
        chatflow.answers("Draft ready.").pausesFor(publishForm().thenAnswers("Published."));
        WireClient chat = new WireClient(server, CHATFLOW_KEY);
        WireClient.Stream paused = chat.stream("/chat-messages", streaming(message("Write a post", "user-1")));
        assertThat(paused.types()).endsWith("human_input_required", "workflow_paused");
        assertThat(paused.text("message", "answer")).isEqualTo("Draft ready.");
        Pause pause = Pause.of(paused);
        chat.post("/form/human_input/" + pause.token(), submission("approve"));

        WireClient.Stream resumed = chat.streamGet("/workflow/" + pause.runId() + "/events?user=user-1");

        assertResumed(resumed, pause);
        assertThat(resumed.text("message", "answer")).isEqualTo("Published.");
        assertThat(resumed.types()).endsWith("message_end", "workflow_finished");
        assertThat(resumed.first("human_input_form_filled")).containsKeys("conversation_id", "message_id", "created_at", "task_id")
            .containsEntry("conversation_id", paused.first("workflow_paused").get("conversation_id"));
    }

    @Test
    void streamWaitingBeforeTheSubmissionGetsTheRest() {
        workflow.pausesFor(publishForm().thenAnswers("Published."));
        Pause pause = pauseWorkflow();

        try (WireClient.OpenStream waiting = client.openGet("/workflow/" + pause.runId() + "/events?user=user-1")) {
            assertThat(waiting.status()).isEqualTo(200);
            assertThat(waiting.nextFrame(Duration.ofSeconds(5))).isEqualTo("event: ping");
            assertThat(waiting.hasEnded()).isFalse();

            client.post("/form/human_input/" + pause.token(), submission("approve"));

            WireClient.Stream resumed = waiting.awaitEnd();
            assertThat(waiting.failure()).isNull();
            assertResumed(resumed, pause);
            assertThat(resumed.text("text_chunk", "text")).isEqualTo("Published.");
            assertThat(resumed.types()).last().isEqualTo("workflow_finished");
        }
    }

    @Test
    void eventsOfAFinishedRunAreItsWorkflowFinishedAlone() {
        workflow.pausesFor(publishForm());
        Pause pause = pauseWorkflow();
        client.post("/form/human_input/" + pause.token(), submission("approve"));
        client.streamGet("/workflow/" + pause.runId() + "/events?user=user-1");

        WireClient.Stream again = client.streamGet("/workflow/" + pause.runId() + "/events?user=user-1");

        assertThat(again.frames()).singleElement().satisfies((frame) -> assertThat(frame).startsWith("data: "));
        Map<String, Object> finished = again.events().get(0);
        assertThat(finished.keySet()).containsExactly("event", "task_id", "workflow_run_id", "data");
        assertThat(finished).containsEntry("event", "workflow_finished").containsEntry("workflow_run_id", pause.runId());
        assertThat(map(finished.get("data"))).containsEntry("status", "succeeded").containsEntry("id", pause.runId());
    }

    @Test
    void eventsOfAnotherUsersRunAreNotFound() {
        workflow.pausesFor(publishForm());
        Pause pause = pauseWorkflow();

        assertError(client.get("/workflow/" + pause.runId() + "/events?user=user-2"), 404, "not_found", "Workflow run not found");
        assertError(client.get("/workflow/" + pause.runId() + "/events"), 400, "invalid_param", "Arg user must be provided.");
    }

    private static void assertResumed(WireClient.Stream resumed, Pause pause) {
        assertThat(resumed.frames().get(0)).isEqualTo("event: ping");
        List<Map<String, Object>> events = resumed.events();
        assertThat(resumed.types().subList(0, 4)).containsExactly("workflow_started", "node_started", "human_input_form_filled",
                "node_finished");
        assertThat(map(events.get(0).get("data"))).containsEntry("reason", "resumption").containsEntry("id", pause.runId());
        assertThat(map(events.get(1).get("data"))).containsEntry("title", "Human Review");
        Map<String, Object> filled = map(events.get(2).get("data"));
        assertThat(filled.keySet()).containsExactly("node_id", "node_title", "rendered_content", "action_id", "action_text",
                "submitted_data");
        assertThat(filled).containsEntry("action_id", "approve").containsEntry("action_text", "Approve")
            .containsEntry("submitted_data", Map.of("comment", "Ship it", "channel", "blog"));
        assertThat(map(events.get(3).get("data"))).containsEntry("status", "succeeded");
    }

    private static HumanInputPause publishForm() {
        return HumanInputPause.form("Publish this draft?")
            .titled("Human Review")
            .paragraph("comment", "Looks good")
            .select("channel", "blog", "newsletter")
            .action("approve", "Approve")
            .action("reject", "Reject");
    }

    private static Map<String, Object> submission(String action) {
        return Map.of("inputs", Map.of("comment", "Ship it", "channel", "blog"), "action", action, "user", "user-1");
    }

    private Pause pauseWorkflow() {
        WireClient.Stream stream = client.stream("/workflows/run", streaming(run(Map.of(), "user-1")));
        assertThat(stream.types()).last().isEqualTo("workflow_paused");
        return Pause.of(stream);
    }

    /** What a client keeps of a paused stream to go on: the form's token and the run's id. */
    private record Pause(String token, String runId) {

        static Pause of(WireClient.Stream paused) {
            String token = (String) map(paused.first("human_input_required").get("data")).get("form_token");
            String runId = (String) map(paused.first("workflow_paused").get("data")).get("workflow_run_id");
            return new Pause(token, runId);
        }
    }
}
