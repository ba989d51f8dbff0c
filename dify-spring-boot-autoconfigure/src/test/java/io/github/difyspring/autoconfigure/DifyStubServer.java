package io.github.difyspring.autoconfigure;

import java.io.File;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.ssl.ClientAuth;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

/**
 * A Dify stand-in on 127.0.0.1 for the connection tests, over plain HTTP or real TLS with the test
 * certificates of {@code src/test/resources/tls}: {@code POST /v1/chat-messages} answers a blocking
 * request at once and keeps a streaming one open with a ping every 100 ms. It counts what it received.
 */
final class DifyStubServer implements AutoCloseable {

    static final String ANSWER = "{\"event\":\"message\",\"task_id\":\"t1\",\"id\":\"m1\",\"message_id\":\"m1\","
            + "\"conversation_id\":\"c1\",\"mode\":\"chat\",\"answer\":\"Hello\",\"metadata\":{},\"created_at\":1705407629}";

    private final AtomicInteger requests = new AtomicInteger();

    private final AtomicInteger openStreams = new AtomicInteger();

    private final DisposableServer server;

    private final boolean tls;

    private DifyStubServer(boolean tls, boolean requireClientCertificate) {
        this.tls = tls;
        HttpServer http = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes.post("/v1/chat-messages",
                (request, response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
                    this.requests.incrementAndGet();
                    if (!body.contains("\"streaming\"")) {
                        return response.header("Content-Type", "application/json").sendString(Mono.just(ANSWER)).then();
                    }
                    this.openStreams.incrementAndGet();
                    return response.header("Content-Type", "text/event-stream")
                        .sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(100)).map((tick) -> "event: ping\n\n"))
                        .then()
                        .doFinally((signal) -> this.openStreams.decrementAndGet());
                })));
        if (tls) {
            Http11SslContextSpec spec = Http11SslContextSpec.forServer(file("server.crt"), file("server.key"));
            if (requireClientCertificate) {
                spec.configure((builder) -> builder.trustManager(file("ca.crt")).clientAuth(ClientAuth.REQUIRE));
            }
            http = http.secure((ssl) -> ssl.sslContext(spec));
        }
        this.server = http.bindNow();
    }

    /** A plain HTTP server. */
    static DifyStubServer plain() {
        return new DifyStubServer(false, false);
    }

    /** A TLS server whose certificate the test CA signed; it asks for no client certificate. */
    static DifyStubServer tls() {
        return new DifyStubServer(true, false);
    }

    /** A TLS server that also requires a client certificate signed by the test CA. */
    static DifyStubServer mutualTls() {
        return new DifyStubServer(true, true);
    }

    static File file(String name) {
        try {
            return new File(DifyStubServer.class.getResource("/tls/" + name).toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The Service API root, such as {@code https://127.0.0.1:40123/v1}. */
    String baseUrl() {
        return (this.tls ? "https" : "http") + "://127.0.0.1:" + port() + "/v1";
    }

    int port() {
        return this.server.port();
    }

    /** Requests received, whole: a failed handshake never gets this far. */
    int requests() {
        return this.requests.get();
    }

    int openStreams() {
        return this.openStreams.get();
    }

    @Override
    public void close() {
        this.server.disposeNow();
    }
}
