package io.github.difyspring.autoconfigure;

import javax.net.ssl.SSLHandshakeException;

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
import static io.github.difyspring.autoconfigure.ConnectionTestSupport.causes;
import static io.github.difyspring.autoconfigure.ConnectionTestSupport.runner;
import static io.github.difyspring.autoconfigure.ConnectionTestSupport.send;
import static io.github.difyspring.autoconfigure.ConnectionTestSupport.sendFailing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Dify behind a private CA: a real TLS server on 127.0.0.1 whose certificate the test CA signed is
 * trusted through the Spring Boot SSL bundle that {@code dify.ssl.bundle} or an app's
 * {@code ssl.bundle} names, and only through it; the app keeps the shared connection pool.
 */
class DifySslBundleTrustTests {

    private final DifyTestServer dify = ConnectionTestServers.tls();

    @AfterEach
    void stopServer() {
        this.dify.close();
    }

    @Test
    void theGlobalBundleMakesTheServersCertificateTrusted() {
        runner().withPropertyValues(app("a", this.dify.baseUrl())).withPropertyValues("dify.ssl.bundle=test-ca").run((context) -> {
            assertThat(send(context.getBean(DifyClients.class), "a")).isEqualTo(ConnectionTestServers.ANSWER);
            assertThat(this.dify.requests().size()).isEqualTo(1);
        });
    }

    @Test
    void withoutTheBundleTheHandshakeFails() {
        runner().withPropertyValues(app("a", this.dify.baseUrl())).run((context) -> {
            Throwable failure = sendFailing(context.getBean(DifyClients.class), "a");

            assertThat(failure).isInstanceOf(DifyConnectionException.class);
            assertThat(causes(failure)).anyMatch(SSLHandshakeException.class::isInstance);
            assertThat(this.dify.requests().size()).isZero();
        });
    }

    @Test
    void anAppsOwnBundleReplacesTheGlobalOne() {
        runner().withPropertyValues(app("own", this.dify.baseUrl()))
            .withPropertyValues(app("inherits", this.dify.baseUrl()))
            .withPropertyValues("dify.ssl.bundle=other-ca", "dify.apps.own.ssl.bundle=test-ca")
            .run((context) -> {
                DifyClients clients = context.getBean(DifyClients.class);

                assertThat(send(clients, "own")).isEqualTo(ConnectionTestServers.ANSWER);
                assertThat(causes(sendFailing(clients, "inherits"))).anyMatch(SSLHandshakeException.class::isInstance);
                assertThat(this.dify.requests().size()).isEqualTo(1);
            });
    }

    @Test
    void anAppWithABundleStillUsesTheSharedPool() {
        runner().withPropertyValues(app("a", this.dify.baseUrl())).withPropertyValues("dify.apps.a.ssl.bundle=test-ca").run((context) -> {
            DifyClients clients = context.getBean(DifyClients.class);
            DifyConnectionPool pool = clients.connectionPool();

            Disposable stream = clients.chat("a").stream(ChatRequest.of("Hi")).subscribe();
            await("the stream open over TLS", () -> this.dify.openStreams() == 1);

            assertThat(pool.activeConnections()).isEqualTo(1);
            assertThat(pool.openConnections()).isEqualTo(1);
            stream.dispose();
            awaitGivenBack(pool);
        });
    }
}
