package io.github.difyspring.autoconfigure;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

import io.github.difyspring.test.DifyTestServer;

/**
 * The Dify of the TLS and proxy tests: the library's test double on 127.0.0.1, over plain HTTP or
 * real TLS with the test certificates of {@code src/test/resources/tls}, with one chat app under
 * {@link ConnectionTestSupport#KEY}. It answers a blocking message "Hello" at once and keeps a
 * streamed one open, sending a ping every 100 ms, until the client goes away.
 */
final class ConnectionTestServers {

    static final String ANSWER = "Hello";

    private ConnectionTestServers() {
    }

    /** A plain HTTP server. */
    static DifyTestServer plain() {
        return withChatApp(builder());
    }

    /** A TLS server whose certificate the test CA signed; it asks for no client certificate. */
    static DifyTestServer tls() {
        return withChatApp(builder().tls(file("server.crt"), file("server.key")));
    }

    /** A TLS server that also requires a client certificate signed by the test CA. */
    static DifyTestServer mutualTls() {
        return withChatApp(builder().tls(file("server.crt"), file("server.key")).requireClientCertificate(file("ca.crt")));
    }

    private static DifyTestServer.Builder builder() {
        return DifyTestServer.builder().pingInterval(Duration.ofMillis(100));
    }

    private static DifyTestServer withChatApp(DifyTestServer.Builder builder) {
        DifyTestServer server = builder.start();
        // The first event of a stream would come after a minute: until then the stream only pings.
        server.chatApp("chat", ConnectionTestSupport.KEY).answers(ANSWER).pace(Duration.ofMinutes(1));
        return server;
    }

    private static Path file(String name) {
        try {
            return Path.of(ConnectionTestServers.class.getResource("/tls/" + name).toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
