package io.github.difyspring.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata generated at build time documents every Dify property, the SSL and proxy ones
 * included, global and per app; a per-app setting is described as its global one, and as overriding it.
 */
class ConfigurationMetadataTests {

    @Test
    @SuppressWarnings("unchecked")
    void everyPropertyHasADescription() throws Exception {
        Map<String, Object> metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            metadata = JsonMapper.builder().build().readValue(in, Map.class);
        }
        List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
        assertThat(properties).extracting((property) -> property.get("name"))
            .contains("dify.base-url", "dify.apps", "dify.apps.*.api-key", "dify.apps.*.type", "dify.apps.*.base-url",
                    "dify.apps.*.user", "dify.ssl.bundle", "dify.proxy.enabled", "dify.proxy.host", "dify.proxy.port",
                    "dify.proxy.username", "dify.proxy.password", "dify.proxy.non-proxy-hosts", "dify.apps.*.ssl.bundle",
                    "dify.apps.*.proxy.enabled", "dify.apps.*.proxy.host", "dify.apps.*.proxy.port", "dify.apps.*.proxy.username",
                    "dify.apps.*.proxy.password", "dify.apps.*.proxy.non-proxy-hosts");
        assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description")).isNotBlank());
        assertThat(properties).filteredOn((property) -> "dify.base-url".equals(property.get("name")))
            .singleElement()
            .satisfies((property) -> assertThat(property.get("defaultValue")).isEqualTo("https://api.dify.ai/v1"));
        assertThat(properties).filteredOn((property) -> "dify.apps.*.connect-timeout".equals(property.get("name")))
            .singleElement()
            .satisfies((property) -> assertThat((String) property.get("description"))
                .startsWith("Longest wait for a connection to Dify (TCP and TLS).")
                .endsWith(" Overrides dify.connect-timeout for this app."));
        List<Map<String, Object>> hints = (List<Map<String, Object>>) metadata.get("hints");
        assertThat(hints).filteredOn((hint) -> "dify.apps.*.type".equals(hint.get("name")))
            .singleElement()
            .satisfies((hint) -> assertThat((List<Map<String, Object>>) hint.get("values")).extracting((value) -> value.get("value"))
                .containsExactly("chat", "agent", "chatflow", "workflow", "completion"));
    }
}
