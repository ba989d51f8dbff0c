package io.github.difyspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;

import io.github.difyspring.client.DifyClients;

/**
 * Auto-configuration of the Dify apps' health: a contributor named {@code dify}, composed of one
 * {@link DifyAppHealthIndicator} per configured app, keyed by app name. Only the default health
 * group shows it: Boot's liveness group has no contributor but the application's own state, so an
 * unreachable Dify never gets the application restarted. {@code management.health.dify.enabled=false}
 * turns it off.
 */
@AutoConfiguration(after = DifyAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ ReactiveHealthContributor.class, DifyClients.class })
@ConditionalOnBean(DifyClients.class)
@ConditionalOnEnabledHealthIndicator("dify")
@EnableConfigurationProperties(DifyHealthProperties.class)
public class DifyHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "difyHealthContributor")
    ReactiveHealthContributor difyHealthContributor(DifyClients clients, DifyHealthProperties properties) {
        Map<String, DifyAppHealthIndicator> indicators = new LinkedHashMap<>();
        for (String name : clients.names()) {
            indicators.put(name, new DifyAppHealthIndicator(clients.client(name), properties.getTimeout()));
        }
        return CompositeReactiveHealthContributor.fromMap(indicators);
    }
}
