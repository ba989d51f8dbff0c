package io.github.difyspring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Writes streams as Dify does: {@code text/event-stream}, first the bare {@code event: ping}, then
 * one {@code data: <compact JSON>} frame per event, each flushed on its own, with pings while the
 * events are slow to come; and plays the faults inside a stream: an {@code error} event, a reset,
 * a stall (which a server reset ends).
 */
final class EventStreams {

    static final String PING = "event: ping\n\n";

    /** The content type as Dify's Flask writes it. */
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final Duration pingInterval;

    private final AtomicInteger open;

    private volatile Sinks.Empty<Void> resets = Sinks.empty();

    EventStreams(Duration pingInterval, AtomicInteger open) {
        this.pingInterval = pingInterval;
        this.open = open;
    }

    static String frame(Map<String, Object> event) {
        return "data: " + Wire.JSON.writeValueAsString(event) + "\n\n";
    }

    /** Ends the streams that stall. */
    void reset() {
        Sinks.Empty<Void> ended = this.resets;
        this.resets = Sinks.empty();
        ended.tryEmitEmpty();
    }

    /** A stream of events, with the pace before each and the request's stream fault, if any; the fault's error event in the app's shape. */
    Mono<ServerResponse> events(ServerRequest request, Flux<Map<String, Object>> events, Duration pace,
            Function<DifyFault, Map<String, Object>> errorEvent) {
        Flux<String> frames = events.map(EventStreams::frame);
        Sinks.Empty<Void> silence = Sinks.empty();
        DifyFault fault = (DifyFault) request.attributes().get(RequestFilter.STREAM_FAULT);
        if (fault != null) {
            Flux<String> before = frames.take(fault.afterEvents());
            frames = switch (fault.kind()) {
                case ERROR_EVENT -> before.concatWith(Mono.fromSupplier(() -> frame(errorEvent.apply(fault))));
                case RESET -> before.concatWith(Flux.defer(() -> {
                    reset(request.exchange());
                    return Flux.<String>never(); // no end: the reset, not a last chunk, ends the answer
                }));
                default -> before.concatWith(Flux.defer(() -> {
                    silence.tryEmitEmpty();
                    return Flux.<String>never().takeUntilOther(this.resets.asMono());
                }));
            };
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, EVENT_STREAM);
        headers.setCacheControl("no-cache");
        return write(Flux.concat(Mono.just(PING), pace.isZero() ? frames : frames.delayElements(pace)), headers, silence.asMono());
    }

    /** Frames as they are, such as a transcript's, with the pace before each. */
    Mono<ServerResponse> frames(Flux<String> frames, Duration pace, HttpHeaders headers) {
        return write(pace.isZero() ? frames : frames.delayElements(pace), headers, Mono.never());
    }

    private Mono<ServerResponse> write(Flux<String> frames, HttpHeaders headers, Mono<Void> silence) {
        Sinks.Empty<Void> ended = Sinks.empty();
        Flux<String> data = frames.doOnSubscribe((subscription) -> this.open.incrementAndGet()).doFinally((signal) -> {
            this.open.decrementAndGet();
            ended.tryEmitEmpty();
        });
        Flux<String> pings = Flux.interval(this.pingInterval, this.pingInterval).map((tick) -> PING)
            .takeUntilOther(Mono.firstWithSignal(ended.asMono(), silence));
        return ServerResponse.ok().headers((target) -> target.addAll(headers)).body((response, context) -> response.writeAndFlushWith(
                Flux.merge(data, pings).map((frame) -> Mono.just(response.bufferFactory().wrap(frame.getBytes(StandardCharsets.UTF_8))))));
    }

    /**
     * Resets the connection: with SO_LINGER 0 the close is a TCP RST. It runs as a task of the
     * channel's event loop, after the writes already asked for, so the events before it go out.
     */
    static void reset(ServerWebExchange exchange) {
        if (ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse()) instanceof Connection connection) {
            Channel channel = connection.channel();
            channel.eventLoop().execute(() -> {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
                channel.close();
            });
        }
    }
}
