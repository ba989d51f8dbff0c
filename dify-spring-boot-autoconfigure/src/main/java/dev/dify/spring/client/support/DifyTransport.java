package dev.dify.spring.client.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.CodecException;
import org.springframework.core.codec.Decoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.UnsupportedMediaTypeException;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import dev.dify.spring.client.DifyApp;
import dev.dify.spring.client.WorkflowRunData;
import dev.dify.spring.client.error.DifyApiException;
import dev.dify.spring.client.error.DifyBadRequestException;
import dev.dify.spring.client.error.DifyConnectionException;
import dev.dify.spring.client.error.DifyDecodingException;
import dev.dify.spring.client.error.DifyException;
import dev.dify.spring.client.error.DifyForbiddenException;
import dev.dify.spring.client.error.DifyNotFoundException;
import dev.dify.spring.client.error.DifyPayloadTooLargeException;
import dev.dify.spring.client.error.DifyRateLimitException;
import dev.dify.spring.client.error.DifyServerException;
import dev.dify.spring.client.error.DifyUnauthorizedException;
import dev.dify.spring.client.error.DifyUnsupportedMediaTypeException;
import dev.dify.spring.client.event.DifyEvent;
import dev.dify.spring.client.event.DifyRawEvent;

/**
 * The HTTP side shared by the Dify clients: one {@link WebClient} per app with its key, JSON and
 * server-sent-event decoding through the WebClient's own codecs, and the mapping of error answers
 * to exceptions. Not meant to be used directly: use the clients.
 */
public final class DifyTransport {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE_OF_STRING = new ParameterizedTypeReference<>() {
    };

    private static final int MAX_ERROR_BODY_CHARS = 8 * 1024;

    private static final String TRACE_ID_HEADER = "X-Trace-Id";

    private final DifyApp app;

    private final WebClient webClient;

    private final Decoder<?> jsonDecoder;

    private final Map<Class<?>, ResolvableType> resolvableTypes = new ConcurrentHashMap<>();

    /**
     * Builds the transport of one app from a builder. The builder is cloned, so the caller's stays
     * as it was; its codecs, filters and connector are kept.
     * @param app the app
     * @param builder the builder to start from, typically the application's
     */
    public DifyTransport(DifyApp app, WebClient.Builder builder) {
        this.app = app;
        AtomicReference<@Nullable Decoder<?>> jsonDecoder = new AtomicReference<>();
        this.webClient = builder.clone()
            .baseUrl(app.baseUrl().toString())
            .defaultHeaders((headers) -> headers.setBearerAuth(app.apiKey()))
            // Events are decoded with the same JSON decoder the WebClient uses for bodies, so the
            // application's Jackson configuration applies and no mapper of our own is needed.
            .codecs((codecs) -> jsonDecoder.set(findJsonDecoder(codecs.getReaders())))
            .build();
        Decoder<?> found = jsonDecoder.get();
        if (found == null) {
            throw new IllegalStateException("The WebClient of Dify app '" + app.name()
                    + "' has no JSON decoder among its codecs; put Jackson on the classpath");
        }
        this.jsonDecoder = found;
    }

    private static @Nullable Decoder<?> findJsonDecoder(List<HttpMessageReader<?>> readers) {
        ResolvableType probe = ResolvableType.forClass(WorkflowRunData.class);
        for (HttpMessageReader<?> reader : readers) {
            if (reader instanceof DecoderHttpMessageReader<?> decoderReader
                    && decoderReader.getDecoder().canDecode(probe, MediaType.APPLICATION_JSON)) {
                return decoderReader.getDecoder();
            }
        }
        return null;
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
     * @param <T> the answer type
     * @param call the request
     * @param answerType the type to decode the answer into
     * @return the decoded answer; an empty answer body is an error
     */
    public <T> Mono<T> json(DifyCall call, ParameterizedTypeReference<T> answerType) {
        String operation = call.operation();
        return request(call).exchangeToMono((response) -> {
            if (response.statusCode().isError()) {
                return toException(response, operation).flatMap(Mono::error);
            }
            // A 200 answer in a content type no reader takes (a proxy's HTML page) is as undecodable as bad JSON.
            return response.bodyToMono(answerType)
                .onErrorMap((ex) -> ex instanceof CodecException || ex instanceof UnsupportedMediaTypeException,
                        (ex) -> new DifyDecodingException(this.app.name(), "Dify app '"
                        + this.app.name() + "': " + operation + " answered a body that does not fit " + answerType.getType().getTypeName()
                        + ": " + ex.getMessage(), null, ex))
                .switchIfEmpty(Mono.error(() -> new DifyDecodingException(this.app.name(), "Dify app '" + this.app.name() + "': "
                        + operation + " answered HTTP " + response.statusCode().value() + " with an empty body", null, null)));
        }).onErrorMap((ex) -> translate(ex, operation));
    }

    /**
     * Sends a request whose answer carries nothing the caller needs, such as a stop or a delete.
     * @param call the request
     * @return completes when Dify accepted the request
     */
    public Mono<Void> discardingAnswer(DifyCall call) {
        return request(call).exchangeToMono((response) -> {
            if (response.statusCode().isError()) {
                return toException(response, call.operation()).flatMap(Mono::error);
            }
            return response.releaseBody();
        }).onErrorMap((ex) -> translate(ex, call.operation()));
    }

    /**
     * Sends a request whose answer is binary content (a file, audio) and streams it without
     * holding it in memory. Each buffer must be released by the subscriber, as
     * {@link org.springframework.core.io.buffer.DataBufferUtils#write} does.
     * @param call the request
     * @return the content, buffer by buffer
     */
    public Flux<DataBuffer> bytes(DifyCall call) {
        return request(call).exchangeToFlux((response) -> {
            if (response.statusCode().isError()) {
                return toException(response, call.operation()).flatMapMany(Flux::error);
            }
            return response.bodyToFlux(DataBuffer.class);
        }).onErrorMap((ex) -> translate(ex, call.operation()));
    }

    /**
     * Sends a request whose answer is a server-sent-event stream and decodes each event. Pings are
     * dropped; an {@code error} event ends the stream with an error after the events before it; the
     * stream completes when the server closes it.
     * @param call the request
     * @return the events, in the order the server sent them
     */
    public Flux<DifyEvent> events(DifyCall call) {
        return sse(call, DifyEventReader::read);
    }

    /**
     * Sends a request whose answer is a server-sent-event stream and passes each event on with its
     * JSON as received, without decoding it. Pings are dropped; an {@code error} event ends the
     * stream with an error after the events before it.
     * @param call the request
     * @return the raw events, in the order the server sent them
     */
    public Flux<DifyRawEvent> rawEvents(DifyCall call) {
        return sse(call, DifyEventReader::readRaw);
    }

    private <E> Flux<E> sse(DifyCall call, EventConversion<E> conversion) {
        String operation = call.operation();
        DifyEventReader reader = new DifyEventReader(this.app.name(), operation, this::decodeJson);
        return request(call)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .<E>exchangeToFlux((response) -> {
                if (response.statusCode().isError()) {
                    return toException(response, operation).flatMapMany(Flux::error);
                }
                MediaType contentType = response.headers().contentType().orElse(null);
                if (contentType == null || !MediaType.TEXT_EVENT_STREAM.isCompatibleWith(contentType)) {
                    return response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .flatMapMany((text) -> Flux.error(new DifyDecodingException(this.app.name(), "Dify app '"
                                + this.app.name() + "': " + operation + " answered HTTP " + response.statusCode().value()
                                + " with content type " + contentType + " instead of an event stream: " + shorten(text, 300),
                                null, null)));
                }
                return response.bodyToFlux(SSE_OF_STRING).<E>handle((sse, sink) -> {
                    String data = sse.data();
                    if (data == null || data.isBlank()) {
                        return; // a ping or a comment: keep-alives are not events
                    }
                    try {
                        sink.next(conversion.convert(reader, data, sse.event()));
                    }
                    catch (RuntimeException ex) {
                        sink.error(ex);
                    }
                });
            })
            .onErrorMap((ex) -> translate(ex, operation));
    }

    /**
     * Makes a stream element of one event's data.
     */
    @FunctionalInterface
    private interface EventConversion<E> {

        E convert(DifyEventReader reader, String data, @Nullable String sseEventName);
    }

    /**
     * Turns the transport's own failures into Dify exceptions, so callers catch one hierarchy.
     */
    private Throwable translate(Throwable ex, String operation) {
        if (ex instanceof DifyException) {
            return ex;
        }
        if (ex instanceof DataBufferLimitException) {
            return new DifyDecodingException(this.app.name(), "Dify app '" + this.app.name() + "': " + operation
                    + " sent an event or body larger than the WebClient's codec limit (" + ex.getMessage()
                    + "); raise spring.codec.max-in-memory-size", null, ex);
        }
        if (ex instanceof WebClientRequestException || ex instanceof IOException) {
            return new DifyConnectionException(this.app.name(), operation, ex);
        }
        return ex;
    }

    private WebClient.RequestBodySpec request(DifyCall call) {
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
        ResolvableType resolvable = this.resolvableTypes.computeIfAbsent(type, ResolvableType::forClass);
        Object value = this.jsonDecoder.decode(DefaultDataBufferFactory.sharedInstance.wrap(json.getBytes(StandardCharsets.UTF_8)),
                resolvable, MediaType.APPLICATION_JSON, null);
        if (value == null) {
            throw new IllegalArgumentException("JSON decoded to null");
        }
        return value;
    }

    private Mono<DifyApiException> toException(ClientResponse response, String operation) {
        HttpStatusCode status = response.statusCode();
        boolean json = response.headers().contentType().map(MediaType.APPLICATION_JSON::isCompatibleWith).orElse(false);
        return response.bodyToMono(String.class).defaultIfEmpty("").map((text) -> {
            ErrorBody error = json ? readErrorBody(text) : null;
            String body = shorten(text, MAX_ERROR_BODY_CHARS);
            if (error == null) {
                return newApiException(operation, status, null, null, Map.of(), body);
            }
            return newApiException(operation, status, error.code(), error.message(), error.paramsAsMap(), body);
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
            @Nullable String message, Map<String, Object> params, String body) {
        String app = this.app.name();
        return switch (status.value()) {
            case 400 -> new DifyBadRequestException(app, operation, status, code, message, params, body);
            case 401 -> new DifyUnauthorizedException(app, operation, status, code, message, params, body);
            case 403 -> new DifyForbiddenException(app, operation, status, code, message, params, body);
            case 404 -> new DifyNotFoundException(app, operation, status, code, message, params, body);
            case 413 -> new DifyPayloadTooLargeException(app, operation, status, code, message, params, body);
            case 415 -> new DifyUnsupportedMediaTypeException(app, operation, status, code, message, params, body);
            case 429 -> new DifyRateLimitException(app, operation, status, code, message, params, body);
            default -> status.is5xxServerError() ? new DifyServerException(app, operation, status, code, message, params, body)
                    : new DifyApiException(app, operation, status, code, message, params, body);
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
