package dev.dify.spring.client.chat;

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
 * The client of one chat, agent or chatflow app. Non-blocking: every method returns a
 * {@link Mono} or {@link Flux} that does nothing until subscribed. In a Spring MVC or plain Java
 * application call {@code block()} on the {@code Mono}, or {@code toIterable()} /
 * {@code toStream()} on the {@code Flux}.
 *
 * <p>Failures arrive as unchecked {@link dev.dify.spring.client.error.DifyException}s: HTTP error
 * answers as a {@link dev.dify.spring.client.error.DifyApiException} subclass, an {@code error}
 * event mid-stream as a {@link dev.dify.spring.client.error.DifyStreamException}.
 */
public class DifyChatClient {

    private final DifyTransport transport;

    /**
     * Creates the client of one app.
     * @param app the app, of type chat, agent or chatflow
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     */
    public DifyChatClient(DifyApp app, WebClient.Builder webClientBuilder) {
        if (!app.type().isChat()) {
            throw new IllegalArgumentException("Dify app '" + app.name() + "' is a " + app.type()
                    + " app; DifyChatClient serves chat, agent and chatflow apps");
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
     * Sends a message from the app's default user in a new conversation and waits for the whole
     * answer.
     * @param query the message
     * @return the answer
     */
    public Mono<ChatResponse> send(String query) {
        return send(ChatRequest.of(query));
    }

    /**
     * Sends a message and waits for the whole answer ({@code response_mode: blocking}). Agent apps
     * cannot answer in blocking mode, so for them the answer is streamed and assembled here.
     * @param request the message
     * @return the answer
     */
    public Mono<ChatResponse> send(ChatRequest request) {
        if (app().type() == DifyAppType.AGENT) {
            return stream(request).collect(AgentAnswer::new, AgentAnswer::add).map(AgentAnswer::toResponse);
        }
        return Mono.defer(() -> this.transport.exchange(HttpMethod.POST, "/chat-messages", Map.of(),
                request.toBody(RequestSupport.user(app(), request.user()), "blocking"), request.traceId(),
                ChatResponse.class));
    }

    /**
     * Sends a message and streams the answer as it is generated ({@code response_mode: streaming}).
     * The events arrive in the server's order: {@code message} (or {@code agent_message}) fragments,
     * agent thoughts, workflow and node events in chatflows, and {@code message_end} with usage. The
     * {@code Flux} completes when the server closes the stream; cancelling it closes the connection.
     * @param request the message
     * @return the events
     */
    public Flux<DifyEvent> stream(ChatRequest request) {
        return Flux.defer(() -> this.transport.stream("/chat-messages", Map.of(),
                request.toBody(RequestSupport.user(app(), request.user()), "streaming"), request.traceId()));
    }

    /**
     * Stops a streaming answer that the app's default user started.
     * @param taskId the task id from any event of the stream
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId) {
        return stop(taskId, null);
    }

    /**
     * Stops a streaming answer. Only the user who started it may stop it.
     * @param taskId the task id from any event of the stream
     * @param user the user who started it, or {@code null} for the app's default user
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId, @Nullable String user) {
        return Mono.defer(() -> this.transport.exchangeDiscarding(HttpMethod.POST, "/chat-messages/{task_id}/stop",
                Map.of("task_id", taskId), Map.of("user", RequestSupport.user(app(), user))));
    }

    @Override
    public String toString() {
        return "DifyChatClient[" + app() + "]";
    }
}
