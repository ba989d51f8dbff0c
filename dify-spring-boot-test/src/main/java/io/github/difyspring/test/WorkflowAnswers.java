package io.github.difyspring.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.difyspring.test.AppMemory.Message;
import io.github.difyspring.test.AppMemory.WorkflowRun;
import io.github.difyspring.test.ScriptedApp.Generation;

/**
 * One run of a workflow or chatflow: a start node, the scripted nodes, an LLM node that writes the
 * answer, then an end (workflow) or answer (chatflow) node; or a failure in the LLM node; or a
 * pause for human input and, once the form is submitted, the rest. Shapes and order follow the
 * transcripts {@code workflow-*} and {@code chatflow-*} (Dify 1.14.2's
 * {@code api/core/app/apps/common/workflow_response_converter.py},
 * {@code api/core/app/apps/workflow|advanced_chat/generate_task_pipeline.py}); a resumed run follows
 * {@code api/controllers/service_api/app/workflow_events.py} and {@code HumanInputFormFilledResponse};
 * a stop ends with {@code workflow_finished} status {@code stopped} ({@code QueueStopEvent}).
 */
final class WorkflowAnswers {

    private static final String LLM = "llm";

    private static final String HUMAN_INPUT = "human_input";

    private final DifyAppMode mode;

    private final String taskId;

    private final WorkflowRun run;

    private final @Nullable Message message;

    private final Generation generation;

    private final StringBuilder answer = new StringBuilder();

    WorkflowAnswers(DifyAppMode mode, String taskId, WorkflowRun run, @Nullable Message message, Generation generation) {
        this.mode = mode;
        this.taskId = taskId;
        this.run = run;
        this.message = message;
        this.generation = generation;
    }

    /** The run's events up to its end, failure or pause; a stop ends it with status {@code stopped}. */
    Flux<Map<String, Object>> stream(Mono<Void> stopped) {
        List<Map<String, Object>> before = new ArrayList<>(List.of(started("initial")));
        before.addAll(node("start", "start", "Start", Map.of()));
        for (int i = 0; i < this.generation.nodes().size(); i++) {
            before.addAll(node("node_" + (i + 1), "code", this.generation.nodes().get(i), Map.of()));
        }
        before.add(nodeStarted(LLM, "llm", "LLM"));
        return Flux.fromIterable(before)
            .concatWith(Flux.defer(this::afterLlmStarted))
            .takeUntilOther(stopped)
            .concatWith(Flux.defer(() -> "running".equals(this.run.status) ? stoppedEvents() : Flux.empty()));
    }

    private Flux<Map<String, Object>> afterLlmStarted() {
        String failure = this.generation.failure();
        if (failure != null) {
            return Flux.just(nodeFinished(LLM, "llm", "LLM", Map.of(), failure), finished("failed", failure));
        }
        return Flux.fromIterable(this.generation.chunks()).map((chunk) -> text(chunk, LLM)).concatWith(Flux.defer(() -> {
            List<Map<String, Object>> events = new ArrayList<>(List.of(nodeFinished(LLM, "llm", "LLM", Map.of("text", this.answer.toString()), null)));
            HumanInputPause form = this.generation.pause();
            if (form == null) {
                events.addAll(ending());
                return Flux.fromIterable(events);
            }
            if (this.message != null) {
                events.addAll(node("answer", "answer", "Answer", Map.of("answer", this.answer.toString())));
            }
            events.addAll(pause(form));
            return Flux.fromIterable(events);
        }));
    }

    /** The rest of a paused run once its form was submitted, as {@code GET /workflow/{id}/events} streams it. */
    Flux<Map<String, Object>> resumed(HumanInputPause form, Map<String, Object> submission) {
        String action = String.valueOf(submission.get("action"));
        Object actionText = form.actions().stream().filter((item) -> action.equals(item.get("id"))).map((item) -> item.get("title"))
            .findFirst().orElse(null);
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = (Map<String, Object>) submission.get("inputs");
        List<Map<String, Object>> before = List.of(started("resumption"), nodeStarted(HUMAN_INPUT, "human-input", form.nodeTitle()),
                workflowEvent("human_input_form_filled", Wire.obj("node_id", HUMAN_INPUT, "node_title", form.nodeTitle(),
                        "rendered_content", form.content(), "action_id", action, "action_text", actionText, "submitted_data", inputs)),
                nodeFinished(HUMAN_INPUT, "human-input", form.nodeTitle(), inputs, null));
        return Flux.fromIterable(before)
            .concatWith(Flux.fromIterable(ScriptedApp.words(form.answerAfterResume())).map((chunk) -> text(chunk, HUMAN_INPUT)))
            .concatWith(Flux.defer(() -> Flux.fromIterable(ending())));
    }

    private List<Map<String, Object>> ending() {
        List<Map<String, Object>> events = new ArrayList<>();
        if (this.message != null) {
            events.addAll(node("answer", "answer", "Answer", Map.of("answer", this.answer.toString())));
            events.add(ChatAnswers.messageEnd(this.mode, this.taskId, this.message, this.run.elapsedSeconds()));
        }
        else {
            events.addAll(node("end", "end", "End", outputs()));
        }
        events.add(finished("succeeded", null));
        return events;
    }

    /** A piece of the answer: a {@code text_chunk} of a workflow, a {@code message} of a chatflow. */
    private Map<String, Object> text(String chunk, String nodeId) {
        this.answer.append(chunk);
        if (this.message == null) {
            return workflowEvent("text_chunk", Wire.obj("text", chunk, "from_variable_selector", List.of(nodeId, "text")));
        }
        this.message.append(chunk);
        return ChatAnswers.event("message", this.mode, this.taskId, this.message, "id", this.message.id, "answer", chunk,
                "from_variable_selector", List.of(nodeId, "text"));
    }

    private Flux<Map<String, Object>> stoppedEvents() {
        Map<String, Object> finished = finished("stopped", "Stopped by user.");
        return (this.message != null)
                ? Flux.just(finished, ChatAnswers.messageEnd(this.mode, this.taskId, this.message, this.run.elapsedSeconds()))
                : Flux.just(finished);
    }

    private Map<String, Object> started(String reason) {
        return workflowEvent("workflow_started", Wire.obj("id", this.run.id, "workflow_id", this.run.workflowId, "inputs", this.run.inputs,
                "created_at", this.run.createdAt, "reason", reason));
    }

    private List<Map<String, Object>> node(String id, String type, String title, Map<String, Object> outputs) {
        return List.of(nodeStarted(id, type, title), nodeFinished(id, type, title, outputs, null));
    }

    private Map<String, Object> nodeStarted(String id, String type, String title) {
        this.run.totalSteps++;
        Map<String, Object> data = nodeData(id, type, title);
        data.putAll(Wire.obj("inputs", null, "inputs_truncated", false, "created_at", Wire.now(), "extras", Map.of(), "iteration_id", null,
                "loop_id", null, "agent_strategy", null));
        return workflowEvent("node_started", data);
    }

    private Map<String, Object> nodeFinished(String id, String type, String title, Map<String, Object> outputs, @Nullable String error) {
        boolean llm = "llm".equals(type) && error == null;
        if (llm) {
            this.run.totalTokens += ScriptedApp.words(this.answer.toString()).size();
        }
        Map<String, Object> data = nodeData(id, type, title);
        data.putAll(Wire.obj("inputs", Map.of(), "inputs_truncated", false, "process_data", Map.of(), "process_data_truncated", false,
                "outputs", outputs, "outputs_truncated", false, "status", (error != null) ? "failed" : "succeeded", "error", error,
                "elapsed_time", 0.001,
                "execution_metadata", llm ? Wire.obj("total_tokens", this.run.totalTokens, "total_price", "0.0", "currency", "USD") : null,
                "created_at", Wire.now(), "finished_at", Wire.now(), "files", List.of(), "iteration_id", null, "loop_id", null));
        return workflowEvent("node_finished", data);
    }

    private static Map<String, Object> nodeData(String id, String type, String title) {
        return Wire.obj("id", Wire.uuid(id + title), "node_id", id,
                "node_type", type, "title", title, "index", 1, "predecessor_node_id", null);
    }

    private List<Map<String, Object>> pause(HumanInputPause form) {
        this.run.status = "paused";
        this.run.formToken = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        this.run.pausedOn = form;
        Map<String, Object> required = Wire.obj("form_id", formId(), "node_id", HUMAN_INPUT, "node_title", form.nodeTitle(),
                "form_content", form.content(), "inputs", form.inputs(), "actions", form.actions(), "display_in_ui", true,
                "form_token", this.run.formToken, "resolved_default_values", form.defaults(), "expiration_time", expiration(form));
        return List.of(nodeStarted(HUMAN_INPUT, "human-input", form.nodeTitle()), workflowEvent("human_input_required", required),
                workflowEvent("workflow_paused", Wire.obj("workflow_run_id", this.run.id, "paused_nodes", List.of(HUMAN_INPUT),
                        "outputs", Map.of(), "reasons", reasons(form), "status", "paused", "created_at", this.run.createdAt,
                        "elapsed_time", this.run.elapsedSeconds(), "total_tokens", this.run.totalTokens, "total_steps", this.run.totalSteps)));
    }

    /** A pause's reasons: the form with the discriminator {@code TYPE} and no {@code display_in_ui}. */
    private List<Object> reasons(HumanInputPause form) {
        return List.of(Wire.obj("TYPE", "human_input_required", "form_id", formId(), "form_content", form.content(), "inputs", form.inputs(),
                "actions", form.actions(), "node_id", HUMAN_INPUT, "node_title", form.nodeTitle(), "resolved_default_values", form.defaults(),
                "form_token", this.run.formToken, "expiration_time", expiration(form)));
    }

    String formId() {
        return formId(this.run);
    }

    static String formId(WorkflowRun run) {
        return run.id + "-form";
    }

    long expiration(HumanInputPause form) {
        return this.run.createdAt + form.expiresIn().toSeconds();
    }

    private Map<String, Object> finished(String status, @Nullable String error) {
        this.run.status = status;
        this.run.error = error;
        this.run.outputs = "succeeded".equals(status) ? outputs() : Map.of();
        this.run.finishedAt = Wire.now();
        return workflowEvent("workflow_finished", finishedData(this.run));
    }

    /** The {@code data} of a finished run's {@code workflow_finished}. */
    static Map<String, Object> finishedData(WorkflowRun run) {
        return Wire.obj("id", run.id, "workflow_id", run.workflowId, "status", run.status, "outputs", run.outputs, "error", run.error,
                "elapsed_time", run.elapsedSeconds(), "total_tokens", run.totalTokens, "total_steps", run.totalSteps,
                "created_by", Wire.obj("id", Wire.uuid(run.user), "user", run.user),
                "created_at", run.createdAt, "finished_at", run.finishedAt, "exceptions_count", 0, "files", List.of());
    }

    /** A chatflow's outputs are its answer; a workflow's the scripted ones, else all the text it streamed. */
    private Map<String, Object> outputs() {
        if (this.message != null) {
            return Map.of("answer", this.answer.toString());
        }
        Map<String, Object> scripted = this.generation.outputs();
        return (scripted != null) ? scripted : Map.of("text", this.answer.toString());
    }

    private Map<String, Object> workflowEvent(String type, Map<String, Object> data) {
        Map<String, Object> event = (this.message != null)
                ? ChatAnswers.event(type, this.mode, this.taskId, this.message, "workflow_run_id", this.run.id)
                : Wire.obj("event", type, "workflow_run_id", this.run.id, "task_id", this.taskId);
        event.put("data", data);
        return event;
    }

    /** The run's blocking answer, once its events have all been made. */
    Map<String, Object> blocking() {
        boolean paused = "paused".equals(this.run.status);
        if (this.message != null) {
            Map<String, Object> answer = ChatAnswers.blocking(this.mode, this.taskId, this.message, this.run.elapsedSeconds());
            if (paused) {
                Map<String, Object> metadata = Wire.obj("annotation_reply", null, "retriever_resources", List.of(), "usage", null);
                answer.putAll(Wire.obj("event", "workflow_paused", "metadata", metadata, "workflow_run_id", this.run.id));
                answer.put("data", Wire.obj("id", this.message.id, "mode", this.mode.wireName(), "conversation_id", this.message.conversationId,
                        "message_id", this.message.id, "workflow_run_id", this.run.id, "answer", this.message.answer(), "metadata", metadata,
                        "created_at", this.message.createdAt, "paused_nodes", List.of(HUMAN_INPUT), "reasons", reasons(this.run.pausedOn),
                        "status", "paused", "elapsed_time", this.run.elapsedSeconds(), "total_tokens", this.run.totalTokens,
                        "total_steps", this.run.totalSteps));
            }
            return answer;
        }
        Map<String, Object> data = Wire.obj("id", this.run.id, "workflow_id", this.run.workflowId, "status", this.run.status,
                "outputs", this.run.outputs, "error", this.run.error, "elapsed_time", this.run.elapsedSeconds(),
                "total_tokens", this.run.totalTokens, "total_steps", this.run.totalSteps, "created_at", this.run.createdAt,
                "finished_at", this.run.finishedAt);
        if (paused) {
            data.putAll(Wire.obj("paused_nodes", List.of(HUMAN_INPUT), "reasons", reasons(this.run.pausedOn)));
        }
        return Wire.obj("task_id", this.taskId, "workflow_run_id", this.run.id, "data", data);
    }

    /** The {@code error} event of a workflow: no {@code task_id}. */
    static Map<String, Object> errorEvent(WorkflowRun run, DifyFault fault) {
        return Wire.obj("event", "error", "workflow_run_id", run.id, "code", fault.code(), "status", fault.status(), "message", fault.message());
    }
}
