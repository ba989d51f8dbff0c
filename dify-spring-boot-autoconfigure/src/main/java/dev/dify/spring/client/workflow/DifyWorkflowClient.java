package dev.dify.spring.client.workflow;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

import dev.dify.spring.client.DifyApp;
import dev.dify.spring.client.DifyAppType;
import dev.dify.spring.client.event.DifyEvent;
import dev.dify.spring.client.support.DifyTransport;
import dev.dify.spring.client.support.RequestSupport;

/**
 * The client of one workflow app. Non-blocking: every method returns a {@link Mono} or
 * {@link Flux} that does nothing until subscribed; call {@code block()} where you need to wait.
 *
 * <p>Failures arrive as unchecked {@link dev.dify.spring.client.error.DifyException}s: HTTP error
 * answers as a {@link dev.dify.spring.client.error.DifyApiException} subclass, an {@code error}
 * event mid-stream as a {@link dev.dify.spring.client.error.DifyStreamException}.
 */
public class DifyWorkflowClient {

    private final DifyTransport transport;

    /**
     * Creates the client of one app.
     * @param app the app, of type workflow
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     */
    public DifyWorkflowClient(DifyApp app, WebClient.Builder webClientBuilder) {
        if (app.type() != DifyAppType.WORKFLOW) {
            throw new IllegalArgumentException("Dify app '" + app.name() + "' is a " + app.type()
                    + " app; DifyWorkflowClient serves workflow apps");
        }
        this.transport = new DifyTransport(app, webClientBuilder);
    }

    /**
     * The app this client talks to.
     * @return the app
     */
    public DifyApp app() {
        return this.transport.app();
    }

    /**
     * Runs the workflow and waits for its result ({@code response_mode: blocking}).
     * @param request the run
     * @return the result; a run that failed inside the workflow has status {@code failed}
     */
    public Mono<WorkflowRunResponse> run(WorkflowRunRequest request) {
        return Mono.defer(() -> this.transport.exchange(HttpMethod.POST, "/workflows/run", Map.of(),
                request.toBody(RequestSupport.user(app(), request.user()), "blocking"), request.traceId(),
                WorkflowRunResponse.class));
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
        return Flux.defer(() -> this.transport.stream("/workflows/run", Map.of(),
                request.toBody(RequestSupport.user(app(), request.user()), "streaming"), request.traceId()));
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
        return Mono.defer(() -> this.transport.exchangeDiscarding(HttpMethod.POST, "/workflows/tasks/{task_id}/stop",
                Map.of("task_id", taskId), Map.of("user", RequestSupport.user(app(), user))));
    }

    @Override
    public String toString() {
        return "DifyWorkflowClient[" + app() + "]";
    }
}
