package io.github.difyspring.client.reliability;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.test.DifyFault;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection pool: it lets 1,000 requests run at once against one host by default, its limits
 * and idle eviction follow its options, and an open stream holds a connection, not a thread.
 * Streams held open are the test double's, stalled before their first event (only its first ping
 * goes out) until the client leaves.
 */
class ConnectionPoolTests extends ReliabilityTestSupport {

    private static final String ANSWER = "{\"event\":\"message\",\"task_id\":\"t1\",\"id\":\"m1\",\"message_id\":\"m1\","
            + "\"conversation_id\":\"c1\",\"mode\":\"chat\",\"answer\":\"Hello\",\"metadata\":{},\"created_at\":1705407629}";

    private final AtomicInteger inFlight = new AtomicInteger();

    private final AtomicInteger maxInFlight = new AtomicInteger();

    private DisposableServer server;

    @AfterEach
    void stopServer() {
        if (this.server != null) {
            this.server.disposeNow();
        }
    }

    /**
     * A blocking-answer endpoint that answers only once {@code barrier} requests are in flight at the
     * same time: the test double answers each request on its own and cannot hold them back for others.
     */
    private void startBarrierServer(int barrier) {
        Sinks.Empty<Void> allThere = Sinks.empty();
        this.server = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes.post("/v1/chat-messages", (request, response) -> {
            int now = this.inFlight.incrementAndGet();
            this.maxInFlight.accumulateAndGet(now, Math::max);
            if (now >= barrier) {
                allThere.tryEmitEmpty();
            }
            return request.receive().then(allThere.asMono().timeout(Duration.ofSeconds(20)))
                .then(response.header("Content-Type", "application/json").sendString(Mono.just(ANSWER)).then())
                .doFinally((signal) -> this.inFlight.decrementAndGet());
        })).bindNow();
    }

    private DifyClients clientsOnServer(DifyPoolOptions pool) {
        return clients(new DifyApp("app", DifyAppType.CHAT, URI.create("http://127.0.0.1:" + this.server.port() + "/v1"), API_KEY,
                DEFAULT_USER, fastOptions().withRetry(DifyRetryOptions.disabled())), pool);
    }

    /** Clients on the test double, whose every stream stalls after Dify's first ping and stays open until the client leaves. */
    private DifyClients clientsOnEndlessStreams(DifyPoolOptions pool) {
        difyApp(DifyAppType.CHAT).onEveryRequest(DifyFault.stallAfter(0));
        return clientsOnDify(pool);
    }

    private DifyClients clientsOnDify(DifyPoolOptions pool) {
        return clientsOnDify(DifyAppType.CHAT, DEFAULT_USER, fastOptions().withRetry(DifyRetryOptions.disabled()), pool, WebClient.builder());
    }

    /** Stream requests the test double has received, ended or not. */
    private static int received() {
        return dify().requests().chatMessages().size();
    }

    @Test
    void byDefaultAThousandRequestsRunAtOnceAgainstOneHost() {
        startBarrierServer(1000);
        DifyClients clients = clientsOnServer(DifyPoolOptions.defaults());
        DifyChatClient client = clients.chat("app");

        List<ChatResponse> answers = Flux.range(0, 1000).flatMap((i) -> client.send(ChatRequest.of("Hi")), 1000)
            .collectList().block(Duration.ofSeconds(60));

        assertThat(clients.connectionPool().maxConnections()).isEqualTo(1000);
        assertThat(answers).hasSize(1000).allSatisfy((answer) -> assertThat(answer.answer()).isEqualTo("Hello"));
        assertThat(this.maxInFlight.get()).isEqualTo(1000);
        await("every connection back in the pool, kept for reuse", () -> clients.connectionPool().activeConnections() == 0
                && clients.connectionPool().idleConnections() == 1000);
    }

    @Test
    void poolSizeAndPendingLimitFollowTheOptions() {
        DifyClients clients = clientsOnEndlessStreams(new DifyPoolOptions(2, 1, Duration.ofSeconds(45), Duration.ofSeconds(30), Duration.ZERO));
        DifyChatClient client = clients.chat("chat-app");

        Disposable first = client.stream(ChatRequest.of("1")).subscribe();
        Disposable second = client.stream(ChatRequest.of("2")).subscribe();
        await("two streams open", () -> dify().openStreams() == 2);
        Disposable third = client.stream(ChatRequest.of("3")).subscribe();
        await("the third waits for a connection", () -> clients.connectionPool().pendingAcquires() == 1);
        DifyConnectionException refused = failure(client.stream(ChatRequest.of("4")), DifyConnectionException.class);

        assertThat(clients.connectionPool().activeConnections()).isEqualTo(2);
        assertThat(refused.getMessage()).contains("no free connection", "dify.pool.max-connections");
        first.dispose();
        // The third request reached the server: its connection is fully in use before it is cancelled.
        await("the waiting stream got the freed connection", () -> received() == 3 && dify().openStreams() == 2
                && clients.connectionPool().pendingAcquires() == 0);
        second.dispose();
        third.dispose();
        await("no connection in use", () -> clients.connectionPool().activeConnections() == 0);
    }

    @Test
    void aRequestWaitsForAConnectionNoLongerThanThePendingAcquireTimeout() {
        DifyClients clients = clientsOnEndlessStreams(new DifyPoolOptions(1, 10, Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ZERO));
        DifyChatClient client = clients.chat("chat-app");
        Disposable holder = client.stream(ChatRequest.of("1")).subscribe();
        await("the only connection in use", () -> dify().openStreams() == 1);

        long start = System.nanoTime();
        DifyConnectionException error = failure(client.send(ChatRequest.of("2")), DifyConnectionException.class);

        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 3000L);
        assertThat(error.getMessage()).contains("no free connection");
        holder.dispose();
    }

    @Test
    void idleConnectionsAreEvictedInTheBackground() {
        DifyClients clients = clientsOnDify(new DifyPoolOptions(500, 1000, Duration.ofSeconds(45), Duration.ofMillis(300),
                Duration.ofMillis(100)));

        clients.chat("chat-app").send(ChatRequest.of("Hi")).block(TIMEOUT);

        // The connection goes back to the pool just after the answer, then out of it once idle for 300 ms.
        await("the connection is back in the pool", () -> clients.connectionPool().idleConnections() == 1);
        await("the idle connection is closed", () -> clients.connectionPool().openConnections() == 0);
    }

    @Test
    void openStreamsHoldConnectionsNotThreads() {
        DifyClients clients = clientsOnEndlessStreams(DifyPoolOptions.defaults());
        DifyChatClient client = clients.chat("chat-app");
        // Warm up, so that the event-loop threads of client and server exist before counting.
        List<Disposable> warmUp = Flux.range(0, 8).map((i) -> client.stream(ChatRequest.of("w")).subscribe()).collectList().block();
        await("warm-up streams open", () -> dify().openStreams() == 8);
        Set<Thread> threadsBefore = liveThreads();

        List<Disposable> streams = Flux.range(0, 200).map((i) -> client.stream(ChatRequest.of("s")).subscribe()).collectList().block();
        await("200 more streams open", () -> dify().openStreams() == 208);
        Set<Thread> threadsAdded = liveThreads();
        threadsAdded.removeAll(threadsBefore);

        // A thread per stream would add 200; the bound leaves room for a JVM or test-harness thread starting meanwhile.
        assertThat(threadsAdded).as("threads added for 200 open streams").hasSizeLessThan(20);
        assertThat(clients.connectionPool().activeConnections()).isEqualTo(208);
        streams.forEach(Disposable::dispose);
        warmUp.forEach(Disposable::dispose);
        await("every stream closed", () -> clients.connectionPool().activeConnections() == 0);
    }

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    @Test
    void closingTheRegistryClosesThePool() {
        DifyClients clients = clientsOnDify(DifyPoolOptions.defaults());
        clients.chat("chat-app").send(ChatRequest.of("Hi")).block(TIMEOUT);

        clients.close();

        assertThat(clients.connectionPool().isClosed()).isTrue();
        assertThat(clients.connectionPool().toString()).contains("dify").doesNotContain(API_KEY);
    }
}
