package io.github.difyspring.sample.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Dify stand-in whose chat streams the test writes event by event, for what a canned answer
 * cannot show: that an event reaches the browser while Dify has not sent the next one, and that
 * the connection to Dify is closed when the browser leaves. Each frame is flushed at once.
 */
public final class ScriptedDify implements AutoCloseable {

    private final BlockingQueue<Stream> streams = new LinkedBlockingQueue<>();

    private final BlockingQueue<String> stopRequests = new LinkedBlockingQueue<>();

    private volatile String firstFrame = "";

    private final DisposableServer server;

    public ScriptedDify() {
        this.server = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route((routes) -> routes
                .post("/v1/chat-messages", (request, response) -> {
                    Stream stream = new Stream(this.firstFrame);
                    request.withConnection((connection) -> connection.onDispose(stream.closed::countDown));
                    this.streams.add(stream);
                    return response.header("Content-Type", "text/event-stream")
                        .send(stream.frames.asFlux().map((frame) -> Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8))),
                                (buffer) -> true);
                })
                .post("/v1/chat-messages/{task}/stop", (request, response) -> request.receive()
                    .aggregate()
                    .asString()
                    .doOnNext((body) -> this.stopRequests.add(request.param("task") + " " + body))
                    .then(response.header("Content-Type", "application/json").sendString(reactor.core.publisher.Mono.just("{\"result\":\"success\"}")).then())))
            .bindNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + this.server.port() + "/v1";
    }

    /** Forgets earlier streams and stop requests; the next stream starts by sending {@code frame}. */
    public void reset(String firstFrame) {
        this.streams.clear();
        this.stopRequests.clear();
        this.firstFrame = firstFrame;
    }

    /** The next stream a request opened, waiting for it up to five seconds. */
    public Stream nextStream() throws InterruptedException {
        Stream stream = this.streams.poll(5, TimeUnit.SECONDS);
        if (stream == null) {
            throw new AssertionError("No chat-messages request reached the scripted Dify");
        }
        return stream;
    }

    /** The next stop request, as "taskId body", or {@code null} when none came in time. */
    public String nextStopRequest(Duration wait) throws InterruptedException {
        return this.stopRequests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        this.server.disposeNow();
    }

    /**
     * One streaming answer in progress.
     */
    public static final class Stream {

        private final Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();

        private final CountDownLatch closed = new CountDownLatch(1);

        Stream(String firstFrame) {
            if (!firstFrame.isEmpty()) {
                send(firstFrame);
            }
        }

        /** Sends raw SSE text, such as {@code "data: {...}\n\n"} or {@code "event: ping\n\n"}. */
        public void send(String frame) {
            this.frames.emitNext(frame, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        }

        public void end() {
            this.frames.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        }

        /** Whether the connection this stream is sent on was closed within the wait. */
        public boolean awaitClosed(Duration wait) throws InterruptedException {
            return this.closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        public boolean isOpen() {
            return this.closed.getCount() > 0;
        }
    }
}
