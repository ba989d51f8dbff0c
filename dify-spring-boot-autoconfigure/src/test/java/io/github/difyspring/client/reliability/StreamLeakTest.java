package io.github.difyspring.client.reliability;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.event.DifyEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 streams through one client, up to 200 at a time: completed, cancelled after their first
 * event, broken by a fault, and timed out. Afterwards no connection may be left in use, and Netty's
 * leak detector, at its paranoid level (every buffer tracked), must have found no buffer that was
 * never released.
 * <p>
 * On WireMock rather than the Dify test double: three of the kinds need bytes the double never
 * writes (a frame cut mid-event, a malformed chunk, a chunked dribble that splits frames), and the
 * kind of each stream is picked by its query, while the double gives its faults to an app's
 * requests in the order they arrive, which 200 concurrent streams do not keep.
 */
class StreamLeakTest {

    private static final String API_KEY = "app-LeakTestK3y0123456789";

    private static final int STREAMS = 1000;

    private static final int CONCURRENCY = 200;

    /** Long enough for a loaded WireMock to answer, short enough for the silent streams to end soon. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    // WireMock holds a thread per request, and for longer than the client waits: a silent stream's
    // thread sleeps on after the client timed out. Enough threads that no request queues.
    private static final WireMockServer dify = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .containerThreads(1000).jettyAcceptors(2).jettyAcceptQueueSize(1000));

    private static ResourceLeakDetector.Level previousLevel;

    /** The kinds of stream in the mix, chosen by the query each one sends. */
    enum Kind {
        COMPLETE, CANCEL, TRUNCATED, MALFORMED_CHUNK, RESET, SILENT, TRICKLE
    }

    @BeforeAll
    static void start() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        dify.start();
        String events = sse(20);
        dify.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(containing("\"query\":\"COMPLETE\""))
            .willReturn(stream(sse(5))));
        dify.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(containing("\"query\":\"CANCEL\""))
            .willReturn(stream(events).withChunkedDribbleDelay(10, 1500)));
        dify.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(containing("\"query\":\"TRUNCATED\""))
            .willReturn(stream(sse(3) + "data: {\"event\":\"message\",\"task_id\":\"t1\",\"ans")));
        dify.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(containing("\"query\":\"MALFORMED_CHUNK\""))
            .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        dify.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(containing("\"query\":\"RESET\""))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        dify.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(containing("\"query\":\"SILENT\""))
            .willReturn(stream(sse(2)).withFixedDelay(3000)));
        dify.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(containing("\"query\":\"TRICKLE\""))
            .willReturn(stream(events).withChunkedDribbleDelay(2, 4400)));
        dify.stubFor(post(urlMatching("/v1/chat-messages/.+/stop")).willReturn(okJson("{\"result\":\"success\"}")));
    }

    @AfterAll
    static void stop() {
        dify.stop();
        ResourceLeakDetector.setLevel(previousLevel);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder stream(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static String sse(int events) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < events; i++) {
            body.append("data: {\"event\":\"message\",\"task_id\":\"t1\",\"message_id\":\"m1\",\"answer\":\"chunk ").append(i)
                .append(' ').append("x".repeat(200)).append("\"}\n\n");
            if (i % 3 == 0) {
                body.append("event: ping\n\n");
            }
        }
        return body.toString();
    }

    @Test
    void thousandStreamsLeaveNoConnectionInUseAndNoBufferUnreleased() throws Exception {
        try (LogCapture leaks = LogCapture.of("io.netty.util.ResourceLeakDetector", Level.ERROR);
                DifyClients clients = new DifyClients(List.of(new DifyApp("leaky", DifyAppType.CHAT,
                        URI.create("http://127.0.0.1:" + dify.port() + "/v1"), API_KEY, "u", DifyClientOptions.defaults()
                            .withStreamIdleTimeout(IDLE_TIMEOUT)
                            .withRetry(new DifyRetryOptions(true, 2, Duration.ofMillis(10), Duration.ofMillis(50), 0.5)))),
                        WebClient.builder(), List.of(), DifyPoolOptions.defaults())) {
            proveTheLeakDetectorReports(leaks);
            DifyChatClient client = clients.chat("leaky");
            // Warm up WireMock and the JIT: the very first burst of 200 would otherwise mostly time out.
            Flux.range(0, 100).flatMap((i) -> run(client, Kind.COMPLETE), 20).blockLast(Duration.ofSeconds(60));
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

            long start = System.nanoTime();
            Flux.range(0, STREAMS)
                .flatMap((i) -> run(client, Kind.values()[i % Kind.values().length]), CONCURRENCY)
                .doOnNext((outcome) -> outcomes.computeIfAbsent(outcome, (key) -> new AtomicInteger()).incrementAndGet())
                .blockLast(Duration.ofSeconds(90));
            long runMillis = (System.nanoTime() - start) / 1_000_000;
            ReliabilityTestSupport.await("no connection left in use", () -> clients.connectionPool().activeConnections() == 0
                    && clients.connectionPool().pendingAcquires() == 0);
            long settledMillis = (System.nanoTime() - start) / 1_000_000;
            triggerLeakReports();

            Map<String, Integer> counts = new TreeMap<>(outcomes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().get())));
            System.out.println("StreamLeakTest: " + STREAMS + " streams in " + runMillis + " ms, pool idle at " + settledMillis
                    + " ms; outcomes " + counts + "; active " + clients.connectionPool().activeConnections() + ", open "
                    + clients.connectionPool().openConnections() + ", idle " + clients.connectionPool().idleConnections());
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(STREAMS);
            // Each kind ends as documented; on a loaded machine WireMock may be slower to answer than
            // the idle timeout, which is a documented outcome too.
            assertThat(counts.keySet()).allMatch((outcome) -> EXPECTED.contains(outcome)
                    || (outcome.endsWith(": DifyStreamIdleTimeoutException") && !outcome.contains("unexpected")), "documented");
            assertThat(countOf(counts, "COMPLETE: 5 events")).as("completed").isGreaterThanOrEqualTo(100);
            assertThat(countOf(counts, "CANCEL: 1 event")).as("cancelled").isGreaterThanOrEqualTo(100);
            assertThat(countOf(counts, ": DifyConnectionException")).as("faulted").isGreaterThanOrEqualTo(200);
            assertThat(countOf(counts, ": DifyStreamIdleTimeoutException")).as("timed out").isGreaterThanOrEqualTo(200);
            assertThat(clients.connectionPool().activeConnections()).isZero();
            assertThat(leaks.lines()).as("buffer leaks reported by Netty").noneMatch((line) -> line.contains("LEAK"));
        }
    }

    private static final java.util.Set<String> EXPECTED = java.util.Set.of("COMPLETE: 5 events", "CANCEL: 1 event",
            "TRUNCATED: DifyConnectionException", "MALFORMED_CHUNK: DifyConnectionException", "RESET: DifyConnectionException",
            "SILENT: DifyStreamIdleTimeoutException", "TRICKLE: DifyStreamIdleTimeoutException");

    private static int countOf(Map<String, Integer> counts, String outcome) {
        return counts.entrySet().stream().filter((entry) -> entry.getKey().endsWith(outcome)).mapToInt(Map.Entry::getValue).sum();
    }

    /** One stream of a kind, reduced to a description of how it ended. */
    private static Mono<String> run(DifyChatClient client, Kind kind) {
        Flux<DifyEvent> events = client.stream(ChatRequest.of(kind.name()));
        if (kind == Kind.CANCEL) {
            events = events.take(1);
        }
        return events.count()
            .map((count) -> kind + ": " + count + ((count == 1) ? " event" : " events"))
            .onErrorResume((error) -> Mono.just(kind + ": " + error.getClass().getSimpleName()
                    + (error.getClass().getName().startsWith("io.github.difyspring") ? "" : " unexpected")));
    }

    /** Leaks one buffer on purpose and waits for the report, so that a silent detector cannot pass this test. */
    private static void proveTheLeakDetectorReports(LogCapture leaks) throws InterruptedException {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeLong(42);
        leaked = null;
        for (int i = 0; i < 50 && leaks.lines().stream().noneMatch((line) -> line.contains("LEAK")); i++) {
            triggerLeakReports();
        }
        assertThat(leaks.lines()).as("the deliberate leak was reported").anyMatch((line) -> line.contains("LEAK"));
        leaks.clear();
    }

    /** Leaks are reported when a tracked buffer is allocated after the leaked one was collected. */
    private static void triggerLeakReports() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            for (int i = 0; i < 100; i++) {
                ByteBufAllocator.DEFAULT.buffer(32).release();
                ByteBufAllocator.DEFAULT.directBuffer(32).release();
            }
        }
    }
}
