package dev.dify.spring.client.workflow;

import java.util.EnumSet;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import dev.dify.spring.client.DifyApp;
import dev.dify.spring.client.DifyAppClient;
import dev.dify.spring.client.DifyAppType;
import dev.dify.spring.client.NumberedPage;
import dev.dify.spring.client.event.DifyEvent;
import dev.dify.spring.client.event.DifyRawEvent;
import dev.dify.spring.client.support.DifyCall;
import dev.dify.spring.client.support.RequestSupport;

/**
 * The client of one workflow app. Non-blocking: every method returns a {@link Mono} or
 * {@link Flux} that does nothing until subscribed; call {@code block()} where you need to wait.
 *
 * <p>Failures arrive as unchecked {@link dev.dify.spring.client.error.DifyException}s: HTTP error
 * answers as a {@link dev.dify.spring.client.error.DifyApiException} subclass, an {@code error}
 * event mid-stream as a {@link dev.dify.spring.client.error.DifyStreamException}.
 */
public class DifyWorkflowClient extends DifyAppClient {

    private final WorkflowRuns runs = new WorkflowRuns(this.transport);

    /**
     * Creates the client of one app.
     * @param app the app, of type workflow
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     */
    public DifyWorkflowClient(DifyApp app, WebClient.Builder webClientBuilder) {
        super(app, webClientBuilder, EnumSet.of(DifyAppType.WORKFLOW));
    }

    /**
     * Runs the workflow and waits for its result ({@code response_mode: blocking}).
     * @param request the run
     * @return the result; a run that failed inside the workflow has status {@code failed}
     */
    public Mono<WorkflowRunResponse> run(WorkflowRunRequest request) {
        return Mono.defer(() -> this.transport.json(DifyCall.post("/workflows/run")
                .json(request.toBody(RequestSupport.user(app(), request.user()), "blocking"))
                .traceId(request.traceId()), WorkflowRunResponse.class));
    }

    /**
     * Runs the workflow and streams its progress ({@code response_mode: streaming}):
     * {@code workflow_started}, node events, {@code text_chunk}s, then {@code workflow_finished},
     * {@code workflow_paused} (waiting for a human-input form) or an error. The {@code Flux}
     * completes when the server closes the stream; cancelling it closes the connection.
     * @param request the run
     * @return the events
     */
    public Flux<DifyEvent> stream(WorkflowRunRequest request) {
        return Flux.defer(() -> this.transport.events(DifyCall.post("/workflows/run")
                .json(request.toBody(RequestSupport.user(app(), request.user()), "streaming"))
                .traceId(request.traceId())));
    }

    /**
     * Runs a published version of the workflow rather than the latest one and waits for its
     * result: {@code POST /workflows/{workflow_id}/run} with {@code response_mode: blocking}.
     * @param workflowId the published version, as the {@code workflow_id} of a run answers it; a
     * draft version is rejected with HTTP 400 ({@code bad_request}), and Dify Cloud's sandbox plan
     * rejects the call with HTTP 403
     * @param request the run
     * @return the result; a run that failed inside the workflow has status {@code failed}
     */
    public Mono<WorkflowRunResponse> run(String workflowId, WorkflowRunRequest request) {
        return Mono.defer(() -> this.transport.json(DifyCall.post("/workflows/{workflow_id}/run")
                .pathVariable("workflow_id", workflowId)
                .json(request.toBody(RequestSupport.user(app(), request.user()), "blocking"))
                .traceId(request.traceId()), WorkflowRunResponse.class));
    }

    /**
     * Runs a published version of the workflow rather than the latest one and streams its
     * progress: {@code POST /workflows/{workflow_id}/run} with {@code response_mode: streaming}. The
     * events are those of {@link #stream(WorkflowRunRequest)}.
     * @param workflowId the published version, as the {@code workflow_id} of a run answers it
     * @param request the run
     * @return the events
     */
    public Flux<DifyEvent> stream(String workflowId, WorkflowRunRequest request) {
        return Flux.defer(() -> this.transport.events(DifyCall.post("/workflows/{workflow_id}/run")
                .pathVariable("workflow_id", workflowId)
                .json(request.toBody(RequestSupport.user(app(), request.user()), "streaming"))
                .traceId(request.traceId())));
    }

    /**
     * Streams like {@link #stream(WorkflowRunRequest)}, but passes each event on untyped, with its JSON exactly
     * as Dify sent it: for relaying a stream to a browser or another service with every field kept.
     * @param request the request
     * @return the raw events
     */
    public Flux<DifyRawEvent> streamRaw(WorkflowRunRequest request) {
        return Flux.defer(() -> this.transport.rawEvents(DifyCall.post("/workflows/run")
            .json(request.toBody(RequestSupport.user(app(), request.user()), "streaming"))
            .traceId(request.traceId())));
    }

    /**
     * Stops a streaming run that the app's default user started.
     * @param taskId the task id from any event of the stream
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId) {
        return stop(taskId, null);
    }

    /**
     * Stops a streaming run. Only the user who started it may stop it.
     * @param taskId the task id from any event of the stream
     * @param user the user who started it, or {@code null} for the app's default user
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId, @Nullable String user) {
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.post("/workflows/tasks/{task_id}/stop")
                .pathVariable("task_id", taskId)
                .json(Map.of("user", RequestSupport.user(app(), user)))));
    }

    /**
     * Reads a run: its status, inputs, outputs and cost ({@code GET /workflows/run/{workflow_run_id}}).
     * @param workflowRunId the run id, from a run's answer or events
     * @return the run
     */
    public Mono<WorkflowRunDetail> runDetail(String workflowRunId) {
        return this.runs.runDetail(workflowRunId);
    }

    /**
     * Reads one page of the workflow logs, filtered ({@code GET /workflows/logs}).
     * @param query the page and the filters
     * @return the page
     */
    public Mono<NumberedPage<WorkflowLog>> workflowLogPage(WorkflowLogQuery query) {
        return this.runs.workflowLogPage(query);
    }

    /**
     * Streams the workflow logs a query matches, from its page on, fetching each page only when
     * its entries are wanted, so {@code workflowLogs(query).take(50)} reads only the pages it
     * needs.
     * @param query the first page, the page size and the filters
     * @return the entries, in the server's order (newest first)
     */
    public Flux<WorkflowLog> workflowLogs(WorkflowLogQuery query) {
        return this.runs.workflowLogs(query);
    }

    /**
     * Resumes the event stream of a run after a pause or a dropped connection
     * ({@code GET /workflow/{workflow_run_id}/events}), with Dify's defaults: no replay of the
     * nodes that already ran, and the stream closes at the next pause.
     * @param workflowRunId the run id
     * @param user the user who started the run, or {@code null} for the app's default user
     * @return the events; completes when the server closes the stream
     */
    public Flux<DifyEvent> resumeStream(String workflowRunId, @Nullable String user) {
        return this.runs.resumeStream(workflowRunId, user, ResumeOptions.defaults());
    }

    /**
     * Resumes the event stream of a run after a pause or a dropped connection
     * ({@code GET /workflow/{workflow_run_id}/events}).
     * @param workflowRunId the run id
     * @param user the user who started the run, or {@code null} for the app's default user
     * @param options whether to replay the nodes that already ran and whether to stay open across pauses
     * @return the events; completes when the server closes the stream
     */
    public Flux<DifyEvent> resumeStream(String workflowRunId, @Nullable String user, ResumeOptions options) {
        return this.runs.resumeStream(workflowRunId, user, options);
    }

    /**
     * Reads the human-input form a paused run waits on ({@code GET /form/human_input/{form_token}}).
     * @param formToken the token from the {@code human_input_required} event
     * @return the form
     */
    public Mono<HumanInputForm> humanInputForm(String formToken) {
        return this.runs.humanInputForm(formToken);
    }

    /**
     * Submits a human-input form, which resumes the paused run
     * ({@code POST /form/human_input/{form_token}}); follow it with
     * {@link #resumeStream(String, String)}. A form takes one submission: another fails with HTTP
     * 412.
     * @param formToken the token from the {@code human_input_required} event
     * @param submission the button pressed and the fields' values
     * @return completes when Dify accepted the submission
     */
    public Mono<Void> submitHumanInputForm(String formToken, HumanInputSubmission submission) {
        return this.runs.submitHumanInputForm(formToken, submission);
    }
}
