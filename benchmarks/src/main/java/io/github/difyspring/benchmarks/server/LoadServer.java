package io.github.difyspring.benchmarks.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import io.github.difyspring.benchmarks.server.DifyWire.AnswerIds;
import io.github.difyspring.client.core.Usage;

/**
 * A stand-in for Dify's chat endpoint on loopback, run in its own JVM so that the client JVM being
 * measured holds only the clients. {@code POST <profile base>/chat-messages} answers
 * {@code response_mode: blocking} with a JSON answer and anything else with a stream shaped by the
 * {@link StreamProfile} in the path; {@code POST .../chat-messages/{task_id}/stop} succeeds.
 *
 * <p>Usage: {@code LoadServer <port>}. The server stops when its standard input closes, so it never
 * outlives the runner that started it, even one that was killed.
 */
public final class LoadServer {

    /** Events per write when streaming flat out: about 17 KB, so the server is not what limits the client. */
    private static final int EVENTS_PER_WRITE = 64;

    private static final Pattern BLOCKING = Pattern.compile("\"response_mode\"\\s*:\\s*\"blocking\"");

    private static final String BLOCKING_ANSWER = DifyWire.answer(256, -1);

    private static final byte[] STOPPED = "{\"result\":\"success\"}".getBytes(StandardCharsets.UTF_8);

    private LoadServer() {
    }

    /**
     * Starts the server.
     * @param args the loopback port
     * @throws IOException when standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        DisposableServer server = HttpServer.create()
            .host("127.0.0.1")
            .port(port)
            .handle(LoadServer::handle)
            .bindNow();
        System.out.println("Load server listening on 127.0.0.1:" + server.port());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() != -1) {
            // Nothing is sent on standard input: it only tells when the runner is gone.
        }
        server.disposeNow(Duration.ofSeconds(5));
    }

    private static Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        Optional<StreamProfile.Located> located = StreamProfile.locate(request.fullPath());
        if (request.method() != HttpMethod.POST || located.isEmpty()) {
            return error(response, HttpResponseStatus.NOT_FOUND, "not_found", "No such endpoint: " + request.fullPath());
        }
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return error(response, HttpResponseStatus.UNAUTHORIZED, "unauthorized", "Access token is invalid");
        }
        StreamProfile profile = located.get().profile();
        String endpoint = located.get().endpoint();
        if (endpoint.startsWith("/chat-messages/") && endpoint.endsWith("/stop")) {
            return request.receive().then(json(response, HttpResponseStatus.OK, STOPPED));
        }
        if (!endpoint.equals("/chat-messages")) {
            return error(response, HttpResponseStatus.NOT_FOUND, "not_found", "No such endpoint: " + request.fullPath());
        }
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap((body) -> {
            AnswerIds ids = AnswerIds.random();
            if (BLOCKING.matcher(body).find()) {
                return json(response, HttpResponseStatus.OK, DifyWire.blockingAnswer(ids, BLOCKING_ANSWER));
            }
            return response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .send((profile.spacingMillis() == 0) ? flatOut(profile, ids) : paced(profile, ids))
                .then();
        });
    }

    /**
     * The events as fast as the connection takes them, many per write; the event bytes are encoded
     * once per stream and shared by every write.
     */
    private static Flux<ByteBuf> flatOut(StreamProfile profile, AnswerIds ids) {
        byte[] event = DifyWire.messageEvent(ids, DifyWire.answer(profile.answerChars(), -1));
        byte[] fullWrite = repeat(event, EVENTS_PER_WRITE);
        byte[] end = DifyWire.messageEndEvent(ids, profile.events());
        return Flux.<ByteBuf, int[]>generate(() -> new int[] { -1 }, (sent, sink) -> {
            if (sent[0] < 0) {
                sent[0] = 0;
                sink.next(Unpooled.wrappedBuffer(DifyWire.PING));
            }
            else if (sent[0] < profile.events()) {
                int count = Math.min(EVENTS_PER_WRITE, profile.events() - sent[0]);
                byte[] events = (count == EVENTS_PER_WRITE) ? fullWrite : repeat(event, count);
                boolean ping = profile.pingEvery() > 0 && (sent[0] / profile.pingEvery()) != ((sent[0] + count) / profile.pingEvery());
                sent[0] += count;
                sink.next(ping ? Unpooled.wrappedBuffer(events, DifyWire.PING) : Unpooled.wrappedBuffer(events));
            }
            else {
                sink.next(Unpooled.wrappedBuffer(end));
                sink.complete();
            }
            return sent;
        });
    }

    /**
     * One event per write, {@code spacing} apart, as an LLM produces tokens: events at 0, spacing,
     * 2 x spacing..., {@code message_end} one spacing after the last.
     */
    private static Flux<ByteBuf> paced(StreamProfile profile, AnswerIds ids) {
        Duration spacing = Duration.ofMillis(profile.spacingMillis());
        Flux<ByteBuf> events = Flux.interval(Duration.ZERO, spacing)
            .onBackpressureBuffer()
            .take(profile.events() + 1L)
            .map((tick) -> {
                int index = tick.intValue();
                if (index == profile.events()) {
                    return Unpooled.wrappedBuffer(DifyWire.messageEndEvent(ids, profile.events()));
                }
                byte[] event = DifyWire.messageEvent(ids,
                        DifyWire.answer(profile.answerChars(), profile.stamped() ? DifyWire.nowMicros() : -1));
                boolean ping = profile.pingEvery() > 0 && (index + 1) % profile.pingEvery() == 0 && index + 1 < profile.events();
                return ping ? Unpooled.wrappedBuffer(event, DifyWire.PING) : Unpooled.wrappedBuffer(event);
            });
        return Flux.concat(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(DifyWire.PING)), events);
    }

    private static Mono<Void> json(HttpServerResponse response, HttpResponseStatus status, byte[] body) {
        return response.status(status)
            .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
            .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
            .sendByteArray(Mono.just(body))
            .then();
    }

    private static Mono<Void> error(HttpServerResponse response, HttpResponseStatus status, String code, String message) {
        return json(response, status, ("{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\",\"status\":"
                + status.code() + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] repeat(byte[] bytes, int times) {
        byte[] result = new byte[bytes.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(bytes, 0, result, i * bytes.length, bytes.length);
        }
        return result;
    }
}
