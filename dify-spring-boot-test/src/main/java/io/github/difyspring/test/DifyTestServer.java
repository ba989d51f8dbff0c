package io.github.difyspring.test;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.netty.handler.ssl.ClientAuth;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A Dify Service API on a loopback port, for tests: it speaks Dify's wire format as Dify's server
 * code writes it, plays the apps a test adds (each found by its API key, as Dify finds them) and
 * the workspace's knowledge bases, and records every request it receives.
 * <pre>{@code
 * try (DifyTestServer dify = DifyTestServer.start()) {
 *     dify.chatApp("support", "app-test-key").answers("Hello, world");
 *     // point dify.base-url at dify.baseUrl() and call the app
 *     assertThat(dify.requests().app("support").chatMessages().fromUser("user-42")).hasSize(1);
 * }
 * }</pre>
 * Apps answer with a default text until a test scripts them ({@link ScriptedApp}); conversations,
 * messages, feedback, uploaded files and workflow runs are remembered per app and end user until
 * {@link #reset()}. The server never connects anywhere.
 */
public final class DifyTestServer implements AutoCloseable {

    private final Map<String, ScriptedApp> appsByKey = new LinkedHashMap<>();

    private final Map<String, ScriptedKnowledge> knowledgeByKey = new LinkedHashMap<>();

    private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();

    private final AtomicInteger openStreams = new AtomicInteger();

    private final AppMemory memory = new AppMemory();

    private final EventStreams streams;

    private final boolean tls;

    private final DisposableServer server;

    private DifyTestServer(Builder builder) {
        this.tls = builder.certificate != null;
        this.streams = new EventStreams(builder.pingInterval, this.openStreams);
        RouterFunction<ServerResponse> routes = new AppRoutes(this.memory, this.streams).routes()
            .and(KnowledgeRoutes.routes())
            .and(RouterFunctions.route(RequestPredicates.all(), (request) -> RequestFilter.notFoundPage()));
        HttpHandler handler = RouterFunctions.toHttpHandler(routes,
                HandlerStrategies.builder().webFilter(new RequestFilter(this::appFor, this::knowledgeFor, this.requests)).build());
        HttpServer http = HttpServer.create().host("127.0.0.1").port(builder.port).handle(new ReactorHttpHandlerAdapter(handler));
        if (builder.certificate != null && builder.privateKey != null) {
            Http11SslContextSpec spec = Http11SslContextSpec.forServer(builder.certificate.toFile(), builder.privateKey.toFile());
            File trusted = (builder.clientCertificateIssuer != null) ? builder.clientCertificateIssuer.toFile() : null;
            if (trusted != null) {
                spec.configure((ssl) -> ssl.trustManager(trusted).clientAuth(ClientAuth.REQUIRE));
            }
            http = http.secure((ssl) -> ssl.sslContext(spec));
        }
        this.server = http.bindNow();
    }

    /**
     * Starts a test server on a free loopback port, with Dify's ten-second pings.
     * @return the running server
     */
    public static DifyTestServer start() {
        return builder().start();
    }

    /**
     * A builder for a server on a given port, with other pings or with TLS.
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Service API root, what {@code dify.base-url} takes.
     * @return such as {@code http://127.0.0.1:40123/v1}
     */
    public String baseUrl() {
        return (this.tls ? "https" : "http") + "://127.0.0.1:" + port() + "/v1";
    }

    /** The loopback port the server listens on. */
    public int port() {
        return this.server.port();
    }

    /**
     * Adds an app, or finds the one added with this name and key.
     * @param name the app's name: what recorded requests call it, such as the {@code support} of {@code dify.apps.support}
     * @param apiKey the key its requests carry
     * @param mode what kind of app it is
     * @return the app, to script
     * @throws IllegalArgumentException when the name or the key is taken by another app
     */
    public synchronized ScriptedApp app(String name, String apiKey, DifyAppMode mode) {
        Objects.requireNonNull(mode, "mode");
        checkKey(apiKey);
        ScriptedApp known = this.appsByKey.get(apiKey);
        if (known != null) {
            if (!known.name().equals(name) || known.mode() != mode) {
                throw new IllegalArgumentException("The key of app '" + name + "' is already the key of app '" + known.name()
                        + "' (" + known.mode().wireName() + ")");
            }
            return known;
        }
        if (findApp(name) != null || this.knowledgeByKey.values().stream().anyMatch((k) -> k.name().equals(name))) {
            throw new IllegalArgumentException("An app named '" + name + "' is already added, with another key");
        }
        ScriptedApp app = new ScriptedApp(name, apiKey, mode);
        this.appsByKey.put(apiKey, app);
        return app;
    }

    /** Adds (or finds) a chatbot app. @see #app(String, String, DifyAppMode) */
    public ScriptedApp chatApp(String name, String apiKey) {
        return app(name, apiKey, DifyAppMode.CHAT);
    }

    /** Adds (or finds) an agent app. @see #app(String, String, DifyAppMode) */
    public ScriptedApp agentApp(String name, String apiKey) {
        return app(name, apiKey, DifyAppMode.AGENT_CHAT);
    }

    /** Adds (or finds) a chatflow app. @see #app(String, String, DifyAppMode) */
    public ScriptedApp chatflowApp(String name, String apiKey) {
        return app(name, apiKey, DifyAppMode.ADVANCED_CHAT);
    }

    /** Adds (or finds) a workflow app. @see #app(String, String, DifyAppMode) */
    public ScriptedApp workflowApp(String name, String apiKey) {
        return app(name, apiKey, DifyAppMode.WORKFLOW);
    }

    /** Adds (or finds) a text generator app. @see #app(String, String, DifyAppMode) */
    public ScriptedApp completionApp(String name, String apiKey) {
        return app(name, apiKey, DifyAppMode.COMPLETION);
    }

    /**
     * An app added before.
     * @param name its name
     * @return the app, to script
     * @throws IllegalArgumentException naming the apps there are, when none has this name
     */
    public synchronized ScriptedApp app(String name) {
        ScriptedApp app = findApp(name);
        if (app == null) {
            throw new IllegalArgumentException("The Dify test server has no app named '" + name + "'; it has "
                    + this.appsByKey.values().stream().map(ScriptedApp::name).toList());
        }
        return app;
    }

    /** The apps added, in the order they were. */
    public synchronized List<ScriptedApp> apps() {
        return List.copyOf(this.appsByKey.values());
    }

    /**
     * Adds the workspace's knowledge bases, reached with a knowledge base API key, or finds them.
     * @param apiKey the key ({@code dataset-...}) their requests carry
     * @return the workspace, to fill with knowledge bases
     */
    public synchronized ScriptedKnowledge knowledge(String apiKey) {
        checkKey(apiKey);
        if (this.appsByKey.containsKey(apiKey)) {
            throw new IllegalArgumentException("The knowledge key is already the key of app '" + this.appsByKey.get(apiKey).name() + "'");
        }
        return this.knowledgeByKey.computeIfAbsent(apiKey, (key) -> new ScriptedKnowledge("knowledge"));
    }

    /**
     * The knowledge workspace added before.
     * @return it
     * @throws IllegalStateException when none was added
     */
    public synchronized ScriptedKnowledge knowledge() {
        if (this.knowledgeByKey.isEmpty()) {
            throw new IllegalStateException("The Dify test server has no knowledge workspace: add one with knowledge(apiKey)");
        }
        return this.knowledgeByKey.values().iterator().next();
    }

    /**
     * Every request received since the start or the last {@link #reset()}, oldest first.
     * @return the requests, to narrow down
     */
    public RecordedRequests requests() {
        return new RecordedRequests(new ArrayList<>(this.requests));
    }

    /**
     * Waits until the server has received requests that match, as after a client cancelled a
     * stream and its stop request is still on its way.
     * @param count how many must match
     * @param condition what they must match
     * @param timeout how long to wait
     * @return the matching requests
     * @throws AssertionError naming what came, when fewer came within the wait
     */
    public RecordedRequests awaitRequests(int count, Predicate<RecordedRequest> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RecordedRequests matching = requests().matching(condition);
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " matching requests within " + timeout + " but the Dify test server has "
                        + matching.size() + "; all it received: " + requests());
            }
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for requests", ex);
            }
        }
    }

    /** How many streams the server is sending right now. */
    public int openStreams() {
        return this.openStreams.get();
    }

    /**
     * Forgets what tests did: every app's script and faults go back to the defaults; the recorded
     * requests, conversations, messages, files, workflow runs and knowledge bases are gone, and
     * stalled streams end. The apps and their keys stay.
     */
    public synchronized void reset() {
        this.appsByKey.values().forEach(ScriptedApp::reset);
        this.knowledgeByKey.values().forEach(ScriptedKnowledge::reset);
        this.memory.clear();
        this.streams.reset();
        this.requests.clear();
    }

    @Override
    public void close() {
        this.server.disposeNow();
    }

    @Override
    public String toString() {
        return "DifyTestServer " + baseUrl() + " " + apps().stream().map((app) -> app.name() + " (" + app.mode().wireName() + ")").toList();
    }

    private @Nullable ScriptedApp findApp(String name) {
        return this.appsByKey.values().stream().filter((app) -> app.name().equals(name)).findFirst().orElse(null);
    }

    private synchronized @Nullable ScriptedApp appFor(String key) {
        return this.appsByKey.get(key);
    }

    private synchronized @Nullable ScriptedKnowledge knowledgeFor(String key) {
        return this.knowledgeByKey.get(key);
    }

    private static void checkKey(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("An API key must not be blank");
        }
    }

    /**
     * Builds a {@link DifyTestServer}.
     */
    public static final class Builder {

        private int port;

        private Duration pingInterval = Duration.ofSeconds(10);

        private @Nullable Path certificate;

        private @Nullable Path privateKey;

        private @Nullable Path clientCertificateIssuer;

        private Builder() {
        }

        /**
         * The loopback port to listen on; {@code 0}, the default, takes a free one.
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * How often a stream sends Dify's {@code event: ping} keep-alive while its events are
         * paced; Dify sends one every ten seconds.
         * @param pingInterval the interval
         * @return this builder
         */
        public Builder pingInterval(Duration pingInterval) {
            if (pingInterval.isNegative() || pingInterval.isZero()) {
                throw new IllegalArgumentException("The ping interval must be positive, not " + pingInterval);
            }
            this.pingInterval = pingInterval;
            return this;
        }

        /**
         * Serves HTTPS instead of HTTP.
         * @param certificate the server's certificate chain, PEM
         * @param privateKey its private key, PEM (PKCS#8)
         * @return this builder
         */
        public Builder tls(Path certificate, Path privateKey) {
            this.certificate = certificate;
            this.privateKey = privateKey;
            return this;
        }

        /**
         * Makes clients present a certificate that the given authority issued (mutual TLS).
         * @param issuer the authority's certificate, PEM
         * @return this builder
         */
        public Builder requireClientCertificate(Path issuer) {
            this.clientCertificateIssuer = issuer;
            return this;
        }

        /**
         * Starts the server.
         * @return the running server
         */
        public DifyTestServer start() {
            if (this.clientCertificateIssuer != null && this.certificate == null) {
                throw new IllegalStateException("A client certificate can only be required with tls(certificate, privateKey)");
            }
            return new DifyTestServer(this);
        }
    }
}
