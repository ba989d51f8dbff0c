package io.github.difyspring.client.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.core.DifyRetryOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reliability tests share: clients built through {@link DifyClients} (so they have the
 * connection pool and the connect timeout, as in an application) with options per test, closed
 * after each test; fast retries; and a bounded wait for a condition.
 */
abstract class ReliabilityTestSupport extends DifyClientTestSupport {

    /** Retries as by default, but with waits short enough for tests. */
    static final DifyRetryOptions FAST_RETRIES = new DifyRetryOptions(true, 3, Duration.ofMillis(20), Duration.ofMillis(200), 0.5);

    private final List<DifyClients> opened = new ArrayList<>();

    @AfterEach
    void closeClients() {
        this.opened.forEach(DifyClients::close);
    }

    static DifyClientOptions fastOptions() {
        return DifyClientOptions.defaults().withRetry(FAST_RETRIES);
    }

    /**
     * A registry of one app of the given type on WireMock, with the given options.
     */
    DifyClients clients(DifyAppType type, DifyClientOptions options) {
        return clients(app(type).withOptions(options), DifyPoolOptions.defaults());
    }

    DifyClients clients(DifyApp app, DifyPoolOptions pool) {
        DifyClients clients = new DifyClients(List.of(app), WebClient.builder(), List.of(), pool);
        this.opened.add(clients);
        return clients;
    }

    /** What a stream delivered: its events (or other elements), then how it ended. */
    record Outcome<T>(List<T> items, Throwable error) {
    }

    /**
     * Runs a stream that must fail: collects what it delivered and its error, and checks the key
     * appears nowhere in the error.
     */
    static <T> Outcome<T> failing(Flux<T> stream) {
        List<T> items = new ArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        StepVerifier.create(stream).recordWith(() -> items).thenConsumeWhile((item) -> true).expectErrorSatisfies(error::set)
            .verify(TIMEOUT);
        assertKeyNotLeaked(error.get());
        return new Outcome<>(items, error.get());
    }

    /**
     * Waits, at most 10 seconds, until a condition holds.
     */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
