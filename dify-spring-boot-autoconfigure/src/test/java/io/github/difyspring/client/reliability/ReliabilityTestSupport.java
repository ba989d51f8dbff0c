package io.github.difyspring.client.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import io.github.difyspring.test.DifyAppMode;
import io.github.difyspring.test.DifyTestServer;
import io.github.difyspring.test.DifyTestServerExtension;
import io.github.difyspring.test.ScriptedApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reliability tests share: clients built through {@link DifyClients} (so they have the
 * connection pool and the connect timeout, as in an application) with options per test, closed
 * after each test; fast retries; and a bounded wait for a condition.
 * <p>
 * Two servers: the Dify test double ({@link DifyTestServer}, one per test class, reset before each
 * test) plays what Dify does, its HTTP errors and its streams' faults; WireMock (from
 * {@link DifyClientTestSupport}) stays for the answers that need control over the bytes, which the
 * tests using it say.
 */
abstract class ReliabilityTestSupport extends DifyClientTestSupport {

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension();

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

    /** The test double of the running test class. */
    static DifyTestServer dify() {
        return dify.server();
    }

    /**
     * The app of a type on the test double, added on first use: named as the WireMock tests name
     * it ({@code chat-app}, {@code workflow-app}...), with a key that contains {@link #API_KEY}, so
     * the checks that the key leaks nowhere cover it.
     */
    static ScriptedApp difyApp(DifyAppType type) {
        return dify().app(appName(type), apiKey(type), switch (type) {
            case CHAT -> DifyAppMode.CHAT;
            case AGENT -> DifyAppMode.AGENT_CHAT;
            case CHATFLOW -> DifyAppMode.ADVANCED_CHAT;
            case WORKFLOW -> DifyAppMode.WORKFLOW;
            case COMPLETION -> DifyAppMode.COMPLETION;
            default -> throw new IllegalArgumentException("No app of the test double for " + type);
        });
    }

    /** A registry of the app of a type on the test double (added if need be), acting for {@link #DEFAULT_USER}. */
    DifyClients clientsOnDify(DifyAppType type, DifyClientOptions options) {
        return clientsOnDify(type, DEFAULT_USER, options, DifyPoolOptions.defaults(), WebClient.builder());
    }

    DifyClients clientsOnDify(DifyAppType type, @Nullable String defaultUser, DifyClientOptions options, DifyPoolOptions pool,
            WebClient.Builder webClient) {
        difyApp(type);
        DifyApp app = new DifyApp(appName(type), type, URI.create(dify().baseUrl()), apiKey(type), defaultUser, options);
        DifyClients clients = new DifyClients(List.of(app), webClient, List.of(), pool);
        this.opened.add(clients);
        return clients;
    }

    static String appName(DifyAppType type) {
        return type.name().toLowerCase(Locale.ROOT) + "-app";
    }

    static String apiKey(DifyAppType type) {
        return API_KEY + "-" + type.name().toLowerCase(Locale.ROOT);
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
