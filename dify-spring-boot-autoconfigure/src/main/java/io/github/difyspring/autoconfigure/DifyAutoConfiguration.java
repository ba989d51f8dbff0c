package io.github.difyspring.autoconfigure;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClientCustomizer;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyConnectorFactory;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.observation.DefaultDifyObservationConvention;
import io.github.difyspring.client.observation.DifyMetricsObservationHandler;
import io.github.difyspring.client.observation.DifyObservationConvention;

/**
 * Auto-configuration of the Dify clients: a {@link DifyClients} registry of every app under
 * {@code dify.apps}, and one client bean per app named after it.
 *
 * <p>Every client is built from a clone of the application's {@link WebClient.Builder}, so the
 * application's codecs, filters and observation apply, given a connector on the registry's own
 * connection pool (sized by {@code dify.pool.*}, closed with the context), then adjusted by the
 * {@link DifyClientCustomizer} beans. The connector is made by the {@link DifyConnectorFactory} bean:
 * Spring Boot's {@code ClientHttpConnectorBuilder} on that pool, with each app's connect timeout,
 * SSL bundle ({@code dify.ssl.bundle}) and proxy ({@code dify.proxy.*}).
 *
 * <p>Every operation is observed with the application's {@link ObservationRegistry}: one
 * {@code dify.client.operation} observation per call, spanning the whole stream for streaming calls,
 * under the caller's observation; with a meter registry also a time-to-first-event timer and token
 * and price counters ({@link DifyMetricsObservationHandler}).
 *
 * <p>With Spring Boot Actuator present, the apps' API keys stay masked in the {@code configprops}
 * and {@code env} endpoints even when those are set to show values.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
        "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, DifyClients.class })
@EnableConfigurationProperties(DifyProperties.class)
@Import(DifyClientsRegistrar.class)
@ImportRuntimeHints(DifyRuntimeHints.class)
public class DifyAutoConfiguration {

    /**
     * The name of the {@link DifyClients} bean, which makes the per-app client beans. An
     * application that replaces it must use this name.
     */
    public static final String CLIENTS_BEAN_NAME = "difyClients";

    @Bean(name = CLIENTS_BEAN_NAME, destroyMethod = "close")
    @ConditionalOnMissingBean
    DifyClients difyClients(DifyProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<DifyClientCustomizer> customizers, ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<DifyObservationConvention> observationConvention, ObjectProvider<DifyConnectorFactory> connectorFactory) {
        // Without Boot's WebClient auto-configuration there is no application builder to inherit.
        WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
        List<DifyApp> apps = ConfiguredApps.from(properties);
        DifyConnectorFactory connectors = connectorFactory.getIfAvailable(() -> {
            ConfiguredConnections.requireNone(properties);
            return DifyConnectorFactory.pooled();
        });
        return new DifyClients(apps, builder, customizers.orderedStream().toList(), ConfiguredApps.pool(properties),
                observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique(), connectors);
    }

    /**
     * Each app's connector, made with Spring Boot's {@code ClientHttpConnectorBuilder} on the
     * registry's pool, with the app's SSL bundle and proxy; checked at startup. Declare a
     * {@link DifyConnectorFactory} bean to make the connectors yourself.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder")
    static class Connectors {

        @Bean
        @ConditionalOnMissingBean
        DifyConnectorFactory difyConnectorFactory(DifyProperties properties, ObjectProvider<SslBundles> sslBundles) {
            return new DifyHttpConnectorFactory(ConfiguredConnections.from(properties, sslBundles.getIfAvailable()));
        }
    }

    /**
     * Names and tags the observations of Dify operations; declare a {@link DifyObservationConvention}
     * bean (or extend this one) to change them.
     */
    @Bean
    @ConditionalOnMissingBean(DifyObservationConvention.class)
    DefaultDifyObservationConvention difyObservationConvention() {
        return new DefaultDifyObservationConvention();
    }

    /**
     * With a meter registry, the time to a stream's first event and the tokens and price Dify
     * reports become meters of their own; Spring Boot adds this handler to the observation registry.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        DifyMetricsObservationHandler difyMetricsObservationHandler(MeterRegistry meterRegistry) {
            return new DifyMetricsObservationHandler(meterRegistry);
        }
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
