package dev.dify.spring.client.completion;

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
 * The client of one text generator (completion) app. Non-blocking: every method returns a {@link Mono} or
 * {@link Flux} that does nothing until subscribed; call {@code block()} where you need to wait.
 *
 * <p>Failures arrive as unchecked {@link dev.dify.spring.client.error.DifyException}s: HTTP error
 * answers as a {@link dev.dify.spring.client.error.DifyApiException} subclass, an {@code error}
 * event mid-stream as a {@link dev.dify.spring.client.error.DifyStreamException}.
 */
public class DifyCompletionClient {

    private final DifyTransport transport;

    /**
     * Creates the client of one app.
     * @param app the app, of type completion
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     */
    public DifyCompletionClient(DifyApp app, WebClient.Builder webClientBuilder) {
        if (app.type() != DifyAppType.COMPLETION) {
            throw new IllegalArgumentException("Dify app '" + app.name() + "' is a " + app.type()
                    + " app; DifyCompletionClient serves completion apps");
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
     * Generates the text and waits for all of it ({@code response_mode: blocking}).
     * @param request the request
     * @return the generated text
     */
    public Mono<CompletionResponse> send(CompletionRequest request) {
        return Mono.defer(() -> this.transport.exchange(HttpMethod.POST, "/completion-messages", Map.of(),
                request.toBody(RequestSupport.user(app(), request.user()), "blocking"), request.traceId(),
                CompletionResponse.class));
    }

    /**
     * Streams the text as it is generated ({@code response_mode: streaming}): {@code message}
     * fragments, then {@code message_end} with usage. The {@code Flux} completes when the server
     * closes the stream; cancelling it closes the connection.
     * @param request the request
     * @return the events
     */
    public Flux<DifyEvent> stream(CompletionRequest request) {
        return Flux.defer(() -> this.transport.stream("/completion-messages", Map.of(),
                request.toBody(RequestSupport.user(app(), request.user()), "streaming"), request.traceId()));
    }

    /**
     * Stops a streaming generation that the app's default user started.
     * @param taskId the task id from any event of the stream
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId) {
        return stop(taskId, null);
    }

    /**
     * Stops a streaming generation. Only the user who started it may stop it.
     * @param taskId the task id from any event of the stream
     * @param user the user who started it, or {@code null} for the app's default user
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId, @Nullable String user) {
        return Mono.defer(() -> this.transport.exchangeDiscarding(HttpMethod.POST, "/completion-messages/{task_id}/stop",
                Map.of("task_id", taskId), Map.of("user", RequestSupport.user(app(), user))));
    }

    @Override
    public String toString() {
        return "DifyCompletionClient[" + app() + "]";
    }
}
