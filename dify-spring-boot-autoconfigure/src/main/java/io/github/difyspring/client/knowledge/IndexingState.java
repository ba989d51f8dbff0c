package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a document is in its indexing (Dify's {@code indexing_status}): it waits, is parsed,
 * cleaned, split into chunks, indexed, and ends {@link #COMPLETED} or in {@link #ERROR}; a person
 * may pause it in the console ({@link #PAUSED}) and resume it there.
 * Open: a value a later Dify sends is kept as it came.
 *
 * @param value the wire value, such as {@code waiting}
 */
public record IndexingState(@JsonValue String value) {

    /** Queued, not started yet. */
    public static final IndexingState WAITING = new IndexingState("waiting");

    /** The file is being read and its text extracted. */
    public static final IndexingState PARSING = new IndexingState("parsing");

    /** The text is being cleaned by the pre-processing rules. */
    public static final IndexingState CLEANING = new IndexingState("cleaning");

    /** The text is being split into chunks. */
    public static final IndexingState SPLITTING = new IndexingState("splitting");

    /** The chunks are being embedded and indexed. */
    public static final IndexingState INDEXING = new IndexingState("indexing");

    /** Paused in the console, where it can be resumed. */
    public static final IndexingState PAUSED = new IndexingState("paused");

    /** Indexed: the document can be retrieved. */
    public static final IndexingState COMPLETED = new IndexingState("completed");

    /** Failed: the status's error says why. */
    public static final IndexingState ERROR = new IndexingState("error");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public IndexingState {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("An indexing state cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
