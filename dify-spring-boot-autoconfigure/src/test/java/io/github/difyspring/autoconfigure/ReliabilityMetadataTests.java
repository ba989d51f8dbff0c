package io.github.difyspring.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata documents every time limit, retry, cancellation and pool property, with its
 * default, and every per-app override.
 */
class ReliabilityMetadataTests {

    @Test
    @SuppressWarnings("unchecked")
    void everyReliabilityPropertyIsDescribedWithItsDefault() throws Exception {
        Map<String, Object> metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readValue(in, Map.class);
        }
        Map<String, Map<String, Object>> properties = ((List<Map<String, Object>>) metadata.get("properties")).stream()
            .collect(Collectors.toMap((property) -> (String) property.get("name"), (property) -> property));

        assertThat(properties).allSatisfy((name, property) -> assertThat((String) property.get("description")).as(name).isNotBlank());
        Map<String, Object> defaults = Map.ofEntries(Map.entry("dify.connect-timeout", "10s"), Map.entry("dify.response-timeout", "5m"),
                Map.entry("dify.stream-idle-timeout", "1m"), Map.entry("dify.stop-on-cancel", true), Map.entry("dify.stop-timeout", "5s"),
                Map.entry("dify.max-in-memory-size", "16MB"), Map.entry("dify.retry.enabled", true),
                Map.entry("dify.retry.max-attempts", 3), Map.entry("dify.retry.initial-backoff", "500ms"),
                Map.entry("dify.retry.max-backoff", "30s"), Map.entry("dify.retry.jitter", 0.5),
                Map.entry("dify.retry.generations-on-server-error", false),
                Map.entry("dify.pool.max-connections", 1000), Map.entry("dify.pool.pending-acquire-max-count", 1000),
                Map.entry("dify.pool.pending-acquire-timeout", "45s"), Map.entry("dify.pool.max-idle-time", "30s"),
                Map.entry("dify.pool.eviction-interval", "30s"));
        defaults.forEach((name, value) -> assertThat(properties.get(name)).as(name).isNotNull()
            .satisfies((property) -> assertThat(property.get("defaultValue")).as(name).isEqualTo(value)));
        assertThat(properties).containsKeys("dify.apps.*.connect-timeout", "dify.apps.*.response-timeout",
                "dify.apps.*.stream-idle-timeout", "dify.apps.*.stop-on-cancel", "dify.apps.*.stop-timeout",
                "dify.apps.*.retry.enabled", "dify.apps.*.retry.max-attempts", "dify.apps.*.retry.initial-backoff",
                "dify.apps.*.retry.max-backoff", "dify.apps.*.retry.jitter", "dify.apps.*.retry.generations-on-server-error");
    }
}
