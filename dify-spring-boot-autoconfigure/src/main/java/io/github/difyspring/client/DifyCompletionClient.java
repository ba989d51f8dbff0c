package io.github.difyspring.client;

import java.util.EnumSet;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.completion.CompletionResponse;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.observation.DifyObservationConvention;

/**
 * The client of one text generator (completion) app. Non-blocking: every method returns a {@link Mono} or
 * {@link Flux} that does nothing until subscribed; call {@code block()} where you need to wait.
 *
 * <p>Its variants are views: {@link #raw()} gives Dify's JSON as sent and {@link #forUser(String)}
 * acts for another end user.
 *
 * <p>Failures arrive as unchecked {@link io.github.difyspring.client.error.DifyException}s: HTTP error
 * answers as a {@link io.github.difyspring.client.error.DifyApiException} subclass, an {@code error}
 * event mid-stream as a {@link io.github.difyspring.client.error.DifyStreamException}.
 */
public class DifyCompletionClient extends DifyAppClient {

    /** Where a stream of this client is stopped. */
    private static final String STOP_PATH = "/completion-messages/{task_id}/stop";

    /**
     * Creates the client of one app.
     * @param app the app, of type completion
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     */
    public DifyCompletionClient(DifyApp app, WebClient.Builder webClientBuilder) {
        this(app, webClientBuilder, ObservationRegistry.NOOP, null);
    }

    /**
     * Creates the client of one app whose operations are observed: one observation per call,
     * spanning the whole stream for streaming calls.
     * @param app the app, of type completion
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     * @param observationRegistry where the observations go
     * @param observationConvention names and tags them, or {@code null} for the
     * {@link io.github.difyspring.client.observation.DefaultDifyObservationConvention default}
     */
    public DifyCompletionClient(DifyApp app, WebClient.Builder webClientBuilder, ObservationRegistry observationRegistry,
            @Nullable DifyObservationConvention observationConvention) {
        super(app, webClientBuilder, EnumSet.of(DifyAppType.COMPLETION), observationRegistry, observationConvention);
    }

    private DifyCompletionClient(DifyCompletionClient client, String user) {
        super(client, user);
    }

    @Override
    public DifyCompletionClient forUser(String user) {
        return new DifyCompletionClient(this, user);
    }

    /**
     * Generates the text and waits for all of it ({@code response_mode: blocking}).
     * @param request the request
     * @return the generated text
     */
    public Mono<CompletionResponse> send(CompletionRequest request) {
        return Mono.defer(() -> this.transport.json(generationCall(request, false), CompletionResponse.class));
    }

    /** The request that makes Dify generate the text. */
    private DifyCall generationCall(CompletionRequest request, boolean streaming) {
        String user = user(request.user());
        return generation(DifyCall.post("/completion-messages").json(RequestBodies.completion(request, user, responseMode(streaming)))
            .traceId(request.traceId()), STOP_PATH, user, streaming);
    }

    /**
     * Streams the text as it is generated ({@code response_mode: streaming}): {@code message}
     * fragments, then {@code message_end} with usage. The {@code Flux} completes when the server
     * closes the stream; cancelling it closes the connection
     * and, unless the app's options turn it off, asks Dify to stop generating (the stop endpoint, for
     * the task and user of the stream).
     * @param request the request
     * @return the events
     */
    public Flux<DifyEvent> stream(CompletionRequest request) {
        return Flux.defer(() -> this.transport.events(generationCall(request, true)));
    }

    /**
     * Stops a streaming generation ({@code POST /completion-messages/{task_id}/stop}). Only the
     * user who started it may stop it: this client's end user.
     * @param taskId the task id from any event of the stream
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId) {
        return stopTask(STOP_PATH, taskId);
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
     * The calls of a {@link DifyCompletionClient} that give Dify's answers as sent. Get it from
     * {@link DifyCompletionClient#raw()}.
     */
    public static final class Raw extends RawAnswers<CompletionRequest> {

        private final DifyCompletionClient client;

        private Raw(DifyCompletionClient client, boolean usageMetered) {
            super(client.transport, client::generationCall, usageMetered);
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
         * Generates the text and waits for all of it, like
         * {@link DifyCompletionClient#send(CompletionRequest)}, but gives the answer's JSON exactly
         * as Dify sent it.
         * @param request the request
         * @return Dify's JSON answer, as received
         */
        public Mono<String> send(CompletionRequest request) {
            return answer(request);
        }

        /**
         * Streams like {@link DifyCompletionClient#stream(CompletionRequest)}, but passes each event
         * on untyped, with its JSON exactly as Dify sent it; cancelling it stops the generation all
         * the same.
         * @param request the request
         * @return the raw events
         */
        public Flux<DifyRawEvent> stream(CompletionRequest request) {
            return events(request);
        }
    }
}
