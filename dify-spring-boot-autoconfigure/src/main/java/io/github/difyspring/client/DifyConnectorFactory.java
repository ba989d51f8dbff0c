package io.github.difyspring.client;

import org.springframework.http.client.reactive.ClientHttpConnector;

import io.github.difyspring.client.core.DifyApp;

/**
 * Makes the connector of one Dify app, on the connection pool that {@link DifyClients} shares among
 * its apps. {@link DifyClients} asks for one connector per app, when it is created, and sets it on
 * that app's {@code WebClient.Builder} before the {@link DifyClientCustomizer}s run.
 *
 * <p>A factory that wants an app to keep the pool's limits (connections per host, waiting requests,
 * idle eviction) and its metrics builds the connector on {@link DifyConnectionPool#resourceFactory()};
 * the Spring Boot starter does so through Spring Boot's {@code ClientHttpConnectorBuilder}, adding the
 * app's SSL bundle and proxy. Without Spring Boot, {@link #pooled()} is the default.
 */
@FunctionalInterface
public interface DifyConnectorFactory {

    /**
     * Makes the connector of one app.
     * @param app the app, with its connect timeout in {@link DifyApp#options()}
     * @param pool the connection pool the app's connector should use
     * @return the connector
     */
    ClientHttpConnector connector(DifyApp app, DifyConnectionPool pool);

    /**
     * The default: a Reactor Netty connector on the pool with the app's connect timeout, plain TCP
     * for {@code http} and the JDK's trusted certificates for {@code https}, no proxy.
     * @return the default factory
     */
    static DifyConnectorFactory pooled() {
        return (app, pool) -> pool.connector(app.options());
    }
}
