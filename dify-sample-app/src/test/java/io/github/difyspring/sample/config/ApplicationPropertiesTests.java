package io.github.difyspring.sample.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property the sample app's own files set is one that Spring Boot, the starter or the sample
 * app reads: each is checked against the configuration metadata of every jar on the class path, so a
 * property Spring Boot 4 renamed (such as {@code spring.codec.*}, now {@code spring.http.codecs.*})
 * fails here instead of being silently ignored.
 */
class ApplicationPropertiesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = { "application.yml", "demo-mode.yml" })
    void everyPropertyIsOneThatIsRead(String file) throws IOException {
        Metadata metadata = Metadata.load();
        List<String> names = new ArrayList<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
            Collections.addAll(names, ((EnumerablePropertySource<?>) source).getPropertyNames());
        }

        assertThat(names).isNotEmpty().allSatisfy((name) -> assertThat(metadata.reads(name))
            .as("%s in %s is a property that something reads", name, file).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "spring.codec.max-in-memory-size", "dify.apps.a.api-keys", "sample.limits.max-request-size" })
    void aPropertyNothingReadsIsTold(String name) throws IOException {
        assertThat(Metadata.load().reads(name)).isFalse();
    }

    /** The properties and map-valued groups that the class path's configuration metadata declares. */
    private record Metadata(Map<String, String> types) {

        @SuppressWarnings("unchecked")
        static Metadata load() throws IOException {
            Map<String, String> types = new HashMap<>();
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            for (String pattern : List.of("classpath*:META-INF/spring-configuration-metadata.json",
                    "classpath*:META-INF/additional-spring-configuration-metadata.json")) {
                for (Resource resource : resolver.getResources(pattern)) {
                    try (InputStream in = resource.getInputStream()) {
                        Map<String, Object> metadata = JSON.readValue(in, Map.class);
                        for (Map<String, Object> property : (List<Map<String, Object>>) metadata.getOrDefault("properties", List.of())) {
                            // A property deprecated at level "error" is no longer read: it only stays to say so.
                            Map<String, Object> deprecation = (Map<String, Object>) property.get("deprecation");
                            if (deprecation == null || !"error".equals(deprecation.get("level"))) {
                                types.put((String) property.get("name"), String.valueOf(property.get("type")));
                            }
                        }
                    }
                }
            }
            return new Metadata(types);
        }

        /**
         * Whether a property is declared, or sits under a declared map ({@code dify.apps.<name>.*},
         * {@code sample.users.<name>.*}, {@code management.observations.enable.<name>}), where the
         * part after the map's own name is checked against the map's value type when that is declared
         * with a {@code *} key.
         */
        boolean reads(String name) {
            String normalized = name.replaceAll("\\[\\d+]$", "");
            if (this.types.containsKey(normalized)) {
                return true;
            }
            for (Map.Entry<String, String> property : this.types.entrySet()) {
                String prefix = property.getKey() + ".";
                if (normalized.startsWith(prefix) && property.getValue().startsWith("java.util.Map")) {
                    String key = normalized.substring(prefix.length());
                    int dot = key.indexOf('.');
                    if (dot < 0) {
                        return true;
                    }
                    String starred = prefix + "*." + key.substring(dot + 1);
                    boolean valueTypeDeclared = this.types.keySet().stream().anyMatch((declared) -> declared.startsWith(prefix + "*."));
                    return !valueTypeDeclared || this.types.containsKey(starred) || property.getValue().contains("java.lang.Object")
                            || nestedUnderStarredMap(starred, property.getKey());
                }
            }
            return false;
        }

        /** Whether a starred name sits under a map declared inside the outer map's values, such as {@code a.*.labels.x}. */
        private boolean nestedUnderStarredMap(String starred, String outerMap) {
            return this.types.entrySet().stream().anyMatch((property) -> !property.getKey().equals(outerMap)
                    && starred.startsWith(property.getKey() + ".") && property.getValue().startsWith("java.util.Map"));
        }
    }
}
