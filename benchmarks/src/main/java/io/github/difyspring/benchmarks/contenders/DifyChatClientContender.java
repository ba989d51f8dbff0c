package io.github.difyspring.benchmarks.contenders;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.core.MessageMetadata;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;

/**
 * Our {@link DifyChatClient}, built the way the README shows for use without Spring Boot's
 * auto-configuration: through a {@link DifyClients} registry, which gives it the shared connection
 * pool (1,000 connections per host by default). Streams are subscribed to and counted as they arrive;
 * blocking calls are {@code send(...).block()}.
 */
public final class DifyChatClientContender implements Contender {

    private final String id;

    private final String label;

    private final DifyPoolOptions poolOptions;

    private DifyChatClientContender(String id, String label, DifyPoolOptions poolOptions) {
        this.id = id;
        this.label = label;
        this.poolOptions = poolOptions;
    }

    /**
     * Our client with every default, as a user gets it.
     * @return the contender
     */
    public static DifyChatClientContender withDefaults() {
        return new DifyChatClientContender("dify-chat-client", "DifyChatClient (ours)", DifyPoolOptions.defaults());
    }

    /**
     * Our client with a larger connection pool: not a contender of its own, a variant that shows
     * what the pool size does to many concurrent streams.
     * @param maxConnections the pool size per host
     * @return the contender
     */
    public static DifyChatClientContender withPool(int maxConnections) {
        DifyPoolOptions defaults = DifyPoolOptions.defaults();
        return new DifyChatClientContender("dify-chat-client-pool-" + maxConnections,
                "DifyChatClient, pool " + maxConnections + " (dify.pool.max-connections)",
                new DifyPoolOptions(maxConnections, Math.max(defaults.pendingAcquireMaxCount(), 2 * maxConnections),
                        defaults.pendingAcquireTimeout(), defaults.maxIdleTime(), defaults.evictionInterval()));
    }

    @Override
    public String id() {
        return this.id;
    }

    @Override
    public String label() {
        return this.label;
    }

    @Override
    public StreamClient streamClient(URI baseUrl) {
        return new Streams(clients(baseUrl));
    }

    @Override
    public Optional<BlockingClient> blockingClient(URI baseUrl) {
        return Optional.of(new Blocking(clients(baseUrl)));
    }

    private DifyClients clients(URI baseUrl) {
        DifyApp app = new DifyApp("bench", DifyAppType.CHAT, baseUrl, BenchRequests.API_KEY, BenchRequests.USER,
                DifyClientOptions.defaults());
        return new DifyClients(List.of(app), WebClient.builder(), List.of(), this.poolOptions);
    }

    private static ChatRequest request() {
        return ChatRequest.builder().query(BenchRequests.QUERY).user(BenchRequests.USER).build();
    }

    private static boolean hasUsage(MessageMetadata metadata) {
        return metadata != null && metadata.usage() != null && metadata.usage().totalTokens() != null;
    }

    private static final class Streams implements StreamClient {

        private final DifyClients clients;

        private final DifyChatClient chat;

        private final Disposable.Composite running = Disposables.composite();

        Streams(DifyClients clients) {
            this.clients = clients;
            this.chat = clients.chat("bench");
        }

        @Override
        public CompletableFuture<StreamResult> open() {
            CompletableFuture<StreamResult> result = new CompletableFuture<>();
            // Reactive Streams deliver one stream's signals one at a time: plain counters suffice.
            long[] messages = { 0 };
            long[] first = { -1 };
            boolean[] end = { false };
            this.running.add(this.chat.stream(request()).subscribe((event) -> {
                if (event instanceof MessageEvent) {
                    if (messages[0]++ == 0) {
                        first[0] = System.nanoTime();
                    }
                }
                else if (event instanceof MessageEndEvent messageEnd) {
                    end[0] = hasUsage(messageEnd.metadata());
                }
            }, result::completeExceptionally, () -> result.complete(new StreamResult(messages[0], end[0], first[0]))));
            return result;
        }

        @Override
        public void stopAll() {
            this.running.dispose();
        }

        @Override
        public void close() {
            stopAll();
            this.clients.close();
        }
    }

    private static final class Blocking implements BlockingClient, ReactiveCalls {

        private final DifyClients clients;

        private final DifyChatClient chat;

        Blocking(DifyClients clients) {
            this.clients = clients;
            this.chat = clients.chat("bench");
        }

        @Override
        public int call() {
            return check(this.chat.send(request()).block());
        }

        @Override
        public Mono<Integer> callLater() {
            return this.chat.send(request()).map(Blocking::check);
        }

        private static int check(ChatResponse answer) {
            if (answer == null || answer.answer().isEmpty() || !hasUsage(answer.metadata())) {
                throw new IllegalStateException("Incomplete answer: " + answer);
            }
            return answer.answer().length();
        }

        @Override
        public void close() {
            this.clients.close();
        }
    }
}
