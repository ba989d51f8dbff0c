package io.github.difyspring.benchmarks.contenders;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.core.DifyPoolOptions;

/**
 * The floor under our client: Spring's {@link WebClient} reading the same stream as
 * {@code ServerSentEvent<String>}, and a blocking answer as one {@code String}, with no typing, no
 * checks and no time limits. The difference to our client is what its typing and safety cost. It
 * gets a connection pool of the same size as ours, so that only the decoding differs.
 */
public final class RawWebClientContender implements Contender {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @Override
    public String id() {
        return "webclient-raw";
    }

    @Override
    public String label() {
        return "WebClient raw (floor)";
    }

    @Override
    public StreamClient streamClient(URI baseUrl) {
        return new Streams(baseUrl);
    }

    @Override
    public Optional<BlockingClient> blockingClient(URI baseUrl) {
        return Optional.of(new Blocking(baseUrl));
    }

    /** A connection pool of the same size as our client's, and a plain WebClient on it. */
    private static class PlainWebClient implements AutoCloseable {

        final ConnectionProvider pool;

        final WebClient webClient;

        PlainWebClient(URI baseUrl) {
            DifyPoolOptions same = DifyPoolOptions.defaults();
            this.pool = ConnectionProvider.builder("floor")
                .maxConnections(same.maxConnections())
                .pendingAcquireMaxCount(same.pendingAcquireMaxCount())
                .pendingAcquireTimeout(same.pendingAcquireTimeout())
                .maxIdleTime(same.maxIdleTime())
                .build();
            this.webClient = WebClient.builder()
                .baseUrl(baseUrl.toString())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.pool)))
                .build();
        }

        WebClient.RequestBodySpec chatMessages() {
            return this.webClient.post()
                .uri("/chat-messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + BenchRequests.API_KEY)
                .contentType(MediaType.APPLICATION_JSON);
        }

        @Override
        public void close() {
            this.pool.dispose();
        }
    }

    private static final class Streams extends PlainWebClient implements StreamClient {

        private final String body = BenchRequests.chatBody("streaming");

        private final Disposable.Composite running = Disposables.composite();

        Streams(URI baseUrl) {
            super(baseUrl);
        }

        @Override
        public CompletableFuture<StreamResult> open() {
            CompletableFuture<StreamResult> result = new CompletableFuture<>();
            long[] dataEvents = { 0 };
            long[] first = { -1 };
            String[] last = { null };
            this.running.add(chatMessages()
                .accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(this.body)
                .retrieve()
                .bodyToFlux(SSE)
                .subscribe((sse) -> {
                    if (sse.data() != null) {
                        if (dataEvents[0]++ == 0) {
                            first[0] = System.nanoTime();
                        }
                        last[0] = sse.data();
                    }
                }, result::completeExceptionally, () -> {
                    // Only the last event is looked at: the one that should be message_end with usage.
                    boolean end = last[0] != null && last[0].startsWith("{\"event\":\"message_end\"") && last[0].contains("\"usage\":{");
                    result.complete(new StreamResult(end ? dataEvents[0] - 1 : dataEvents[0], end, first[0]));
                }));
            return result;
        }

        @Override
        public void stopAll() {
            this.running.dispose();
        }

        @Override
        public void close() {
            stopAll();
            super.close();
        }
    }

    /** The whole answer as one string, checked only for the answer and usage fields every contender must see. */
    private static final class Blocking extends PlainWebClient implements BlockingClient, ReactiveCalls {

        private final String body = BenchRequests.chatBody("blocking");

        Blocking(URI baseUrl) {
            super(baseUrl);
        }

        @Override
        public int call() {
            return callLater().block();
        }

        @Override
        public Mono<Integer> callLater() {
            return chatMessages().bodyValue(this.body).retrieve().bodyToMono(String.class).map(Blocking::check);
        }

        private static int check(String answer) {
            if (!answer.contains("\"answer\":\"") || answer.contains("\"answer\":\"\"") || !answer.contains("\"total_tokens\":")) {
                throw new IllegalStateException("Incomplete answer: " + answer);
            }
            return answer.length();
        }
    }
}
