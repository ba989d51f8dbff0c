package io.github.difyspring.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyConnectionPool;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.test.DifyTestServer;

import static io.github.difyspring.autoconfigure.ConnectionTestSupport.app;
import static io.github.difyspring.autoconfigure.ConnectionTestSupport.await;
import static io.github.difyspring.autoconfigure.ConnectionTestSupport.awaitGivenBack;
import static io.github.difyspring.autoconfigure.ConnectionTestSupport.runner;
import static io.github.difyspring.autoconfigure.ConnectionTestSupport.send;
import static io.github.difyspring.autoconfigure.ConnectionTestSupport.sendFailing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP proxy of {@code dify.proxy.*} and {@code dify.apps.<name>.proxy.*}, through a real
 * tunnelling proxy on 127.0.0.1 that counts what it relays: requests go through it (with their
 * credentials), a wrong password is refused clearly, non-proxy hosts and apps that turn it off go
 * around it, an app's proxy replaces the global one, and a proxied app keeps the shared pool.
 */
class DifyProxyTests {

    private static final String PASSWORD = "Pr0xy-S3cret!";

    private final DifyTestServer dify = ConnectionTestServers.plain();

    private TunnellingProxy proxy;

    private TunnellingProxy other;

    @AfterEach
    void stop() throws IOException {
        this.dify.close();
        if (this.proxy != null) {
            this.proxy.close();
        }
        if (this.other != null) {
            this.other.close();
        }
    }

    @Test
    void requestsGoThroughTheProxy() throws IOException {
        this.proxy = TunnellingProxy.open();
        runner().withPropertyValues(app("a", this.dify.baseUrl()))
            .withPropertyValues("dify.proxy.host=127.0.0.1", "dify.proxy.port=" + this.proxy.port())
            .run((context) -> {
                assertThat(send(context.getBean(DifyClients.class), "a")).isEqualTo(ConnectionTestServers.ANSWER);

                assertThat(this.proxy.tunnels()).isGreaterThanOrEqualTo(1);
                assertThat(this.proxy.targets()).containsOnly("127.0.0.1:" + this.dify.port());
                assertThat(this.proxy.authorizations()).containsOnly("");
                assertThat(this.proxy.bytesRelayed()).isPositive();
                assertThat(this.dify.requests().size()).isEqualTo(1);
            });
    }

    @Test
    void httpsGoesThroughTheTunnelWithTheSslBundle() throws IOException {
        this.proxy = TunnellingProxy.open();
        try (DifyTestServer tls = ConnectionTestServers.tls()) {
            runner().withPropertyValues(app("a", tls.baseUrl()))
                .withPropertyValues("dify.ssl.bundle=test-ca", "dify.proxy.host=127.0.0.1", "dify.proxy.port=" + this.proxy.port())
                .run((context) -> {
                    assertThat(send(context.getBean(DifyClients.class), "a")).isEqualTo(ConnectionTestServers.ANSWER);
                    assertThat(this.proxy.targets()).containsOnly("127.0.0.1:" + tls.port());
                    assertThat(tls.requests().size()).isEqualTo(1);
                });
        }
    }

    @Test
    void theCredentialsAreSentToTheProxy() throws IOException {
        this.proxy = TunnellingProxy.withCredentials("dify-user", PASSWORD);
        runner().withPropertyValues(app("a", this.dify.baseUrl()))
            .withPropertyValues("dify.proxy.host=127.0.0.1", "dify.proxy.port=" + this.proxy.port(), "dify.proxy.username=dify-user",
                    "dify.proxy.password=" + PASSWORD)
            .run((context) -> {
                assertThat(send(context.getBean(DifyClients.class), "a")).isEqualTo(ConnectionTestServers.ANSWER);

                String expected = "Basic " + Base64.getEncoder().encodeToString(("dify-user:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                assertThat(this.proxy.authorizations()).containsOnly(expected);
                assertThat(this.proxy.refused()).isZero();
                assertThat(this.dify.requests().size()).isEqualTo(1);
            });
    }

    @Test
    void aWrongPasswordIsRefusedWithAClearErrorThatDoesNotShowIt() throws IOException {
        this.proxy = TunnellingProxy.withCredentials("dify-user", PASSWORD);
        String wrong = "Wr0ng-Passw0rd";
        runner().withPropertyValues(app("a", this.dify.baseUrl()))
            .withPropertyValues("dify.proxy.host=127.0.0.1", "dify.proxy.port=" + this.proxy.port(), "dify.proxy.username=dify-user",
                    "dify.proxy.password=" + wrong)
            .run((context) -> {
                Throwable failure = sendFailing(context.getBean(DifyClients.class), "a");

                assertThat(failure).isInstanceOf(DifyConnectionException.class)
                    .hasMessageContaining("Dify app 'a'")
                    .hasMessageContaining("407");
                assertThat(ConnectionTestSupport.causes(failure)).allSatisfy(
                        (cause) -> assertThat(String.valueOf(cause.getMessage())).doesNotContain(wrong).doesNotContain(PASSWORD));
                assertThat(this.proxy.refused()).isEqualTo(1);
                assertThat(this.dify.requests().size()).isZero();
            });
    }

    @Test
    void aNonProxyHostGoesAroundTheProxy() throws IOException {
        this.proxy = TunnellingProxy.open();
        runner().withPropertyValues(app("a", this.dify.baseUrl()))
            .withPropertyValues("dify.proxy.host=127.0.0.1", "dify.proxy.port=" + this.proxy.port(),
                    "dify.proxy.non-proxy-hosts=localhost,127.0.0.*")
            .run((context) -> {
                assertThat(send(context.getBean(DifyClients.class), "a")).isEqualTo(ConnectionTestServers.ANSWER);

                assertThat(this.proxy.tunnels()).isZero();
                assertThat(this.proxy.targets()).isEmpty();
                assertThat(this.dify.requests().size()).isEqualTo(1);
            });
    }

    @Test
    void anAppsProxyReplacesTheGlobalOne() throws IOException {
        this.proxy = TunnellingProxy.open();
        this.other = TunnellingProxy.open();
        runner().withPropertyValues(app("own", this.dify.baseUrl()))
            .withPropertyValues(app("inherits", this.dify.baseUrl()))
            .withPropertyValues("dify.proxy.host=127.0.0.1", "dify.proxy.port=" + this.proxy.port(), "dify.apps.own.proxy.host=127.0.0.1",
                    "dify.apps.own.proxy.port=" + this.other.port())
            .run((context) -> {
                DifyClients clients = context.getBean(DifyClients.class);

                send(clients, "own");
                assertThat(this.other.tunnels()).isEqualTo(1);
                assertThat(this.proxy.tunnels()).isZero();
                send(clients, "inherits");
                assertThat(this.proxy.tunnels()).isEqualTo(1);
                assertThat(this.other.tunnels()).isEqualTo(1);
                assertThat(this.dify.requests().size()).isEqualTo(2);
            });
    }

    @Test
    void anAppCanTurnTheProxyOff() throws IOException {
        this.proxy = TunnellingProxy.open();
        runner().withPropertyValues(app("a", this.dify.baseUrl()))
            .withPropertyValues("dify.proxy.host=127.0.0.1", "dify.proxy.port=" + this.proxy.port(), "dify.apps.a.proxy.enabled=false")
            .run((context) -> {
                assertThat(send(context.getBean(DifyClients.class), "a")).isEqualTo(ConnectionTestServers.ANSWER);

                assertThat(this.proxy.tunnels()).isZero();
                assertThat(this.dify.requests().size()).isEqualTo(1);
            });
    }

    @Test
    void aProxiedAppStillUsesTheSharedPool() throws IOException {
        this.proxy = TunnellingProxy.open();
        runner().withPropertyValues(app("a", this.dify.baseUrl()))
            .withPropertyValues("dify.apps.a.proxy.host=127.0.0.1", "dify.apps.a.proxy.port=" + this.proxy.port())
            .run((context) -> {
                DifyClients clients = context.getBean(DifyClients.class);
                DifyConnectionPool pool = clients.connectionPool();

                Disposable stream = clients.chat("a").stream(ChatRequest.of("Hi")).subscribe();
                await("the stream open through the proxy", () -> this.dify.openStreams() == 1);

                assertThat(this.proxy.tunnels()).isEqualTo(1);
                assertThat(pool.activeConnections()).isEqualTo(1);
                stream.dispose();
                awaitGivenBack(pool);
                // A finished request gives its connection back to the pool, tunnel and all: the next one reuses it.
                send(clients, "a");
                await("the connection back in the pool", () -> pool.idleConnections() == 1);
                send(clients, "a");
                assertThat(this.proxy.tunnels()).isEqualTo(2);
            });
    }
}
