import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.util.unit.DataSize;

import io.github.difyspring.autoconfigure.DifyClientSettings;
import io.github.difyspring.autoconfigure.DifyProperties;

/**
 * Completes the IDE metadata that Spring Boot's configuration processor writes for the Dify
 * properties, with what the processor cannot see: the defaults, which the properties take from the
 * client options ({@code DifyClientOptions.defaults()} and the like) rather than from literals, and
 * the {@code dify.apps.*} entries, which it does not write for the values of a map.
 *
 * <ul>
 * <li>Every {@code dify.*} property gets the default that a fresh {@link DifyProperties} has, and
 * every {@code dify.apps.*} one the default of a fresh {@link DifyProperties.App} (read through
 * their getters), written as Spring Boot writes it: {@code 10s}, {@code 500ms}, {@code 16MB}.</li>
 * <li>Every global property of the settings an app shares ({@link DifyClientSettings}) gets a
 * {@code dify.apps.*} twin of the same type, described as the global one and as overriding it.</li>
 * </ul>
 *
 * <p>A build step, run by Maven in the process-classes phase with Java's source launcher; not part of
 * the jar. Run again on its own output, it writes the same file.
 *
 * <p>Usage: {@code java -classpath <classes and dependencies> ConfigurationMetadataDefaults.java
 * <path of spring-configuration-metadata.json>}
 */
public class ConfigurationMetadataDefaults {

    private static final String GLOBAL = DifyProperties.PREFIX + ".";

    private static final String APP = GLOBAL + "apps.*.";

    private static final String PROPERTIES_TYPE = DifyProperties.class.getName();

    private static final Map<String, Long> DURATION_UNITS = units("d", 86_400_000_000_000L, "h", 3_600_000_000_000L, "m",
            60_000_000_000L, "s", 1_000_000_000L, "ms", 1_000_000L, "us", 1_000L, "ns", 1L);

    private static final Map<String, Long> SIZE_UNITS = units("TB", 1L << 40, "GB", 1L << 30, "MB", 1L << 20, "KB", 1L << 10, "B",
            1L);

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: ConfigurationMetadataDefaults <spring-configuration-metadata.json>");
        }
        Path file = Path.of(args[0]);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = json.readValue(Files.readString(file), LinkedHashMap.class);
        metadata.put("properties", complete(properties(metadata)));
        Files.writeString(file, json.writeValueAsString(metadata) + System.lineSeparator());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> properties(Map<String, Object> metadata) {
        return (List<Map<String, Object>>) metadata.get("properties");
    }

    /**
     * The properties with their defaults and the per-app twins, sorted by name as the processor
     * writes them, so that every build writes the same file.
     */
    static List<Map<String, Object>> complete(List<Map<String, Object>> properties) {
        BeanWrapper global = new BeanWrapperImpl(new DifyProperties());
        BeanWrapper app = new BeanWrapperImpl(new DifyProperties.App());
        BeanWrapper shared = new BeanWrapperImpl(new DifyClientSettings());
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        properties.forEach((property) -> byName.put(name(property), property));
        for (Map<String, Object> property : new ArrayList<>(byName.values())) {
            String name = name(property);
            if (name.startsWith(APP)) {
                setDefault(property, app.getPropertyValue(path(name.substring(APP.length()))));
            }
            else if (name.startsWith(GLOBAL) && !name.equals(GLOBAL + "apps")) {
                String path = path(name.substring(GLOBAL.length()));
                setDefault(property, global.getPropertyValue(path));
                if (shared.isReadableProperty(path)) {
                    Map<String, Object> twin = twin(property, name.substring(GLOBAL.length()));
                    byName.put(name(twin), twin);
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * The {@code dify.apps.*} entry of a shared setting: its type and description, no default (an
     * app inherits the global value).
     */
    private static Map<String, Object> twin(Map<String, Object> global, String relativeName) {
        Map<String, Object> twin = new LinkedHashMap<>();
        twin.put("name", APP + relativeName);
        twin.put("type", global.get("type"));
        String description = (String) global.get("description");
        if (description == null || description.isBlank()) {
            throw new IllegalStateException(name(global) + " has no description: write the javadoc of its field");
        }
        twin.put("description", description.strip() + (description.strip().endsWith(".") ? "" : ".") + " Overrides " + name(global)
                + " for this app.");
        Object sourceType = global.get("sourceType");
        twin.put("sourceType", PROPERTIES_TYPE.equals(sourceType) ? DifyProperties.App.class.getName() : sourceType);
        return twin;
    }

    private static void setDefault(Map<String, Object> property, Object value) {
        Object written = written(value);
        if (written != null) {
            property.put("defaultValue", written);
        }
        else {
            property.remove("defaultValue");
        }
    }

    /**
     * A value as the metadata writes it, or {@code null} for none.
     */
    static Object written(Object value) {
        if (value == null || value instanceof Collection<?> collection && collection.isEmpty() || value instanceof Map<?, ?>) {
            return null;
        }
        if (value instanceof Duration duration) {
            return inLargestUnit(duration.toNanos(), DURATION_UNITS);
        }
        if (value instanceof DataSize size) {
            return inLargestUnit(size.toBytes(), SIZE_UNITS);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (value instanceof Boolean || value instanceof Number || value instanceof String) {
            return value;
        }
        throw new IllegalStateException("No metadata form for a default of " + value.getClass().getName() + ": " + value);
    }

    /**
     * The amount in the largest unit that holds it whole, such as {@code 5m} rather than
     * {@code 300s}.
     */
    private static String inLargestUnit(long amount, Map<String, Long> units) {
        if (amount == 0) {
            return "0";
        }
        for (Map.Entry<String, Long> unit : units.entrySet()) {
            if (amount % unit.getValue() == 0) {
                return (amount / unit.getValue()) + unit.getKey();
            }
        }
        throw new IllegalStateException("No unit for " + amount);
    }

    /**
     * The bean property path of a kebab-case property name: {@code retry.max-attempts} is
     * {@code retry.maxAttempts}.
     */
    private static String path(String name) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' && i + 1 < name.length()) {
                path.append(Character.toUpperCase(name.charAt(++i)));
            }
            else {
                path.append(c);
            }
        }
        return path.toString();
    }

    private static String name(Map<String, Object> property) {
        return (String) property.get("name");
    }

    private static Map<String, Long> units(Object... unitsAndSizes) {
        Map<String, Long> units = new LinkedHashMap<>();
        for (int i = 0; i < unitsAndSizes.length; i += 2) {
            units.put((String) unitsAndSizes[i], (Long) unitsAndSizes[i + 1]);
        }
        return units;
    }
}
