package io.github.difyspring.client.testserver;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.event.UndecodableEvent;
import io.github.difyspring.client.event.UnknownEvent;
import io.github.difyspring.test.DifyTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of the Dify test double share: a {@link DifyTestServer} per test, and the
 * library's own clients on it, built through {@link DifyClients} as an application gets them
 * (shared pool, connect timeout), with retries that wait milliseconds, closed after each test.
 * These tests check the double and the clients against each other: every event the double sends
 * must decode to its typed record, never to an {@link UnknownEvent} or an {@link UndecodableEvent}.
 */
abstract class ThroughClientSupport {

    /** Guards against a hanging call; no test asserts on how fast anything is. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static final String USER = "alice";

    static final DifyRetryOptions FAST_RETRIES = new DifyRetryOptions(true, 3, Duration.ofMillis(20), Duration.ofMillis(200), 0.5);

    protected final DifyTestServer dify = DifyTestServer.start();

    private final List<DifyClients> opened = new ArrayList<>();

    @AfterEach
    void closeClientsAndServer() {
        this.opened.forEach(DifyClients::close);
        this.dify.close();
    }

    static DifyClientOptions fastOptions() {
        return DifyClientOptions.defaults().withRetry(FAST_RETRIES);
    }

    /** An app on the test server, acting for {@link #USER} unless a request names another user. */
    DifyApp app(String name, DifyAppType type, String apiKey, DifyClientOptions options) {
        return new DifyApp(name, type, URI.create(this.dify.baseUrl()), apiKey, USER, options);
    }

    DifyClients clients(DifyApp... apps) {
        DifyClients clients = new DifyClients(List.of(apps), WebClient.builder(), List.of());
        this.opened.add(clients);
        return clients;
    }

    DifyChatClient chatClient(String name, DifyAppType type, String apiKey) {
        return chatClient(name, type, apiKey, fastOptions());
    }

    DifyChatClient chatClient(String name, DifyAppType type, String apiKey, DifyClientOptions options) {
        return clients(app(name, type, apiKey, options)).chat(name);
    }

    DifyWorkflowClient workflowClient(String name, String apiKey) {
        return workflowClient(name, apiKey, fastOptions());
    }

    DifyWorkflowClient workflowClient(String name, String apiKey, DifyClientOptions options) {
        return clients(app(name, DifyAppType.WORKFLOW, apiKey, options)).workflow(name);
    }

    DifyCompletionClient completionClient(String name, String apiKey) {
        return clients(app(name, DifyAppType.COMPLETION, apiKey, fastOptions())).completion(name);
    }

    DifyKnowledgeClient knowledgeClient(String apiKey) {
        return clients(app("knowledge", DifyAppType.KNOWLEDGE, apiKey, fastOptions())).knowledge("knowledge");
    }

    /** Collects a stream that must complete, and checks that every event decoded to its own type. */
    static List<DifyEvent> collect(Flux<DifyEvent> events) {
        List<DifyEvent> list = events.collectList().block(TIMEOUT);
        assertThat(list).as("the stream completed").isNotNull();
        assertAllTyped(list);
        return list;
    }

    static void assertAllTyped(List<DifyEvent> events) {
        assertThat(events).as("events the client could not type").noneMatch(UnknownEvent.class::isInstance)
            .noneMatch(UndecodableEvent.class::isInstance);
    }

    static StreamedAnswer assemble(List<DifyEvent> events) {
        StreamedAnswer answer = new StreamedAnswer();
        events.forEach(answer::add);
        return answer;
    }

    static List<String> types(List<DifyEvent> events) {
        return events.stream().map(DifyEvent::type).toList();
    }

    static <T> List<T> ofType(List<DifyEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** What a stream that must fail delivered: its events, then its error. */
    record Outcome(List<DifyEvent> events, Throwable error) {
    }

    static Outcome failing(Flux<DifyEvent> stream) {
        List<DifyEvent> events = new ArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        StepVerifier.create(stream).recordWith(() -> events).thenConsumeWhile((event) -> true).expectErrorSatisfies(error::set)
            .verify(TIMEOUT);
        assertAllTyped(events);
        return new Outcome(events, error.get());
    }
}
