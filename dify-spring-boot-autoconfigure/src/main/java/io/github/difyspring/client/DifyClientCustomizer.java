package io.github.difyspring.client;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adjusts the {@link WebClient.Builder} of one Dify app before its client is built: filters, codecs,
 * a different connector for one app. Each app gets its own clone of the application's builder, so a
 * change made for one app does not reach the others. Customizer beans are applied in
 * {@link org.springframework.core.annotation.Order} order.
 *
 * <p>The builder already has a connector on the {@link DifyClients} connection pool with the app's
 * connect timeout (and, with the Spring Boot starter, its SSL bundle and proxy); setting another
 * connector takes the app off that pool (its response and stream idle timeouts, retries and
 * stop-on-cancel still apply). To change the connector and keep the pool, use a
 * {@link DifyConnectorFactory} instead. The API key is added after every filter,
 * so a filter never sees it.
 */
@FunctionalInterface
public interface DifyClientCustomizer {

    /**
     * Customizes the builder of one app.
     * @param appName the app's configured name
     * @param builder that app's builder
     */
    void customize(String appName, WebClient.Builder builder);
}
