package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much of a document {@code GET /datasets/{dataset_id}/documents/{document_id}} returns (its
 * {@code metadata} parameter): everything, only the metadata, or everything but the metadata.
 * Open: a value a later Dify sends is kept as it came.
 *
 * @param value the wire value, such as {@code all}
 */
public record DocumentDetailMode(@JsonValue String value) {

    /** The document with its metadata. */
    public static final DocumentDetailMode ALL = new DocumentDetailMode("all");

    /** Only the document's id, type and metadata. */
    public static final DocumentDetailMode ONLY = new DocumentDetailMode("only");

    /** The document without its type and metadata. */
    public static final DocumentDetailMode WITHOUT = new DocumentDetailMode("without");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DocumentDetailMode {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A document detail mode cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
