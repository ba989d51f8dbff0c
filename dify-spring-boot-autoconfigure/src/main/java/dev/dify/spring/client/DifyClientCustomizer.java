package dev.dify.spring.client;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adjusts the {@link WebClient.Builder} of one Dify app before its client is built: filters, codecs,
 * a different connector for one app. Each app gets its own clone of the application's builder, so a
 * change made for one app does not reach the others. Customizer beans are applied in
 * {@link org.springframework.core.annotation.Order} order.
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
