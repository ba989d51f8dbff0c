package io.github.difyspring.client.internal;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;

import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyDecodingException;

/**
 * Reads an answer that should be a server-sent-event stream into its events: an error status
 * becomes its exception, an answer that is not an event stream a {@link DifyDecodingException};
 * otherwise the bytes are cut into events by a {@link ServerSentEventParser}, pings and comments are
 * dropped, and each event's data is handed to a {@link Conversion} (typed or raw). A stream cut off
 * in the middle of an event fails rather than hand on half an event.
 */
final class StreamDecoding {

    private final String appName;

    private final ErrorMapping errors;

    private final int maxEventBytes;

    /**
     * @param appName the app, for errors
     * @param errors turns an error answer into its exception
     * @param maxEventBytes the largest event held in memory
     */
    StreamDecoding(String appName, ErrorMapping errors, int maxEventBytes) {
        this.appName = appName;
        this.errors = errors;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * The events of an answer, in the order the server sent them.
     * @param <E> the element type
     * @param response the answer
     * @param operation the request, for errors
     * @param conversion makes an element of each event's data
     * @return the elements
     */
    <E> Flux<E> events(ClientResponse response, String operation, Conversion<E> conversion) {
        if (response.statusCode().isError()) {
            return this.errors.fromErrorAnswer(response, operation).flatMapMany(Flux::error);
        }
        MediaType contentType = response.headers().contentType().orElse(null);
        if (contentType == null || !MediaType.TEXT_EVENT_STREAM.isCompatibleWith(contentType)) {
            return response.bodyToMono(String.class)
                .defaultIfEmpty("")
                .flatMapMany((text) -> Flux.error(new DifyDecodingException(this.appName, "Dify app '"
                        + this.appName + "': " + operation + " answered HTTP " + response.statusCode().value()
                        + ((contentType != null) ? " with content type " + contentType : " without a content type")
                        + " instead of an event stream" + (text.isEmpty() ? " (empty body)" : ": " + ErrorMapping.shorten(text, 300)),
                        null, null)));
        }
        DifyEventReader reader = new DifyEventReader(this.appName, operation);
        ServerSentEventParser parser = new ServerSentEventParser(this.maxEventBytes);
        return response.bodyToFlux(DataBuffer.class)
            .concatMapIterable(parser::read)
            .doOnDiscard(DataBuffer.class, DataBufferUtils::release)
            // A stream that ends in the middle of an event was cut off: the partial event is dropped
            // and the stream fails, rather than half an event being handed on.
            .concatWith(Mono.defer(() -> parser.isAtEventBoundary() ? Mono.empty()
                    : Mono.error(new DifyConnectionException(this.appName, operation,
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
     * Makes a stream element of one event's data.
     * @param <E> the element type
     */
    @FunctionalInterface
    interface Conversion<E> {

        E convert(DifyEventReader reader, String data, @Nullable String sseEventName);
    }
}
