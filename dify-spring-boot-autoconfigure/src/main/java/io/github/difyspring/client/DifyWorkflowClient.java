package io.github.difyspring.client;

import java.util.EnumSet;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.RequestSupport;
import io.github.difyspring.client.observation.DifyObservationConvention;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.client.workflow.WorkflowRunResponse;

/**
 * The client of one workflow app. Non-blocking: every method returns a {@link Mono} or
 * {@link Flux} that does nothing until subscribed; call {@code block()} where you need to wait.
 *
 * <p>Failures arrive as unchecked {@link io.github.difyspring.client.error.DifyException}s: HTTP error
 * answers as a {@link io.github.difyspring.client.error.DifyApiException} subclass, an {@code error}
 * event mid-stream as a {@link io.github.difyspring.client.error.DifyStreamException}.
 */
public class DifyWorkflowClient extends DifyAppClient implements WorkflowRunOperations {

    /** Where a stream of this client is stopped. */
    private static final String STOP_PATH = "/workflows/tasks/{task_id}/stop";

    private final WorkflowRuns runs = new WorkflowRuns(this.transport);

    /**
     * Creates the client of one app.
     * @param app the app, of type workflow
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     */
    public DifyWorkflowClient(DifyApp app, WebClient.Builder webClientBuilder) {
        this(app, webClientBuilder, ObservationRegistry.NOOP, null);
    }

    /**
     * Creates the client of one app whose operations are observed: one observation per call,
     * spanning the whole stream for streaming calls.
     * @param app the app, of type workflow
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     * @param observationRegistry where the observations go
     * @param observationConvention names and tags them, or {@code null} for the
     * {@link io.github.difyspring.client.observation.DefaultDifyObservationConvention default}
     */
    public DifyWorkflowClient(DifyApp app, WebClient.Builder webClientBuilder, ObservationRegistry observationRegistry,
            @Nullable DifyObservationConvention observationConvention) {
        super(app, webClientBuilder, EnumSet.of(DifyAppType.WORKFLOW), observationRegistry, observationConvention);
    }

    /**
     * Runs the workflow and waits for its result ({@code response_mode: blocking}).
     * @param request the run
     * @return the result; a run that failed inside the workflow has status {@code failed}
     */
    public Mono<WorkflowRunResponse> run(WorkflowRunRequest request) {
        return Mono.defer(() -> this.transport.json(runCall(null, request, false), WorkflowRunResponse.class));
    }

    /**
     * The request that runs the workflow (its latest version, or a published one): never sent again
     * once Dify may have received it, and, as a stream, stopped on Dify's side as its user when the
     * client abandons it.
     */
    private DifyCall runCall(@Nullable String workflowId, WorkflowRunRequest request, boolean streaming) {
        String user = RequestSupport.user(app(), request.user());
        DifyCall call = (workflowId != null)
                ? DifyCall.post("/workflows/{workflow_id}/run").pathVariable("workflow_id", workflowId)
                : DifyCall.post("/workflows/run");
        call.notIdempotent()
            .json(RequestBodies.workflowRun(request, user, streaming ? "streaming" : "blocking"))
            .traceId(request.traceId());
        return streaming ? call.stopOnCancel(STOP_PATH, user) : call;
    }

    /**
     * Runs the workflow and waits for its result, like {@link #run(WorkflowRunRequest)}, but gives
     * the result's JSON exactly as Dify sent it, for relaying it with every field kept.
     * @param request the run
     * @return Dify's JSON answer, as received
     */
    public Mono<String> runRaw(WorkflowRunRequest request) {
        return Mono.defer(() -> this.transport.json(runCall(null, request, false), String.class));
    }

    /**
     * Runs the workflow and streams its progress ({@code response_mode: streaming}):
     * {@code workflow_started}, node events, {@code text_chunk}s, then {@code workflow_finished},
     * {@code workflow_paused} (waiting for a human-input form) or an error. The {@code Flux}
     * completes when the server closes the stream; cancelling it closes the connection
     * and, unless the app's options turn it off, asks Dify to stop generating (the stop endpoint, for
     * the task and user of the stream).
     * @param request the run
     * @return the events
     */
    public Flux<DifyEvent> stream(WorkflowRunRequest request) {
        return Flux.defer(() -> this.transport.events(runCall(null, request, true)));
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
        return Mono.defer(() -> this.transport.json(runCall(workflowId, request, false), WorkflowRunResponse.class));
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
        return Flux.defer(() -> this.transport.events(runCall(workflowId, request, true)));
    }

    /**
     * Streams like {@link #stream(WorkflowRunRequest)}, but passes each event on untyped, with its JSON exactly
     * as Dify sent it: for relaying a stream to a browser or another service with every field kept.
     * @param request the request
     * @return the raw events
     */
    public Flux<DifyRawEvent> streamRaw(WorkflowRunRequest request) {
        return Flux.defer(() -> this.transport.rawEvents(runCall(null, request, true)));
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
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.post(STOP_PATH)
                .pathVariable("task_id", taskId)
                .json(Map.of("user", RequestSupport.user(app(), user)))));
    }

    @Override
    public WorkflowRuns workflowRuns() {
        return this.runs;
    }
}
