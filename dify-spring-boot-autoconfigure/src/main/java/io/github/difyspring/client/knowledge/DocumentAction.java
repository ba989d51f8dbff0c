package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a batch status change does to documents
 * ({@code PATCH /datasets/{dataset_id}/documents/status/{action}}).
 * Open: a value a later Dify sends is kept as it came.
 *
 * @param value the wire value, such as {@code enable}
 */
public record DocumentAction(@JsonValue String value) {

    /** Enables the documents: retrieval finds them again. */
    public static final DocumentAction ENABLE = new DocumentAction("enable");

    /** Disables the documents: retrieval leaves them out. Dify refuses a document whose indexing is not completed. */
    public static final DocumentAction DISABLE = new DocumentAction("disable");

    /** Archives the documents: they are kept, read-only, and left out of retrieval. */
    public static final DocumentAction ARCHIVE = new DocumentAction("archive");

    /** Takes the documents out of the archive. */
    public static final DocumentAction UN_ARCHIVE = new DocumentAction("un_archive");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DocumentAction {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A document action cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
