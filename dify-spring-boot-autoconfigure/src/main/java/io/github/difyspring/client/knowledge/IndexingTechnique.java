package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a knowledge base indexes its chunks: {@link #HIGH_QUALITY} with an embedding model, or
 * {@link #ECONOMY} with keywords only. Open: a value a later Dify sends is kept as it came.
 *
 * @param value the wire value, such as {@code high_quality}
 */
public record IndexingTechnique(@JsonValue String value) {

    /** Vector indexing with the knowledge base's embedding model. */
    public static final IndexingTechnique HIGH_QUALITY = new IndexingTechnique("high_quality");

    /** Keyword indexing, without an embedding model (and without semantic search). */
    public static final IndexingTechnique ECONOMY = new IndexingTechnique("economy");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public IndexingTechnique {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("An indexing technique cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
