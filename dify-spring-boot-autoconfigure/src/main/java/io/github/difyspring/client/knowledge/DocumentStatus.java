package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a document's state is as the console shows it (Dify's {@code display_status}), derived from
 * its indexing state, whether it is enabled and whether it is archived. Also the {@code status} a
 * document listing can be filtered by.
 * Open: a value a later Dify sends is kept as it came.
 *
 * @param value the wire value, such as {@code available}
 */
public record DocumentStatus(@JsonValue String value) {

    /** Queued for indexing. */
    public static final DocumentStatus QUEUING = new DocumentStatus("queuing");

    /** Being parsed, cleaned, split or indexed. */
    public static final DocumentStatus INDEXING = new DocumentStatus("indexing");

    /** Indexing paused in the console. */
    public static final DocumentStatus PAUSED = new DocumentStatus("paused");

    /** Indexing failed. */
    public static final DocumentStatus ERROR = new DocumentStatus("error");

    /** Indexed and enabled: retrieval finds it. */
    public static final DocumentStatus AVAILABLE = new DocumentStatus("available");

    /** Indexed but disabled: retrieval leaves it out. */
    public static final DocumentStatus DISABLED = new DocumentStatus("disabled");

    /** Archived: kept, read-only, left out of retrieval. */
    public static final DocumentStatus ARCHIVED = new DocumentStatus("archived");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DocumentStatus {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A document status cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
