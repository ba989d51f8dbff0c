package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a chunk (Dify's segment) is in its indexing. Also the {@code status} a chunk listing can
 * be filtered by.
 * Open: a value a later Dify sends is kept as it came.
 *
 * @param value the wire value, such as {@code completed}
 */
public record ChunkStatus(@JsonValue String value) {

    /** Waiting to be indexed. */
    public static final ChunkStatus WAITING = new ChunkStatus("waiting");

    /** Being indexed. */
    public static final ChunkStatus INDEXING = new ChunkStatus("indexing");

    /** Indexed: retrieval can find it. */
    public static final ChunkStatus COMPLETED = new ChunkStatus("completed");

    /** Indexing failed: the chunk's error says why. */
    public static final ChunkStatus ERROR = new ChunkStatus("error");

    /** Indexing paused. */
    public static final ChunkStatus PAUSED = new ChunkStatus("paused");

    /** Being cut again after the document's rules changed. */
    public static final ChunkStatus RE_SEGMENT = new ChunkStatus("re_segment");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ChunkStatus {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A chunk status cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
