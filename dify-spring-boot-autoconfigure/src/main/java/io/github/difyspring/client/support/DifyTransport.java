package io.github.difyspring.client.support;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.difyspring.client.DifyApp;
import io.github.difyspring.client.DifyClientOptions;
import io.github.difyspring.client.HasUsage;
import io.github.difyspring.client.Usage;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyConnectTimeoutException;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.error.DifyException;
import io.github.difyspring.client.error.DifyForbiddenException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyPayloadTooLargeException;
import io.github.difyspring.client.error.DifyRateLimitException;
import io.github.difyspring.client.error.DifyResponseTimeoutException;
import io.github.difyspring.client.error.DifyServerException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.error.DifyStreamIdleTimeoutException;
import io.github.difyspring.client.error.DifyUnauthorizedException;
import io.github.difyspring.client.error.DifyUnsupportedMediaTypeException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.observation.DefaultDifyObservationConvention;
import io.github.difyspring.client.observation.DifyObservationContext;
import io.github.difyspring.client.observation.DifyObservationConvention;
import io.github.difyspring.client.observation.DifyObservationDocumentation;
import io.github.difyspring.client.observation.DifyOutcome;

/**
 * The HTTP side shared by the Dify clients: one {@link WebClient} per app with its key, JSON
 * decoding with the library's own lenient mapper ({@link DifyJson}), streams
 * split into events by a {@link ServerSentEventParser}, the mapping of error answers and transport
 * failures to exceptions, the app's time limits, retries and stop-on-cancel, and the observation of
 * every operation. Not meant to be used directly: use the clients.
 *
 * <p>The API key is added to each request only as it is written to the connection, after every
 * filter and after the WebClient's own logging: neither a filter nor
 * {@code spring.http.codecs.log-request-details} can see it, and a Reactor Netty wiretap logs it masked.
 */
public final class DifyTransport {

    private static final Log logger = LogFactory.getLog(DifyTransport.class);

    private static final int MAX_ERROR_BODY_CHARS = 8 * 1024;

    private static final String TRACE_ID_HEADER = "X-Trace-Id";

    /**
     * The request attribute the WebClient's own observation reads the URI template from, for the
     * {@code uri} tag of {@code http.client.requests}. The WebClient sets it only for a URI given as
     * a template string; requests built here set it themselves, to base path and path template.
     */
    private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

    private static final DifyObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultDifyObservationConvention();

    /** The request attribute that carries a {@link SilenceLimit} to the transport's filter. */
    private static final String SILENCE_LIMIT = DifyTransport.class.getName() + ".silenceLimit";

    private final DifyApp app;

    private final DifyClientOptions options;

    private final String authorization;

    /** The app's base URL without a trailing slash: the start of every request's URI template. */
    private final String uriTemplateBase;

    private final RetryPolicy retryPolicy;

    private final WebClient webClient;

    /** The largest stream event read into memory: the app's limit, or the codecs' when larger. */
    private final int maxEventBytes;

    private final ObservationRegistry observationRegistry;

    private final @Nullable DifyObservationConvention observationConvention;

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
        this.observationRegistry = observationRegistry;
        this.observationConvention = observationConvention;
        this.options = app.options();
        this.authorization = "Bearer " + app.apiKey();
        this.uriTemplateBase = app.baseUrl().toString().replaceAll("/+$", "");
        this.retryPolicy = new RetryPolicy(app.name(), this.options.retry());
        AtomicReference<Integer> maxEventBytes = new AtomicReference<>(this.options.maxInMemorySize());
        this.webClient = builder.clone()
            .baseUrl(app.baseUrl().toString())
            .codecs((codecs) -> {
                // Dify events and answers (workflow outputs, TTS audio chunks) outgrow the 256 KiB
                // codec default; an application setting that is larger still wins.
                Integer configured = (codecs.defaultCodecs() instanceof CodecConfigurer.DefaultCodecConfig config)
                        ? config.maxInMemorySize() : null;
                if (configured == null || configured < this.options.maxInMemorySize()) {
                    codecs.defaultCodecs().maxInMemorySize(this.options.maxInMemorySize());
                    configured = this.options.maxInMemorySize();
                }
                maxEventBytes.set(configured);
            })
            // Last, so innermost: the silence limit times the network, not the application's filters.
            .filter(this::limitSilence)
            .build();
        this.maxEventBytes = maxEventBytes.get();
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
        return json(call, ParameterizedTypeReference.forType(answerType));
    }

    /**
     * Sends a request and decodes its JSON answer into a generic type, such as a page of items.
     * The whole exchange is bounded by the response timeout; failures before any answer and
     * "try later" statuses are retried as the app's retry options say.
     * @param <T> the answer type
     * @param call the request
     * @param answerType the type to decode the answer into
     * @return the decoded answer; an empty answer body is an error
     */
    public <T> Mono<T> json(DifyCall call, ParameterizedTypeReference<T> answerType) {
        String operation = call.operation();
        Type type = answerType.getType();
        return observe(call, blocking(call, () -> request(call, null).exchangeToMono((response) -> {
            if (response.statusCode().isError()) {
                return toException(response, operation).flatMap(Mono::error);
            }
            return jsonAnswer(response, operation).map((json) -> decodeAnswer(json, type, operation));
        })));
    }

    /**
     * The JSON bytes (UTF-8, as Dify sends them) of a successful answer. Only a 200 or 201 answer in
     * a JSON content type with a body is one: a 202 (queued by something in between, not answered),
     * an empty body or a proxy's HTML page is an error, never an empty success.
     */
    private Mono<byte[]> jsonAnswer(ClientResponse response, String operation) {
        int status = response.statusCode().value();
        MediaType contentType = response.headers().contentType().orElse(null);
        boolean json = contentType != null && isJson(contentType);
        return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
            if ((status == 200 || status == 201) && json && !isBlank(bytes)) {
                return Mono.just(bytes);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return Mono.error(new DifyDecodingException(this.app.name(), "Dify app '" + this.app.name() + "': " + operation
                    + " answered HTTP " + status + ((contentType != null) ? " with content type " + contentType : " without a content type")
                    + (text.isBlank() ? " and an empty body" : ": " + shorten(text, 300)) + ", not a JSON answer", null, null));
        });
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isJson(MediaType contentType) {
        return MediaType.APPLICATION_JSON.isCompatibleWith(contentType) || contentType.getSubtype().endsWith("+json");
    }

    @SuppressWarnings("unchecked")
    private <T> T decodeAnswer(byte[] json, Type type, String operation) {
        if (type == String.class) {
            return (T) new String(json, StandardCharsets.UTF_8);
        }
        try {
            return DifyJson.read(json, type);
        }
        catch (RuntimeException ex) {
            throw new DifyDecodingException(this.app.name(), "Dify app '" + this.app.name() + "': " + operation
                    + " answered a body that does not fit " + type.getTypeName() + ": " + ex.getMessage(), null, ex);
        }
    }

    /**
     * Sends a request whose answer carries nothing the caller needs, such as a stop or a delete.
     * Bounded by the response timeout and retried like {@link #json(DifyCall, Class)}.
     * @param call the request
     * @return completes when Dify accepted the request
     */
    public Mono<Void> discardingAnswer(DifyCall call) {
        return observe(call, blocking(call, () -> sendDiscarding(call)));
    }

    private Mono<Void> sendDiscarding(DifyCall call) {
        return request(call, null).exchangeToMono((response) -> {
            if (response.statusCode().isError()) {
                return toException(response, call.operation()).flatMap(Mono::error);
            }
            if (response.statusCode().value() == 204) {
                return response.releaseBody();
            }
            // Anything else must be Dify's JSON acknowledgement, such as {"result": "success"}.
            return jsonAnswer(response, call.operation()).then();
        });
    }

    /**
     * One attempt of a blocking call bounded by the response timeout, translated and retried.
     */
    private <T> Mono<T> blocking(DifyCall call, Supplier<Mono<T>> exchange) {
        String operation = call.operation();
        Duration limit = this.options.responseTimeout();
        return Mono.defer(exchange)
            .timeout(limit, Mono.error(() -> new DifyResponseTimeoutException(this.app.name(), operation, limit)))
            .onErrorMap((ex) -> translate(ex, operation))
            .retryWhen(this.retryPolicy.forCall(call, () -> false));
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
        return observe(call, false, Flux.defer(() -> {
            AtomicBoolean delivered = new AtomicBoolean();
            return Flux.defer(() -> request(call, silence).exchangeToFlux((response) -> {
                if (response.statusCode().isError()) {
                    return toException(response, operation).flatMapMany(Flux::error);
                }
                return response.bodyToFlux(DataBuffer.class);
            }))
                .onErrorMap((ex) -> translate(ex, operation))
                .retryWhen(this.retryPolicy.forCall(call, delivered::get))
                .doOnNext((buffer) -> delivered.set(true));
        }));
    }

    /**
     * Sends a request whose answer is a server-sent-event stream and decodes each event. Pings are
     * dropped; an {@code error} event ends the stream with an error after the events before it; the
     * stream completes when the server closes it.
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
     * A stream: silence (no byte, pings included) longer than the idle timeout ends it; failures
     * before its first event are retried, none after. When the client stops reading a stream that
     * Dify did not end itself (a cancel, the idle limit, a size limit, a cut connection, a
     * downstream failure), it closes the connection and, once a task id was seen, asks Dify to stop
     * the task, so it stops spending tokens.
     */
    private <E> Flux<E> sse(DifyCall call, EventConversion<E> conversion, TaskIdOf<E> taskIdOf) {
        String operation = call.operation();
        Duration idle = this.options.streamIdleTimeout();
        SilenceLimit silence = new SilenceLimit(idle, () -> new DifyStreamIdleTimeoutException(this.app.name(), operation, idle));
        return observe(call, true, Flux.defer(() -> {
            AtomicBoolean delivered = new AtomicBoolean();
            AtomicReference<@Nullable String> taskId = new AtomicReference<>();
            AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
            Flux<E> attempt = Flux.defer(() -> request(call, silence)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchangeToFlux((response) -> decodeStream(response, operation, conversion)));
            return attempt
                .onErrorMap((ex) -> translate(ex, operation))
                .retryWhen(this.retryPolicy.forCall(call, delivered::get))
                .doOnNext((event) -> {
                    delivered.set(true);
                    if (taskId.get() == null) {
                        taskId.compareAndSet(null, taskIdOf.taskId(event));
                    }
                })
                .doOnError(failure::set)
                // doFinally, not doOnCancel: an operator downstream may cancel a stream that has
                // already failed; what counts is how the stream itself ended.
                .doFinally((signal) -> {
                    String abandoned = abandonment(signal, failure.get());
                    if (abandoned != null) {
                        stopAbandoned(call, taskId.get(), abandoned);
                    }
                });
        }));
    }

    /**
     * Why the client stopped reading a stream Dify may still be generating, or {@code null} when
     * Dify ended it: it closed the stream, sent an {@code error} event (the task is over), or
     * answered with an HTTP error (no task was started).
     */
    private static @Nullable String abandonment(SignalType signal, @Nullable Throwable failure) {
        if (signal == SignalType.CANCEL) {
            return "its stream was cancelled";
        }
        if (signal == SignalType.ON_ERROR && failure != null && !(failure instanceof DifyStreamException)
                && !(failure instanceof DifyApiException)) {
            return "its stream failed (" + failure.getClass().getSimpleName() + ")";
        }
        return null;
    }

    private <E> Flux<E> decodeStream(ClientResponse response, String operation, EventConversion<E> conversion) {
        if (response.statusCode().isError()) {
            return toException(response, operation).flatMapMany(Flux::error);
        }
        MediaType contentType = response.headers().contentType().orElse(null);
        if (contentType == null || !MediaType.TEXT_EVENT_STREAM.isCompatibleWith(contentType)) {
            return response.bodyToMono(String.class)
                .defaultIfEmpty("")
                .flatMapMany((text) -> Flux.error(new DifyDecodingException(this.app.name(), "Dify app '"
                        + this.app.name() + "': " + operation + " answered HTTP " + response.statusCode().value()
                        + ((contentType != null) ? " with content type " + contentType : " without a content type")
                        + " instead of an event stream" + (text.isEmpty() ? " (empty body)" : ": " + shorten(text, 300)),
                        null, null)));
        }
        DifyEventReader reader = new DifyEventReader(this.app.name(), operation, this::decodeJson);
        ServerSentEventParser parser = new ServerSentEventParser(this.maxEventBytes);
        return response.bodyToFlux(DataBuffer.class)
            .concatMapIterable(parser::read)
            .doOnDiscard(DataBuffer.class, DataBufferUtils::release)
            // A stream that ends in the middle of an event was cut off: the partial event is dropped
            // and the stream fails, rather than half an event being handed on.
            .concatWith(Mono.defer(() -> parser.isAtEventBoundary() ? Mono.empty()
                    : Mono.error(new DifyConnectionException(this.app.name(), operation,
                            "the stream ended in the middle of an event: the server or a proxy closed the connection early", null))))
            .<E>handle((sse, sink) -> {
                if (sse.failure() != null) {
                    sink.error(sse.failure());
                    return;
                }
                String data = sse.data();
                if (data.isBlank()) {
                    return; // a ping or a comment: keep-alives are not events
                }
                try {
                    sink.next(conversion.convert(reader, data, sse.name()));
                }
                catch (RuntimeException ex) {
                    sink.error(ex);
                }
            });
    }

    /**
     * Asks Dify to stop the task of a stream the client stopped reading: sent once, on the stop
     * timeout, and forgotten. Its outcome is logged at DEBUG only: the caller has moved on.
     */
    private void stopAbandoned(DifyCall call, @Nullable String taskId, String why) {
        String stopPath = call.stopPath();
        String user = call.stopUser();
        if (!this.options.stopOnCancel() || stopPath == null || user == null) {
            return;
        }
        if (taskId == null) {
            if (logger.isDebugEnabled()) {
                logger.debug("Dify app '" + this.app.name() + "': " + call.operation() + " ended before its first event, as " + why
                        + "; no task to stop");
            }
            return;
        }
        DifyCall stop = DifyCall.post(stopPath).pathVariable("task_id", taskId).json(Map.of("user", user));
        Duration limit = this.options.stopTimeout();
        sendDiscarding(stop)
            .timeout(limit, Mono.error(() -> new DifyResponseTimeoutException(this.app.name(), stop.operation(), limit)))
            .onErrorMap((ex) -> translate(ex, stop.operation()))
            .subscribe(null, (stopFailure) -> {
                if (logger.isDebugEnabled()) {
                    logger.debug("Dify app '" + this.app.name() + "': stopping task " + taskId + " after " + why + " failed: "
                            + stopFailure.getMessage());
                }
            }, () -> {
                if (logger.isDebugEnabled()) {
                    logger.debug("Dify app '" + this.app.name() + "': stopped task " + taskId + " after " + why);
                }
            });
    }

    /**
     * Makes a stream element of one event's data.
     */
    @FunctionalInterface
    private interface EventConversion<E> {

        E convert(DifyEventReader reader, String data, @Nullable String sseEventName);
    }

    /**
     * Reads the task id of a stream element.
     */
    @FunctionalInterface
    private interface TaskIdOf<E> {

        @Nullable String taskId(E event);
    }

    /**
     * How long a response may stay silent, and the error that ends it when it does.
     */
    private record SilenceLimit(Duration limit, Supplier<? extends Throwable> error) {
    }

    /**
     * The filter that enforces a request's {@link SilenceLimit}: on the wait for the status line
     * and headers, then between every two chunks of the body. Chunks, not events, so keep-alive
     * pings count; a timeout cancels the exchange, which closes the connection.
     */
    private Mono<ClientResponse> limitSilence(ClientRequest request, ExchangeFunction next) {
        SilenceLimit silence = (SilenceLimit) request.attribute(SILENCE_LIMIT).orElse(null);
        if (silence == null) {
            return next.exchange(request);
        }
        return next.exchange(request)
            .timeout(silence.limit(), Mono.error(silence.error()))
            .map((response) -> response.mutate()
                .body((body) -> body.timeout(silence.limit(), Flux.defer(() -> Flux.error(silence.error().get()))))
                .build());
    }

    /**
     * Observes a blocking call from subscription to answer, error or cancellation, as a child of
     * the caller's observation in the Reactor context, and makes it the parent of the WebClient's
     * own {@code http.client.requests} observations (one per attempt).
     */
    private <T> Mono<T> observe(DifyCall call, Mono<T> answer) {
        return Mono.deferContextual((reactorContext) -> {
            DifyObservationContext context = new DifyObservationContext(this.app, call.operation(), false);
            Observation observation = newObservation(context, reactorContext);
            if (observation.isNoop()) {
                return answer;
            }
            ObservationEnd end = new ObservationEnd(observation, context);
            observation.start();
            return answer.doOnSuccess((value) -> {
                if (value != null) {
                    reportUsage(context, value);
                }
                end.complete();
            })
                .doOnError(end::fail)
                .doOnCancel(end::cancel)
                .contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    /**
     * Observes a stream from subscription to completion, error or cancellation: a stream of events,
     * with the time to its first event and the usage its last events report, or the bytes of a
     * download, which is a blocking answer read piece by piece.
     */
    private <E> Flux<E> observe(DifyCall call, boolean eventStream, Flux<E> stream) {
        return Flux.deferContextual((reactorContext) -> {
            DifyObservationContext context = new DifyObservationContext(this.app, call.operation(), eventStream);
            Observation observation = newObservation(context, reactorContext);
            if (observation.isNoop()) {
                return stream;
            }
            ObservationEnd end = new ObservationEnd(observation, context);
            AtomicBoolean first = new AtomicBoolean(true);
            long start = System.nanoTime();
            observation.start();
            return stream.doOnNext((element) -> {
                if (eventStream && first.compareAndSet(true, false)) {
                    context.setTimeToFirstEvent(Duration.ofNanos(System.nanoTime() - start));
                    observation.event(DifyObservationDocumentation.Events.FIRST_EVENT);
                }
                reportUsage(context, element);
            })
                .doOnComplete(end::complete)
                .doOnError(end::fail)
                .doOnCancel(end::cancel)
                .contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    private Observation newObservation(DifyObservationContext context, ContextView reactorContext) {
        Observation observation = DifyObservationDocumentation.OPERATION.observation(this.observationConvention,
                DEFAULT_OBSERVATION_CONVENTION, () -> context, this.observationRegistry);
        Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        return observation;
    }

    /**
     * Hands the observation the usage an answer or event reports: typed answers and events say it
     * themselves; raw ones are read only when they can carry it (the end of a message or run, a
     * blocking answer).
     */
    private void reportUsage(DifyObservationContext context, Object answer) {
        try {
            Usage usage = null;
            if (answer instanceof HasUsage reported) {
                usage = reported.usage();
            }
            else if (answer instanceof DifyRawEvent raw && MessageEndEvent.TYPE.equals(raw.type())) {
                usage = ((MessageEndEvent) decodeJson(raw.json(), MessageEndEvent.class)).usage();
            }
            else if (answer instanceof DifyRawEvent raw && WorkflowFinishedEvent.TYPE.equals(raw.type())) {
                usage = ((WorkflowFinishedEvent) decodeJson(raw.json(), WorkflowFinishedEvent.class)).usage();
            }
            else if (answer instanceof String json) {
                usage = ((BlockingAnswerUsage) decodeJson(json, BlockingAnswerUsage.class)).usage();
            }
            if (usage != null) {
                context.reportUsage(usage);
            }
        }
        catch (RuntimeException ex) {
            // Metrics never fail a call: an answer whose usage cannot be read counts no tokens.
            logger.debug("Dify app '" + this.app.name() + "': could not read the usage of an answer", ex);
        }
    }

    /**
     * Ends an observation once, however the call ends; before the signal goes on to the caller,
     * so the observation is stopped when the caller sees the answer.
     */
    private static final class ObservationEnd {

        private final Observation observation;

        private final DifyObservationContext context;

        private final AtomicBoolean ended = new AtomicBoolean();

        ObservationEnd(Observation observation, DifyObservationContext context) {
            this.observation = observation;
            this.context = context;
        }

        void complete() {
            end(DifyOutcome.SUCCESS, null);
        }

        void fail(Throwable error) {
            end(DifyOutcome.ERROR, error);
        }

        void cancel() {
            end(DifyOutcome.CANCELLED, null);
        }

        private void end(DifyOutcome outcome, @Nullable Throwable error) {
            if (!this.ended.compareAndSet(false, true)) {
                return;
            }
            this.context.setOutcome(outcome);
            if (error != null) {
                if (error instanceof DifyApiException api) {
                    this.context.setErrorCode(api.getCode());
                }
                else if (error instanceof DifyStreamException stream) {
                    this.context.setErrorCode(stream.getCode());
                }
                this.observation.error(error);
            }
            this.observation.stop();
        }
    }

    /**
     * Turns the transport's own failures into Dify exceptions, so callers catch one hierarchy.
     */
    private Throwable translate(Throwable ex, String operation) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DifyException dify) {
                return dify;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (ex instanceof DataBufferLimitException || ex.getCause() instanceof DataBufferLimitException) {
            return new DifyDecodingException(this.app.name(), "Dify app '" + this.app.name() + "': " + operation
                    + " sent an event or body larger than the client's in-memory limit (" + ex.getMessage()
                    + "); raise dify.max-in-memory-size (DifyClientOptions.maxInMemorySize)", null, ex);
        }
        if (ex instanceof WebClientRequestException) {
            Throwable root = rootCause(ex);
            String type = root.getClass().getName();
            if (type.equals("io.netty.channel.ConnectTimeoutException")) {
                return new DifyConnectTimeoutException(this.app.name(), operation, this.options.connectTimeout());
            }
            if (type.endsWith(".PoolAcquireTimeoutException") || type.endsWith(".PoolAcquirePendingLimitException")) {
                return new DifyConnectionException(this.app.name(), operation, "no free connection: every connection of the "
                        + "pool is in use and no request may wait any longer (" + root.getMessage()
                        + "); raise dify.pool.max-connections or dify.pool.pending-acquire-max-count", ex);
            }
        }
        if (ex instanceof WebClientRequestException || ex instanceof IOException) {
            return new DifyConnectionException(this.app.name(), operation, ex);
        }
        return ex;
    }

    private static Throwable rootCause(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private WebClient.RequestBodySpec request(DifyCall call, @Nullable SilenceLimit silence) {
        // Query values go in as template variables, so they are encoded whole and a '{' in a
        // keyword is not mistaken for a template.
        Map<String, Object> variables = new LinkedHashMap<>(call.pathVariables());
        WebClient.RequestBodySpec spec = this.webClient.method(call.method()).uri((uri) -> {
            uri.path(call.path());
            call.query().forEach((name, values) -> {
                for (String value : values) {
                    String variable = "query" + variables.size();
                    variables.put(variable, value);
                    uri.queryParam(name, "{" + variable + "}");
                }
            });
            return uri.build(variables);
        });
        spec.attribute(URI_TEMPLATE_ATTRIBUTE, this.uriTemplateBase + call.path());
        // The key joins the request only as it is written, past the filters and the WebClient's logging.
        spec.httpRequest((httpRequest) -> {
            httpRequest.getHeaders().set(HttpHeaders.AUTHORIZATION, this.authorization);
            try {
                WiretapRedaction.apply(httpRequest.getNativeRequest());
            }
            catch (RuntimeException ex) {
                logger.trace("Could not check the connection's wiretap", ex);
            }
        });
        if (silence != null) {
            spec.attribute(SILENCE_LIMIT, silence);
        }
        if (call.traceId() != null) {
            spec.header(TRACE_ID_HEADER, call.traceId());
        }
        if (call.jsonBody() != null) {
            spec.contentType(MediaType.APPLICATION_JSON).bodyValue(call.jsonBody());
        }
        else if (call.multipartBody() != null) {
            spec.body(BodyInserters.fromMultipartData(call.multipartBody().build()));
        }
        return spec;
    }

    private Object decodeJson(String json, Class<?> type) {
        return DifyJson.read(json, type);
    }

    private Mono<DifyApiException> toException(ClientResponse response, String operation) {
        HttpStatusCode status = response.statusCode();
        boolean json = response.headers().contentType().map(DifyTransport::isJson).orElse(false);
        Duration retryAfter = RetryPolicy.parseRetryAfter(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        return response.bodyToMono(String.class).defaultIfEmpty("").map((text) -> {
            ErrorBody error = json ? readErrorBody(text) : null;
            String body = shorten(text, MAX_ERROR_BODY_CHARS);
            if (error == null) {
                return newApiException(operation, status, null, null, Map.of(), body, retryAfter);
            }
            return newApiException(operation, status, error.code(), error.message(), error.paramsAsMap(), body, retryAfter);
        });
    }

    private @Nullable ErrorBody readErrorBody(String text) {
        try {
            return (ErrorBody) decodeJson(text, ErrorBody.class);
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    private DifyApiException newApiException(String operation, HttpStatusCode status, @Nullable String code,
            @Nullable String message, Map<String, Object> params, String body, @Nullable Duration retryAfter) {
        String app = this.app.name();
        return switch (status.value()) {
            case 400 -> new DifyBadRequestException(app, operation, status, code, message, params, body);
            case 401 -> new DifyUnauthorizedException(app, operation, status, code, message, params, body);
            case 403 -> new DifyForbiddenException(app, operation, status, code, message, params, body);
            case 404 -> new DifyNotFoundException(app, operation, status, code, message, params, body);
            case 413 -> new DifyPayloadTooLargeException(app, operation, status, code, message, params, body);
            case 415 -> new DifyUnsupportedMediaTypeException(app, operation, status, code, message, params, body);
            case 429 -> new DifyRateLimitException(app, operation, status, code, message, params, body, retryAfter);
            default -> status.is5xxServerError()
                    ? new DifyServerException(app, operation, status, code, message, params, body, retryAfter)
                    : new DifyApiException(app, operation, status, code, message, params, body, retryAfter);
        };
    }

    private static String shorten(String text, int max) {
        return (text.length() > max) ? text.substring(0, max) + "..." : text;
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
