package io.github.difyspring.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.core.DifyRetryOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every default is the same wherever it is written: the defaults of the client options (what a
 * client built without Spring Boot gets), the initial values of the Boot properties, and the
 * defaults the IDE metadata shows.
 */
class DefaultsAgreementTests {

    @Test
    void thePropertiesStartFromTheClientOptionsDefaults() {
        DifyProperties properties = new DifyProperties();
        DifyClientOptions options = DifyClientOptions.defaults();
        DifyRetryOptions retry = DifyRetryOptions.defaults();
        DifyPoolOptions pool = DifyPoolOptions.defaults();

        assertThat(properties.getConnectTimeout()).isEqualTo(options.connectTimeout());
        assertThat(properties.getResponseTimeout()).isEqualTo(options.responseTimeout());
        assertThat(properties.getStreamIdleTimeout()).isEqualTo(options.streamIdleTimeout());
        assertThat(properties.isStopOnCancel()).isEqualTo(options.stopOnCancel());
        assertThat(properties.getStopTimeout()).isEqualTo(options.stopTimeout());
        assertThat(properties.getMaxInMemorySize().toBytes()).isEqualTo(options.maxInMemorySize());
        assertThat(properties.getRetry().isEnabled()).isEqualTo(retry.enabled());
        assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(retry.maxAttempts());
        assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(retry.initialBackoff());
        assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(retry.maxBackoff());
        assertThat(properties.getRetry().getJitter()).isEqualTo(retry.jitter());
        assertThat(properties.getRetry().isGenerationsOnServerError()).isEqualTo(retry.generationsOnServerError());
        assertThat(properties.getPool().getMaxConnections()).isEqualTo(pool.maxConnections());
        assertThat(properties.getPool().getPendingAcquireMaxCount()).isEqualTo(pool.pendingAcquireMaxCount());
        assertThat(properties.getPool().getPendingAcquireTimeout()).isEqualTo(pool.pendingAcquireTimeout());
        assertThat(properties.getPool().getMaxIdleTime()).isEqualTo(pool.maxIdleTime());
        assertThat(properties.getPool().getEvictionInterval()).isEqualTo(pool.evictionInterval());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMetadataShowsTheClientOptionsDefaults() throws Exception {
        Map<String, Object> metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readValue(in, Map.class);
        }
        Map<String, Object> defaults = ((List<Map<String, Object>>) metadata.get("properties")).stream()
            .filter((property) -> property.get("defaultValue") != null)
            .collect(Collectors.toMap((property) -> (String) property.get("name"), (property) -> property.get("defaultValue")));
        DifyClientOptions options = DifyClientOptions.defaults();
        DifyRetryOptions retry = DifyRetryOptions.defaults();
        DifyPoolOptions pool = DifyPoolOptions.defaults();

        assertThat(duration(defaults, "dify.connect-timeout")).isEqualTo(options.connectTimeout());
        assertThat(duration(defaults, "dify.response-timeout")).isEqualTo(options.responseTimeout());
        assertThat(duration(defaults, "dify.stream-idle-timeout")).isEqualTo(options.streamIdleTimeout());
        assertThat(defaults.get("dify.stop-on-cancel")).isEqualTo(options.stopOnCancel());
        assertThat(duration(defaults, "dify.stop-timeout")).isEqualTo(options.stopTimeout());
        assertThat(DataSize.parse((String) defaults.get("dify.max-in-memory-size")).toBytes()).isEqualTo(options.maxInMemorySize());
        assertThat(defaults.get("dify.retry.enabled")).isEqualTo(retry.enabled());
        assertThat(defaults.get("dify.retry.max-attempts")).isEqualTo(retry.maxAttempts());
        assertThat(duration(defaults, "dify.retry.initial-backoff")).isEqualTo(retry.initialBackoff());
        assertThat(duration(defaults, "dify.retry.max-backoff")).isEqualTo(retry.maxBackoff());
        assertThat(((Number) defaults.get("dify.retry.jitter")).doubleValue()).isEqualTo(retry.jitter());
        assertThat(defaults.get("dify.retry.generations-on-server-error")).isEqualTo(retry.generationsOnServerError());
        assertThat(defaults.get("dify.pool.max-connections")).isEqualTo(pool.maxConnections());
        assertThat(defaults.get("dify.pool.pending-acquire-max-count")).isEqualTo(pool.pendingAcquireMaxCount());
        assertThat(duration(defaults, "dify.pool.pending-acquire-timeout")).isEqualTo(pool.pendingAcquireTimeout());
        assertThat(duration(defaults, "dify.pool.max-idle-time")).isEqualTo(pool.maxIdleTime());
        assertThat(duration(defaults, "dify.pool.eviction-interval")).isEqualTo(pool.evictionInterval());
    }

    private static java.time.Duration duration(Map<String, Object> defaults, String name) {
        return DurationStyle.detectAndParse((String) defaults.get(name));
    }
}
