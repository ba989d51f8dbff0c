package io.github.difyspring.autoconfigure;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.client.reactive.ClientHttpConnector;

import io.github.difyspring.autoconfigure.ConfiguredConnections.ConnectionSettings;
import io.github.difyspring.client.DifyConnectionPool;
import io.github.difyspring.client.DifyConnectorFactory;
import io.github.difyspring.client.core.DifyApp;

/**
 * Makes each app's connector with Spring Boot's {@link ClientHttpConnectorBuilder} and
 * {@link HttpClientSettings}, on the registry's connection pool: the app's connect timeout and SSL
 * bundle are Boot settings, its proxy a customization of the Reactor Netty client. Every app keeps the
 * pool's limits, eviction and figures, whatever its TLS and proxy.
 */
final class DifyHttpConnectorFactory implements DifyConnectorFactory {

    private final ConfiguredConnections connections;

    DifyHttpConnectorFactory(ConfiguredConnections connections) {
        this.connections = connections;
    }

    @Override
    public ClientHttpConnector connector(DifyApp app, DifyConnectionPool pool) {
        ConnectionSettings connection = this.connections.forApp(app.name());
        // Redirects are not followed, as before: a redirect would carry the API key to wherever it points.
        HttpClientSettings settings = HttpClientSettings.defaults()
            .withConnectTimeout(app.options().connectTimeout())
            .withRedirects(HttpRedirects.DONT_FOLLOW);
        SslBundle bundle = connection.sslBundle();
        if (bundle != null) {
            settings = settings.withSslBundle(bundle);
        }
        return ClientHttpConnectorBuilder.reactor()
            .withReactorResourceFactory(pool.resourceFactory())
            .withHttpClientCustomizer((client) -> proxy(withoutCompression(client), connection.proxy()))
            .build(settings);
    }

    /**
     * Boot's builder asks for gzip; Dify's answers are not asked compressed, as before, so that an
     * event stream is never held back by a compressing proxy.
     */
    private static HttpClient withoutCompression(HttpClient client) {
        return client.compress(false);
    }

    /**
     * The app's proxy, or none: Boot 4.1's builder would otherwise follow the JVM's proxy system
     * properties, which {@code dify.proxy} replaces for Dify calls.
     */
    private static HttpClient proxy(HttpClient client, @Nullable ProxySettings proxy) {
        if (proxy == null) {
            return client.noProxy();
        }
        return client.proxy((spec) -> {
            ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP).host(proxy.host()).port(proxy.port());
            String username = proxy.username();
            if (username != null) {
                String password = (proxy.password() != null) ? proxy.password() : "";
                builder.username(username).password((user) -> password);
            }
            if (!proxy.nonProxyHosts().isEmpty()) {
                builder.nonProxyHostsPredicate(proxy::bypasses);
            }
        });
    }

    @Override
    public String toString() {
        return "DifyHttpConnectorFactory[ClientHttpConnectorBuilder.reactor() on the Dify connection pool]";
    }
}
