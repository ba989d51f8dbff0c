package io.github.difyspring.autoconfigure;

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
 * Mutual TLS: a real TLS server on 127.0.0.1 that requires a client certificate signed by the test
 * CA accepts the app only when its SSL bundle has the client's key and certificate.
 */
class DifySslBundleMutualTlsTests {

    private final DifyTestServer dify = ConnectionTestServers.mutualTls();

    @AfterEach
    void stopServer() {
        this.dify.close();
    }

    @Test
    void withTheClientKeyTheCallSucceeds() {
        runner().withPropertyValues(app("a", this.dify.baseUrl())).withPropertyValues("dify.ssl.bundle=mtls").run((context) -> {
            assertThat(send(context.getBean(DifyClients.class), "a")).isEqualTo(ConnectionTestServers.ANSWER);
            assertThat(this.dify.requests().size()).isEqualTo(1);
        });
    }

    @Test
    void withoutTheClientKeyTheServerRefusesTheConnection() {
        // The bundle trusts the server, so only the missing client certificate can fail the handshake.
        runner().withPropertyValues(app("a", this.dify.baseUrl())).withPropertyValues("dify.ssl.bundle=test-ca").run((context) -> {
            assertThat(sendFailing(context.getBean(DifyClients.class), "a")).isInstanceOf(DifyConnectionException.class);
            assertThat(this.dify.requests().size()).isZero();
        });
    }

    @Test
    void anAppWithAClientCertificateStillUsesTheSharedPool() {
        runner().withPropertyValues(app("a", this.dify.baseUrl())).withPropertyValues("dify.apps.a.ssl.bundle=mtls").run((context) -> {
            DifyClients clients = context.getBean(DifyClients.class);
            DifyConnectionPool pool = clients.connectionPool();

            Disposable stream = clients.chat("a").stream(ChatRequest.of("Hi")).subscribe();
            await("the stream open over mutual TLS", () -> this.dify.openStreams() == 1);

            assertThat(pool.activeConnections()).isEqualTo(1);
            stream.dispose();
            awaitGivenBack(pool);
        });
    }
}
