package io.github.difyspring.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.github.difyspring.test.AppMemory.Conversation;
import io.github.difyspring.test.AppMemory.Message;
import io.github.difyspring.test.AppMemory.Task;
import io.github.difyspring.test.AppMemory.WorkflowRun;
import io.github.difyspring.test.ScriptedApp.Generation;

/**
 * Messages, runs, stops, human input forms and resumed runs, checked in the order Dify 1.14.2's
 * controllers check them ({@code api/controllers/service_api/app/completion.py}, {@code workflow.py},
 * {@code workflow_events.py}, {@code human_input_form.py}), with Dify's codes and messages.
 */
final class GenerationRoutes {

    static final String WRONG_ROUTE = "Please check if your app mode matches the right API route.";

    private static final String UNAVAILABLE = "App unavailable, please check your app configurations.";

    private final AppMemory memory;

    private final EventStreams streams;

    GenerationRoutes(AppMemory memory, EventStreams streams) {
        this.memory = memory;
        this.streams = streams;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
            .POST("/v1/chat-messages", (request) -> generate(request, DifyAppMode::isChat, "not_chat_app", WRONG_ROUTE))
            .POST("/v1/completion-messages", (request) -> generate(request, DifyAppMode.COMPLETION::equals, "app_unavailable", UNAVAILABLE))
            .POST("/v1/workflows/run", (request) -> generate(request, DifyAppMode.WORKFLOW::equals, "not_workflow_app", WRONG_ROUTE))
            .POST("/v1/workflows/{workflow_id}/run", (request) -> generate(request, DifyAppMode.WORKFLOW::equals, "not_workflow_app", WRONG_ROUTE))
            .POST("/v1/chat-messages/{task_id}/stop", (request) -> stop(request, Wire.app(request).mode().isChat(), "not_chat_app", WRONG_ROUTE))
            .POST("/v1/completion-messages/{task_id}/stop",
                    (request) -> stop(request, Wire.app(request).mode() == DifyAppMode.COMPLETION, "app_unavailable", UNAVAILABLE))
            .POST("/v1/workflows/tasks/{task_id}/stop",
                    (request) -> stop(request, Wire.app(request).mode() == DifyAppMode.WORKFLOW, "not_workflow_app", WRONG_ROUTE))
            .GET("/v1/workflows/run/{run_id}", this::runDetail)
            .GET("/v1/workflow/{run_id}/events", this::resumedEvents)
            .GET("/v1/form/human_input/{form_token}", this::form)
            .POST("/v1/form/human_input/{form_token}", this::submitForm)
            .build();
    }

    /** A message or run: the app's mode, then the user, the query, the conversation and the required inputs, as Dify checks them. */
    private Mono<ServerResponse> generate(ServerRequest request, java.util.function.Predicate<DifyAppMode> rightMode, String code,
            String message) {
        ScriptedApp app = Wire.app(request);
        RecordedRequest recorded = Wire.recorded(request);
        if (!rightMode.test(app.mode())) {
            return Wire.error(HttpStatus.BAD_REQUEST, code, message);
        }
        DifyTranscript transcript = app.replay();
        if (transcript != null) {
            return replay(request, transcript, app.pace());
        }
        String user = recorded.user();
        if (user == null || user.isBlank()) {
            return Wire.userRequired();
        }
        boolean chat = app.mode().isChat();
        if (chat && recorded.query() == null) {
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", "query is required");
        }
        if (app.mode() == DifyAppMode.AGENT_CHAT && !recorded.isStreaming()) {
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", "Agent Chat App does not support blocking mode");
        }
        Conversation conversation = (chat && recorded.conversationId() != null)
                ? this.memory.conversation(app.apiKey(), user, recorded.conversationId()) : null;
        if (chat && recorded.conversationId() != null && conversation == null) {
            return Wire.error(HttpStatus.NOT_FOUND, "not_found", "Conversation Not Exists.");
        }
        String missing = (conversation == null) ? AppRoutes.missingInput(app.parameters(), recorded.inputs()) : null;
        if (missing != null) {
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", missing + " is required in input form");
        }
        this.memory.useFiles(recorded.body());
        // The script applies once the request passed Dify's checks: a refused request runs no answer function.
        Generation generation = app.generation(recorded);
        if (chat && conversation == null) {
            boolean autoName = !Boolean.FALSE.equals(recorded.body().get("auto_generate_name"));
            conversation = this.memory.newConversation(app.apiKey(), user, autoName ? shorten(recorded.query()) : "New conversation",
                    recorded.inputs());
        }
        Message answer = (app.mode() == DifyAppMode.WORKFLOW) ? null : this.memory.newMessage(app.apiKey(), user, conversation,
                (conversation != null) ? conversation.inputs : recorded.inputs(), (recorded.query() != null) ? recorded.query() : "");
        return app.mode().runsWorkflow() ? run(request, app, user, answer, generation) : answer(request, app, user, answer, generation);
    }

    private Mono<ServerResponse> answer(ServerRequest request, ScriptedApp app, String user, Message message, Generation generation) {
        Task task = this.memory.newTask(user);
        if (!Wire.recorded(request).isStreaming()) {
            this.memory.endTask(task.id());
            message.append(generation.answer());
            return Wire.ok(ChatAnswers.blocking(app.mode(), task.id(), message, 0.1));
        }
        Flux<Map<String, Object>> events = ChatAnswers.stream(app.mode(), task.id(), message, generation, task.stopped())
            .doFinally((signal) -> this.memory.endTask(task.id()));
        return this.streams.events(request, events, generation.pace(), (fault) -> ChatAnswers.errorEvent(app.mode(), message, fault));
    }

    private Mono<ServerResponse> run(ServerRequest request, ScriptedApp app, String user, @Nullable Message message, Generation generation) {
        String workflowId = request.pathVariables().getOrDefault("workflow_id", Wire.uuid(app.name()));
        WorkflowRun run = new WorkflowRun(app.apiKey(), user, workflowId, (message != null) ? message.inputs : Wire.recorded(request).inputs());
        Task task = this.memory.newTask(user);
        WorkflowAnswers answers = new WorkflowAnswers(app.mode(), task.id(), run, message, generation);
        run.answers = answers;
        this.memory.remember(run);
        Flux<Map<String, Object>> events = answers.stream(task.stopped()).doFinally((signal) -> this.memory.endTask(task.id()));
        if (!Wire.recorded(request).isStreaming()) {
            return events.then(Mono.defer(() -> (message != null && "failed".equals(run.status))
                    ? Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", "Run failed: " + run.error) : Wire.ok(answers.blocking())));
        }
        return this.streams.events(request, events, generation.pace(),
                (fault) -> (message != null) ? ChatAnswers.errorEvent(app.mode(), message, fault) : WorkflowAnswers.errorEvent(run, fault));
    }

    private Mono<ServerResponse> replay(ServerRequest request, DifyTranscript transcript, Duration pace) {
        HttpHeaders headers = new HttpHeaders();
        transcript.headers().forEach(headers::add);
        return transcript.isStream() ? this.streams.frames(Flux.fromIterable(transcript.frames()), pace, headers)
                : ServerResponse.status(transcript.status()).headers((target) -> target.addAll(headers)).bodyValue(transcript.body());
    }

    private Mono<ServerResponse> stop(ServerRequest request, boolean rightMode, String code, String message) {
        String user = Wire.recorded(request).user();
        if (!rightMode) {
            return Wire.error(HttpStatus.BAD_REQUEST, code, message);
        }
        if (user == null || user.isBlank()) {
            return Wire.userRequired();
        }
        this.memory.stop(request.pathVariable("task_id"), user);
        return Wire.ok(Map.of("result", "success"));
    }

    private Mono<ServerResponse> runDetail(ServerRequest request) {
        ScriptedApp app = Wire.app(request);
        WorkflowRun run = this.memory.run(app.apiKey(), request.pathVariable("run_id"));
        if (!app.mode().runsWorkflow()) {
            return Wire.error(HttpStatus.BAD_REQUEST, "not_workflow_app", WRONG_ROUTE);
        }
        if (run == null) {
            return Wire.error(HttpStatus.NOT_FOUND, "not_found", "Workflow run not found.");
        }
        // Dify sends the inputs column as it is stored: JSON text, not an object.
        return Wire.ok(Wire.obj("id", run.id, "workflow_id", run.workflowId, "status", run.status, "inputs",
                Wire.JSON.writeValueAsString(run.inputs), "outputs", run.outputs, "error", run.error, "total_steps", run.totalSteps,
                "total_tokens", run.totalTokens, "created_at", run.createdAt, "finished_at", run.finishedAt, "elapsed_time", run.elapsedSeconds()));
    }

    /** A run's events from now on: a finished run sends its {@code workflow_finished} alone; a paused one the rest once its form is submitted. */
    private Mono<ServerResponse> resumedEvents(ServerRequest request) {
        ScriptedApp app = Wire.app(request);
        String user = Wire.recorded(request).user();
        WorkflowRun run = this.memory.run(app.apiKey(), request.pathVariable("run_id"));
        if (!app.mode().runsWorkflow()) {
            return Wire.error(HttpStatus.BAD_REQUEST, "not_workflow_app", WRONG_ROUTE);
        }
        if (user == null || user.isBlank()) {
            return Wire.userRequired();
        }
        if (run == null || !run.user.equals(user) || (run.finishedAt == null && (run.answers == null || run.pausedOn == null))) {
            return Wire.error(HttpStatus.NOT_FOUND, "not_found", "Workflow run not found");
        }
        if (run.finishedAt != null) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.CONTENT_TYPE, EventStreams.EVENT_STREAM);
            Map<String, Object> finished = Wire.obj("event", "workflow_finished", "task_id", run.id, "workflow_run_id", run.id,
                    "data", WorkflowAnswers.finishedData(run));
            return this.streams.frames(Flux.just(EventStreams.frame(finished)), Duration.ZERO, headers);
        }
        Flux<Map<String, Object>> events = run.submitted().flatMapMany((submission) -> run.answers.resumed(run.pausedOn, submission));
        return this.streams.events(request, events, app.pace(), (fault) -> WorkflowAnswers.errorEvent(run, fault));
    }

    private Mono<ServerResponse> form(ServerRequest request) {
        WorkflowRun run = this.memory.runWaitingOn(Wire.app(request).apiKey(), request.pathVariable("form_token"));
        if (run == null || run.pausedOn == null || run.answers == null) {
            return Wire.error(HttpStatus.NOT_FOUND, "not_found", "Form not found");
        }
        if (run.submission != null) {
            return formSubmitted(run);
        }
        HumanInputPause form = run.pausedOn;
        Map<String, Object> defaults = Wire.obj();
        form.defaults().forEach((name, value) -> defaults.put(name, String.valueOf(value)));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Wire.JSON.writeValueAsString(Wire.obj(
                "form_content", form.content(), "inputs", form.inputs(), "resolved_default_values", defaults, "user_actions", form.actions(),
                "expiration_time", run.answers.expiration(form))));
    }

    private Mono<ServerResponse> submitForm(ServerRequest request) {
        RecordedRequest recorded = Wire.recorded(request);
        WorkflowRun run = this.memory.runWaitingOn(Wire.app(request).apiKey(), request.pathVariable("form_token"));
        Object action = recorded.body().get("action");
        Object inputs = recorded.body().get("inputs");
        if (recorded.user() == null || recorded.user().isBlank()) {
            return Wire.userRequired();
        }
        if (run == null || run.pausedOn == null) {
            return Wire.error(HttpStatus.NOT_FOUND, "not_found", "Form not found");
        }
        if (run.submission != null) {
            return formSubmitted(run);
        }
        if (!(action instanceof String) || !(inputs instanceof Map)) {
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", ((action == null) ? "action" : "inputs") + ": Field required");
        }
        // Dify takes this text from its graph runtime (graphon), which is not in Dify's repository; this one is ours.
        List<Object> actionIds = run.pausedOn.actions().stream().map((item) -> item.get("id")).toList();
        if (!actionIds.contains(action)) {
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_form_data", "Unknown action '" + action + "'; the form has " + actionIds);
        }
        run.submit(Wire.obj("action", action, "inputs", inputs));
        return Wire.ok(Map.of());
    }

    private static Mono<ServerResponse> formSubmitted(WorkflowRun run) {
        return Wire.error(HttpStatus.PRECONDITION_FAILED, "human_input_form_submitted",
                "This form has already been submitted by another user, form_id=" + WorkflowAnswers.formId(run));
    }

    static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return (oneLine.length() > 60) ? oneLine.substring(0, 57) + "..." : oneLine;
    }
}
