package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The type of a metadata field of a knowledge base's documents. Open: a value a later Dify sends
 * is kept as it came.
 *
 * @param value the wire value, such as {@code string}
 */
public record MetadataType(@JsonValue String value) {

    /** Text. */
    public static final MetadataType STRING = new MetadataType("string");

    /** A number, integer or decimal. */
    public static final MetadataType NUMBER = new MetadataType("number");

    /** A time, stored by Dify as epoch seconds. */
    public static final MetadataType TIME = new MetadataType("time");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MetadataType {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A metadata type cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
