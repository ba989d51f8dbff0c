package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One condition on a metadata field of the documents, for retrieval that only looks at matching
 * documents.
 *
 * @param name the metadata field, such as {@code category} or the built-in {@code document_name}
 * @param operator Dify's comparison operator: for text {@code contains}, {@code not contains},
 * {@code start with}, {@code end with}, {@code is}, {@code is not}, {@code empty}, {@code not empty},
 * {@code in}, {@code not in}; for numbers {@code =}, {@code ≠}, {@code >}, {@code <}, {@code ≥},
 * {@code ≤}; for times {@code before}, {@code after}
 * @param value what to compare with: a string, a number, a list of strings (for {@code in}), or
 * {@code null} (for {@code empty})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetadataCondition(String name, @JsonProperty("comparison_operator") String operator, @Nullable Object value) {

    /**
     * Checks the condition.
     */
    public MetadataCondition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operator, "operator");
    }

    /**
     * A field that is a value.
     * @param name the metadata field
     * @param value the value
     * @return the condition
     */
    public static MetadataCondition is(String name, Object value) {
        return new MetadataCondition(name, (value instanceof Number) ? "=" : "is", value);
    }

    /**
     * The condition in the form Dify takes.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("name", this.name);
        wire.put("comparison_operator", this.operator);
        wire.put("value", this.value);
        return wire;
    }
}
