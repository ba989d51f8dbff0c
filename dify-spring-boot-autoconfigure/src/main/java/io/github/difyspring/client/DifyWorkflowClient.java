package io.github.difyspring.client;

import java.util.EnumSet;

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
import io.github.difyspring.client.observation.DifyObservationConvention;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.client.workflow.WorkflowRunResponse;

/**
 * The client of one workflow app. Non-blocking: every method returns a {@link Mono} or
 * {@link Flux} that does nothing until subscribed; call {@code block()} where you need to wait.
 *
 * <p>Its variants are views: {@link #raw()} gives Dify's JSON as sent, {@link #forUser(String)}
 * acts for another end user and {@link #workflowRuns()} holds the app's runs. A run of a published
 * version rather than the latest is a {@link WorkflowRunRequest#workflowId() request option}.
 *
 * <p>Failures arrive as unchecked {@link io.github.difyspring.client.error.DifyException}s: HTTP error
 * answers as a {@link io.github.difyspring.client.error.DifyApiException} subclass, an {@code error}
 * event mid-stream as a {@link io.github.difyspring.client.error.DifyStreamException}.
 */
public class DifyWorkflowClient extends DifyAppClient implements WorkflowRunOperations {

    /** Where a stream of this client is stopped. */
    private static final String STOP_PATH = "/workflows/tasks/{task_id}/stop";

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

    private DifyWorkflowClient(DifyWorkflowClient client, String user) {
        super(client, user);
    }

    @Override
    public DifyWorkflowClient forUser(String user) {
        return new DifyWorkflowClient(this, user);
    }

    /**
     * Runs the workflow and waits for its result ({@code response_mode: blocking}).
     * @param request the run
     * @return the result; a run that failed inside the workflow has status {@code failed}, one
     * that waits for human input is {@link WorkflowRunResponse#isPaused() paused}
     */
    public Mono<WorkflowRunResponse> run(WorkflowRunRequest request) {
        return Mono.defer(() -> this.transport.json(runCall(request, false), WorkflowRunResponse.class));
    }

    /** The request that runs the workflow: its latest version, or a published one. */
    private DifyCall runCall(WorkflowRunRequest request, boolean streaming) {
        String user = user(request.user());
        DifyCall call = (request.workflowId() != null)
                ? DifyCall.post("/workflows/{workflow_id}/run").pathVariable("workflow_id", request.workflowId())
                : DifyCall.post("/workflows/run");
        return generation(call.json(RequestBodies.workflowRun(request, user, responseMode(streaming))).traceId(request.traceId()),
                STOP_PATH, user, streaming);
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
        return Flux.defer(() -> this.transport.events(runCall(request, true)));
    }

    /**
     * Stops a streaming run ({@code POST /workflows/tasks/{task_id}/stop}). Only the user who
     * started it may stop it: this client's end user.
     * @param taskId the task id from any event of the stream
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId) {
        return stopTask(STOP_PATH, taskId);
    }

    /**
     * The app's runs: run detail, logs, resuming a stream, human-input forms.
     * @return the workflow-runs view
     */
    @Override
    public WorkflowRuns workflowRuns() {
        return new WorkflowRuns(this.transport, app());
    }

    /**
     * This client with answers as Dify sent them: JSON text and untyped events, for relaying them
     * to a browser or another service with every field kept.
     * @return the raw view
     */
    public Raw raw() {
        return new Raw(this, false);
    }

    /**
     * The calls of a {@link DifyWorkflowClient} that give Dify's answers as sent. Get it from
     * {@link DifyWorkflowClient#raw()}.
     */
    public static final class Raw extends RawAnswers<WorkflowRunRequest> {

        private final DifyWorkflowClient client;

        private Raw(DifyWorkflowClient client, boolean usageMetered) {
            super(client.transport, client::runCall, usageMetered);
            this.client = client;
        }

        /**
         * This view, with the usage Dify reports (in a blocking answer, or in a stream's
         * {@code message_end} or {@code workflow_finished}) read for the token and price meters.
         * Without it a raw answer is passed on without being decoded at all, and its tokens are not
         * counted.
         * @return the metered raw view
         */
        public Raw withUsageMetrics() {
            return new Raw(this.client, true);
        }

        /**
         * Runs the workflow and waits for its result, like
         * {@link DifyWorkflowClient#run(WorkflowRunRequest)}, but gives the result's JSON exactly as
         * Dify sent it.
         * @param request the run
         * @return Dify's JSON answer, as received
         */
        public Mono<String> run(WorkflowRunRequest request) {
            return answer(request);
        }

        /**
         * Streams like {@link DifyWorkflowClient#stream(WorkflowRunRequest)}, but passes each event
         * on untyped, with its JSON exactly as Dify sent it; cancelling it stops the run all the same.
         * @param request the run
         * @return the raw events
         */
        public Flux<DifyRawEvent> stream(WorkflowRunRequest request) {
            return events(request);
        }
    }
}
