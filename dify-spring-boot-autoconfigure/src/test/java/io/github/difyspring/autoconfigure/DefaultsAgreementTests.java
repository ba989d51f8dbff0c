package io.github.difyspring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.core.DifyRetryOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every default is the same wherever it is written: the defaults of the client options (what a
 * client built without Spring Boot gets), the initial values of the Boot properties, and the
 * defaults the IDE metadata shows; and every setting an app shares with {@code dify.*} is in the
 * metadata at both levels, the app's inheriting the global one.
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
        assertThat(properties.getStopOnCancel()).isEqualTo(options.stopOnCancel());
        assertThat(properties.getStopTimeout()).isEqualTo(options.stopTimeout());
        assertThat(properties.getMaxInMemorySize().toBytes()).isEqualTo(options.maxInMemorySize());
        assertThat(properties.getRetry().getEnabled()).isEqualTo(retry.enabled());
        assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(retry.maxAttempts());
        assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(retry.initialBackoff());
        assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(retry.maxBackoff());
        assertThat(properties.getRetry().getJitter()).isEqualTo(retry.jitter());
        assertThat(properties.getRetry().getGenerationsOnServerError()).isEqualTo(retry.generationsOnServerError());
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

    @Test
    void everySharedSettingHasAPerAppTwinOfTheSameTypeThatInheritsIt() throws Exception {
        Map<String, Map<String, Object>> metadata = metadataByName();
        List<String> shared = sharedSettings(DifyClientSettings.class, "");
        BeanWrapper app = new BeanWrapperImpl(new DifyProperties.App());

        assertThat(shared).contains("base-url", "connect-timeout", "stop-on-cancel", "retry.max-attempts",
                "retry.generations-on-server-error", "ssl.bundle", "proxy.host", "proxy.non-proxy-hosts");
        for (String name : shared) {
            Map<String, Object> global = metadata.get("dify." + name);
            Map<String, Object> twin = metadata.get("dify.apps.*." + name);
            assertThat(global).as("dify.%s", name).isNotNull();
            assertThat(twin).as("dify.apps.*.%s", name).isNotNull();
            assertThat(twin.get("type")).as("type of dify.apps.*.%s", name).isEqualTo(global.get("type"));
            assertThat(twin).as("dify.apps.*.%s inherits, so shows no default", name).doesNotContainKey("defaultValue");
            Object unset = app.getPropertyValue(camelCase(name));
            if (unset instanceof Collection<?> list) {
                assertThat(list).as("a fresh app's %s", name).isEmpty();
            }
            else {
                assertThat(unset).as("a fresh app's %s", name).isNull();
            }
        }
    }

    @Test
    void thePerAppEntriesAreTheSharedSettingsAndTheAppsOwn() throws Exception {
        List<String> expected = new ArrayList<>(List.of("dify.apps.*.api-key", "dify.apps.*.type", "dify.apps.*.user"));
        sharedSettings(DifyClientSettings.class, "").forEach((name) -> expected.add("dify.apps.*." + name));

        assertThat(metadataByName().keySet()).filteredOn((name) -> name.startsWith("dify.apps.*."))
            .containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * The kebab-case names of the settings an app shares with {@code dify.*}, read from the class
     * (not from the metadata), nested groups such as {@code retry} included.
     */
    private static List<String> sharedSettings(Class<?> type, String prefix) {
        List<String> names = new ArrayList<>();
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
                continue;
            }
            String name = prefix + kebabCase(descriptor.getName());
            if (descriptor.getPropertyType().getPackageName().equals(DifyClientSettings.class.getPackageName())) {
                names.addAll(sharedSettings(descriptor.getPropertyType(), name + "."));
            }
            else {
                names.add(name);
            }
        }
        return names;
    }

    private static String kebabCase(String camelCase) {
        return camelCase.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    private static String camelCase(String kebabCase) {
        return Pattern.compile("-([a-z])").matcher(kebabCase).replaceAll((match) -> match.group(1).toUpperCase(Locale.ROOT));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> metadataByName() throws Exception {
        try (InputStream in = DefaultsAgreementTests.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            Map<String, Object> metadata = JsonMapper.builder().build().readValue(in, Map.class);
            return ((List<Map<String, Object>>) metadata.get("properties")).stream()
                .collect(Collectors.toMap((property) -> (String) property.get("name"), (property) -> property));
        }
    }

    private static java.time.Duration duration(Map<String, Object> defaults, String name) {
        return DurationStyle.detectAndParse((String) defaults.get(name));
    }
}
