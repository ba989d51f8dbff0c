package dev.dify.spring.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

import dev.dify.spring.client.DifyApp;
import dev.dify.spring.client.DifyClientCustomizer;
import dev.dify.spring.client.DifyClients;

/**
 * Auto-configuration of the Dify clients: a {@link DifyClients} registry of every app under
 * {@code dify.apps}, and one client bean per app named after it.
 *
 * <p>Every client is built from a clone of the application's {@link WebClient.Builder}, so the
 * application's codecs, filters and observation apply, given a connector on the registry's own
 * connection pool (sized by {@code dify.pool.*}, closed with the context), then adjusted by the
 * {@link DifyClientCustomizer} beans.
 *
 * <p>With Spring Boot Actuator present, the apps' API keys stay masked in the {@code configprops}
 * and {@code env} endpoints even when those are set to show values.
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

    @Bean(name = CLIENTS_BEAN_NAME, destroyMethod = "close")
    @ConditionalOnMissingBean
    DifyClients difyClients(DifyProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<DifyClientCustomizer> customizers) {
        // Without Boot's WebClient auto-configuration there is no application builder to inherit.
        WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
        List<DifyApp> apps = ConfiguredApps.from(properties);
        ConfiguredApps.warnAboutPlainHttp(properties, apps);
        return new DifyClients(apps, builder, customizers.orderedStream().toList(), ConfiguredApps.pool(properties));
    }

    /**
     * Keeps the API keys out of Actuator's {@code configprops} and {@code env} endpoints.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class ActuatorSanitizing {

        @Bean
        @ConditionalOnMissingBean(name = "difyApiKeySanitizer")
        SanitizingFunction difyApiKeySanitizer(ObjectProvider<DifyProperties> properties) {
            return new DifyApiKeySanitizer(properties);
        }
    }
}
