package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The value of one metadata field on a document, to set with
 * {@link io.github.difyspring.client.KnowledgeMetadata#updateDocumentValues(java.util.List)}.
 *
 * @param id the metadata field's id
 * @param name the metadata field's name
 * @param value a {@code String}, an integer or decimal {@link Number} (for {@code number} fields,
 * and epoch seconds for {@code time} fields), or {@code null} to clear it
 */
public record MetadataValue(String id, String name, @Nullable Object value) {

    /**
     * Checks the value's kind: Dify takes a string, a number or {@code null}.
     * @throws IllegalArgumentException when the value is of another kind
     */
    public MetadataValue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (value != null && !(value instanceof String) && !(value instanceof Number)) {
            throw new IllegalArgumentException("Dify takes a metadata value as a string, a number or null; got a "
                    + value.getClass().getName());
        }
    }

    /**
     * The value of a field.
     * @param field the field, as listed by the knowledge base
     * @param value a string, a number, or {@code null} to clear it
     * @return the value
     */
    public static MetadataValue of(MetadataField field, @Nullable Object value) {
        return new MetadataValue(field.id(), field.name(), value);
    }

    /**
     * The value in the form Dify takes.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("id", this.id);
        wire.put("name", this.name);
        wire.put("value", this.value);
        return wire;
    }
}
