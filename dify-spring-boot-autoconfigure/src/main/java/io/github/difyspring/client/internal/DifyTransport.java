package io.github.difyspring.client.internal;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.error.DifyResponseTimeoutException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.observation.DefaultDifyObservationConvention;
import io.github.difyspring.client.observation.DifyObservationConvention;

/**
 * The HTTP side shared by the Dify clients, put together from parts with one job each: requests
 * and the key ({@link RequestFactory}), answers that must be JSON ({@link JsonAnswers}), errors
 * ({@link ErrorMapping}), event streams ({@link StreamDecoding}), a stream's idle limit and the stop
 * of an abandoned one ({@link StreamLifecycle}), retries ({@link RetryPolicy}) and observations
 * ({@link Observations}). Not meant to be used directly: use the clients.
 */
public final class DifyTransport {

    private final DifyApp app;

    private final DifyClientOptions options;

    private final RequestFactory requests;

    private final ErrorMapping errors;

    private final JsonAnswers answers;

    private final StreamDecoding streams;

    private final StreamLifecycle lifecycle;

    private final RetryPolicy retryPolicy;

    private final Observations observations;

    /**
     * Builds the transport of one app from a builder. The builder is cloned, so the caller's stays
     * as it was; its codecs, filters and connector are kept. The app's time limits and retries come
     * from its {@link DifyApp#options() options}; its connect timeout and connection pool are the
     * connector's business (see {@link io.github.difyspring.client.DifyClients}).
     * @param app the app
     * @param builder the builder to start from, typically the application's
     */
    public DifyTransport(DifyApp app, WebClient.Builder builder) {
        this(app, builder, ObservationRegistry.NOOP, null);
    }

    /**
     * Builds the transport of one app from a builder, observing every operation.
     * @param app the app
     * @param builder the builder to start from, typically the application's
     * @param observationRegistry where the observations of the app's operations go
     * @param observationConvention names and tags them, or {@code null} for
     * {@link DefaultDifyObservationConvention}
     * @see #DifyTransport(DifyApp, WebClient.Builder)
     */
    public DifyTransport(DifyApp app, WebClient.Builder builder, ObservationRegistry observationRegistry,
            @Nullable DifyObservationConvention observationConvention) {
        this.app = app;
        this.options = app.options();
        // The silence limit is the innermost filter: it times the network, not the application's filters.
        this.requests = new RequestFactory(app, builder, SilenceLimit.FILTER);
        this.errors = new ErrorMapping(app.name(), app.type(), this.options.connectTimeout());
        this.answers = new JsonAnswers(app.name());
        this.streams = new StreamDecoding(app.name(), this.errors, this.requests.maxInMemorySize());
        this.lifecycle = new StreamLifecycle(app.name(), this.options, this::sendAcknowledged, this.errors);
        this.retryPolicy = new RetryPolicy(app.name(), this.options.retry());
        this.observations = new Observations(app, observationRegistry, observationConvention);
    }

    /**
     * The app this transport talks to.
     * @return the app
     */
    public DifyApp app() {
        return this.app;
    }

    /**
     * Sends a request and decodes its JSON answer.
     * @param <T> the answer type
     * @param call the request
     * @param answerType the type to decode the answer into
     * @return the decoded answer; an empty answer body is an error
     */
    public <T> Mono<T> json(DifyCall call, Class<T> answerType) {
        return json(call, (Type) answerType);
    }

    /**
     * Sends a request and decodes its JSON answer into a generic type, such as a page of items.
     * The whole exchange is bounded by the response timeout; failures before any answer and
     * "try later" statuses are retried as the app's retry options say.
     * @param <T> the answer type
     * @param call the request
     * @param answerType the type to decode the answer into
     * @return the decoded answer; an empty, non-JSON or 202 answer is an error
     */
    public <T> Mono<T> json(DifyCall call, ParameterizedTypeReference<T> answerType) {
        return json(call, answerType.getType());
    }

    private <T> Mono<T> json(DifyCall call, Type type) {
        String operation = call.operation();
        return this.observations.observe(call, blocking(call, () -> this.requests.request(call).exchangeToMono((response) -> {
            if (response.statusCode().isError()) {
                return this.errors.fromErrorAnswer(response, operation).flatMap(Mono::error);
            }
            return this.answers.body(response, operation).map((json) -> this.answers.<T>decode(json, type, operation));
        })));
    }

    /**
     * Sends a request whose answer carries nothing the caller needs, such as a stop or a delete.
     * Bounded by the response timeout and retried like {@link #json(DifyCall, Class)}.
     * @param call the request
     * @return completes when Dify accepted the request
     */
    public Mono<Void> discardingAnswer(DifyCall call) {
        return this.observations.observe(call, blocking(call, () -> sendAcknowledged(call)));
    }

    /**
     * One attempt of a request whose answer is an acknowledgement: a 204, or Dify's JSON such as
     * {@code {"result": "success"}}; anything else is an error.
     */
    private Mono<Void> sendAcknowledged(DifyCall call) {
        return this.requests.request(call).exchangeToMono((response) -> {
            if (response.statusCode().isError()) {
                return this.errors.fromErrorAnswer(response, call.operation()).flatMap(Mono::error);
            }
            if (response.statusCode().value() == 204) {
                return response.releaseBody();
            }
            return this.answers.body(response, call.operation()).then();
        });
    }

    /**
     * One attempt of a blocking call bounded by the response timeout, translated and retried.
     */
    private <T> Mono<T> blocking(DifyCall call, Supplier<Mono<T>> exchange) {
        String operation = call.operation();
        Duration limit = this.options.responseTimeout();
        return this.retryPolicy.retrying(call, Mono.defer(exchange)
            .timeout(limit, Mono.error(() -> new DifyResponseTimeoutException(this.app.name(), operation, limit)))
            .onErrorMap((ex) -> this.errors.translate(ex, operation)));
    }

    /**
     * Sends a request whose answer is binary content (a file, audio) and streams it without
     * holding it in memory. Each buffer must be released by the subscriber, as
     * {@link org.springframework.core.io.buffer.DataBufferUtils#write} does. The answer may take
     * as long as it needs as long as bytes keep coming: the response timeout bounds the wait for
     * each of them.
     * @param call the request
     * @return the content, buffer by buffer
     */
    public Flux<DataBuffer> bytes(DifyCall call) {
        String operation = call.operation();
        Duration limit = this.options.responseTimeout();
        SilenceLimit silence = new SilenceLimit(limit, () -> new DifyResponseTimeoutException(this.app.name(), operation, limit));
        return this.observations.observe(call, false, Flux.defer(() -> {
            AtomicBoolean delivered = new AtomicBoolean();
            return Flux.defer(() -> silence.on(this.requests.request(call)).exchangeToFlux((response) -> {
                if (response.statusCode().isError()) {
                    return this.errors.fromErrorAnswer(response, operation).flatMapMany(Flux::error);
                }
                return response.bodyToFlux(DataBuffer.class);
            }))
                .onErrorMap((ex) -> this.errors.translate(ex, operation))
                .retryWhen(this.retryPolicy.forCall(call, delivered::get))
                .doOnNext((buffer) -> delivered.set(true));
        }));
    }

    /**
     * Sends a request whose answer is a server-sent-event stream and decodes each event. Pings are
     * dropped; an event that cannot be read arrives as an
     * {@link io.github.difyspring.client.event.UndecodableEvent}; an {@code error} event ends the
     * stream with an error after the events before it; the stream completes when the server closes it.
     * @param call the request
     * @return the events, in the order the server sent them
     */
    public Flux<DifyEvent> events(DifyCall call) {
        return sse(call, DifyEventReader::read, DifyEvent::taskId);
    }

    /**
     * Sends a request whose answer is a server-sent-event stream and passes each event on with its
     * JSON as received, without decoding it. Pings are dropped; an {@code error} event ends the
     * stream with an error after the events before it.
     * @param call the request
     * @return the raw events, in the order the server sent them
     */
    public Flux<DifyRawEvent> rawEvents(DifyCall call) {
        return sse(call, DifyEventReader::readRaw, DifyRawEvent::taskId);
    }

    /**
     * A stream: bounded by the idle limit, retried before its first event and never after, and
     * stopped on Dify's side when the client abandons it.
     */
    private <E> Flux<E> sse(DifyCall call, StreamDecoding.Conversion<E> conversion, Function<E, @Nullable String> taskIdOf) {
        String operation = call.operation();
        SilenceLimit idle = this.lifecycle.idleLimit(operation);
        return this.observations.observe(call, true, Flux.defer(() -> {
            AtomicBoolean delivered = new AtomicBoolean();
            Flux<E> events = Flux.defer(() -> idle.on(this.requests.request(call))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchangeToFlux((response) -> this.streams.events(response, operation, conversion)))
                .onErrorMap((ex) -> this.errors.translate(ex, operation))
                .retryWhen(this.retryPolicy.forCall(call, delivered::get))
                .doOnNext((event) -> delivered.set(true));
            return this.lifecycle.stoppedWhenAbandoned(call, events, taskIdOf);
        }));
    }

    /**
     * Describes the transport without its key.
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "DifyTransport[" + this.app + "]";
    }
}
