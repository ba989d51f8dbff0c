package io.github.difyspring.sample.web;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;

import io.github.difyspring.sample.SampleProperties;

/**
 * Caps what the server reads of a request body. {@code spring.http.codecs.max-in-memory-size} applies to
 * the server and to the WebClient alike, and Dify's answers (a workflow's outputs in one event) may
 * be far larger than any request a browser should send: so the server's own limit is set here,
 * after Spring Boot's customizers.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer serverRequestBodyLimit(SampleProperties properties) {
        int limit = Math.toIntExact(properties.getLimits().getMaxRequestBody().toBytes());
        return (configurer) -> {
            if (configurer instanceof ServerCodecConfigurer server) {
                server.defaultCodecs().maxInMemorySize(limit);
            }
        };
    }
}
