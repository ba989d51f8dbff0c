package dev.dify.spring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

import dev.dify.spring.client.DifyClientCustomizer;
import dev.dify.spring.client.DifyClients;

/**
 * Auto-configuration of the Dify clients: a {@link DifyClients} registry of every app under
 * {@code dify.apps}, and one client bean per app named after it.
 *
 * <p>Every client is built from a clone of the application's {@link WebClient.Builder}, so the
 * application's codecs, filters and observation apply, then adjusted by the
 * {@link DifyClientCustomizer} beans.
 */
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass({ WebClient.class, DifyClients.class })
@EnableConfigurationProperties(DifyProperties.class)
@Import(DifyClientsRegistrar.class)
public class DifyAutoConfiguration {

    /**
     * The name of the {@link DifyClients} bean, which makes the per-app client beans. An
     * application that replaces it must use this name.
     */
    public static final String CLIENTS_BEAN_NAME = "difyClients";

    @Bean(CLIENTS_BEAN_NAME)
    @ConditionalOnMissingBean
    DifyClients difyClients(DifyProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<DifyClientCustomizer> customizers) {
        // Without Boot's WebClient auto-configuration there is no application builder to inherit.
        WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
        return new DifyClients(ConfiguredApps.from(properties), builder, customizers.orderedStream().toList());
    }
}
