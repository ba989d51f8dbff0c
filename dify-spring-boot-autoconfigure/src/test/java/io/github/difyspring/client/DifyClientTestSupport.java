package io.github.difyspring.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.event.DifyEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base class of the WireMock tests of the Dify clients: one WireMock server per test class (reset
 * before each test), clients built directly on it, SSE and JSON stubs, patterns and look-ups for
 * the requests the clients sent, and the checks every error case shares (the error type, and that
 * the API key appears nowhere in it).
 */
public abstract class DifyClientTestSupport {

    /** A key distinctive enough that finding it in a message can only mean it leaked. */
    protected static final String API_KEY = "app-Zk7s3cr3tK3y9Qw";

    protected static final String DEFAULT_USER = "default-user";

    /** Guards against a hanging stream; no test asserts on time. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    protected static final WireMockExtension wireMock = WireMockExtension.newInstance()
        .options(options().dynamicPort().bindAddress("127.0.0.1"))
        .build();

    // ---- apps and clients

    /**
     * The default options but with retries that wait a millisecond or so, so tests of answers
     * that are retried (429, 502, 503, 504) do not spend seconds in backoff. Tests of the retry
     * timing itself set their own options.
     */
    protected static final DifyClientOptions FAST_RETRIES = DifyClientOptions.defaults()
        .withRetry(new DifyRetryOptions(true, 3, Duration.ofMillis(1), Duration.ofMillis(5), 0));

    protected static DifyApp app(DifyAppType type) {
        return app(type, DEFAULT_USER);
    }

    protected static DifyApp app(DifyAppType type, @Nullable String defaultUser) {
        return new DifyApp(type.name().toLowerCase(Locale.ROOT) + "-app", type,
                URI.create("http://127.0.0.1:" + wireMock.getPort() + "/v1"), API_KEY, defaultUser).withOptions(FAST_RETRIES);
    }

    protected static DifyChatClient chatClient() {
        return chatClient(DifyAppType.CHAT);
    }

    protected static DifyChatClient chatClient(DifyAppType type) {
        return new DifyChatClient(app(type), WebClient.builder());
    }

    protected static DifyWorkflowClient workflowClient() {
        return new DifyWorkflowClient(app(DifyAppType.WORKFLOW), WebClient.builder());
    }

    protected static DifyCompletionClient completionClient() {
        return new DifyCompletionClient(app(DifyAppType.COMPLETION), WebClient.builder());
    }

    // ---- stubs

    /**
     * Frames events the way Dify does: each non-blank line of {@code jsonLines} is one event's
     * compact JSON, sent as {@code data: <json>} and a blank line.
     * @param jsonLines one JSON object per line
     * @return the stream body
     */
    protected static String sse(String jsonLines) {
        return jsonLines.lines()
            .map(String::strip)
            .filter((line) -> !line.isEmpty())
            .map((json) -> "data: " + json + "\n\n")
            .collect(Collectors.joining());
    }

    protected static ResponseDefinitionBuilder eventStream(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream; charset=utf-8").withBody(body);
    }

    protected static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    protected static void stubStream(String path, String body) {
        wireMock.stubFor(post(urlEqualTo(path)).willReturn(eventStream(body)));
    }

    protected static void stubJson(String path, int status, String body) {
        wireMock.stubFor(post(urlEqualTo(path)).willReturn(json(status, body)));
    }

    // ---- checking requests

    /**
     * Requires a request to carry the app's key as bearer token, as every Dify call must.
     * @param request the pattern to refine
     * @return the pattern, to refine further and verify
     */
    protected static RequestPatternBuilder withApiKey(RequestPatternBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + API_KEY));
    }

    /**
     * Requires a request to carry the app's key as bearer token and a JSON body, as every Dify call
     * with a body other than a file must.
     * @param request the pattern to refine
     * @return the pattern, to refine further and verify
     */
    protected static RequestPatternBuilder withApiKeyAndJson(RequestPatternBuilder request) {
        return withApiKey(request).withHeader("Content-Type", equalTo("application/json"));
    }

    /**
     * A POST as every Dify call must send it: the app's key as bearer token and a JSON body.
     * @param path the full request path, such as {@code /v1/chat-messages}
     * @return the pattern, to refine and verify
     */
    protected static RequestPatternBuilder difyPost(String path) {
        return withApiKeyAndJson(postRequestedFor(urlEqualTo(path)));
    }

    /**
     * A GET with the app's key as bearer token.
     * @param url the full request URL, query included, such as {@code /v1/info}
     * @return the pattern, to refine and verify
     */
    protected static RequestPatternBuilder difyGet(String url) {
        return difyGet(urlEqualTo(url));
    }

    /**
     * A GET with the app's key as bearer token.
     * @param url the URL to match, such as {@code urlPathEqualTo("/v1/messages")} to leave the
     * query aside
     * @return the pattern, to refine and verify
     */
    protected static RequestPatternBuilder difyGet(UrlPattern url) {
        return withApiKey(getRequestedFor(url));
    }

    /**
     * The one request the server received, whatever its method and URL.
     * @return the request
     */
    protected static LoggedRequest onlyRequest() {
        return onlyRequest(anyRequestedFor(anyUrl()));
    }

    /**
     * The one request the server received that matches a pattern.
     * @param pattern the pattern
     * @return the request
     */
    protected static LoggedRequest onlyRequest(RequestPatternBuilder pattern) {
        List<LoggedRequest> all = wireMock.findAll(pattern);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /**
     * The GET requests to a path, whatever their query, in the order they arrived.
     * @param path the full request path, such as {@code /v1/conversations}
     * @return the requests
     */
    protected static List<LoggedRequest> getRequests(String path) {
        return wireMock.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    /**
     * The query strings, as sent, of the GET requests to a path, in the order they arrived.
     * @param path the full request path, such as {@code /v1/apps/annotations}
     * @return the query strings, each without its {@code ?}
     */
    protected static List<String> queryStrings(String path) {
        return getRequests(path).stream()
            .map((request) -> request.getUrl().substring(request.getUrl().indexOf('?') + 1))
            .toList();
    }

    /**
     * A request's query parameters, decoded; each must appear once.
     * @param request the request
     * @return the parameters by name
     */
    protected static Map<String, String> query(LoggedRequest request) {
        Map<String, String> query = new TreeMap<>();
        request.getQueryParams().forEach((name, parameter) -> {
            assertThat(parameter.values()).as("values of %s", name).hasSize(1);
            query.put(name, parameter.firstValue());
        });
        return query;
    }

    // ---- running calls

    protected static List<DifyEvent> collect(Flux<DifyEvent> events) {
        List<DifyEvent> list = events.collectList().block(TIMEOUT);
        assertThat(list).as("the stream completed").isNotNull();
        return list;
    }

    /**
     * Runs a call that must fail, checks the failure's type and that the API key appears nowhere in
     * it (message, causes, suppressed exceptions, their string forms).
     * @param <T> the expected type
     * @param call the call
     * @param expected the expected type
     * @return the failure
     */
    protected static <T extends Throwable> T failure(Publisher<?> call, Class<T> expected) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        StepVerifier.create(call).thenConsumeWhile((item) -> true).expectErrorSatisfies(error::set).verify(TIMEOUT);
        assertThat(error.get()).isInstanceOf(expected);
        assertKeyNotLeaked(error.get());
        return expected.cast(error.get());
    }

    /**
     * Checks that the API key appears nowhere in an exception: its message, its string form, its
     * causes and suppressed exceptions (all of which the printed stack trace shows).
     * @param error the exception
     */
    protected static void assertKeyNotLeaked(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).as("stack trace of %s", error.getClass().getSimpleName()).doesNotContain(API_KEY);
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(API_KEY);
            assertThat(t.toString()).doesNotContain(API_KEY);
        }
    }

    // ---- resources

    /**
     * One of the stream examples of {@code dify-api/examples} as the server sends it: the file
     * without its {@code #} documentation header, which is not part of the wire format.
     * @param fileName the file name, such as {@code service_sendChatMessage_streamingResponseBasic.sse.txt}
     * @return the stream body
     */
    protected static String exampleStream(String fileName) {
        return resource("/dify-api/examples/" + fileName).lines()
            .filter((line) -> !line.startsWith("#"))
            .map((line) -> line + "\n")
            .collect(Collectors.joining())
            .stripLeading();
    }

    protected static String resource(String path) {
        try (InputStream in = DifyClientTestSupport.class.getResourceAsStream(path)) {
            assertThat(in).as("test resource %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
