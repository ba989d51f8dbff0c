package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a document is cut into chunks (Dify's {@code doc_form}, a knowledge base's
 * {@code chunk_structure}): plain chunks, question-and-answer pairs, or parent chunks with child
 * chunks. A document must have its knowledge base's form. Open: a value a later Dify sends is kept
 * as it came.
 *
 * @param value the wire value, such as {@code text_model}
 */
public record DocForm(@JsonValue String value) {

    /** Plain chunks (Dify's default). */
    public static final DocForm TEXT = new DocForm("text_model");

    /** Question-and-answer pairs: every chunk has an answer. */
    public static final DocForm QA = new DocForm("qa_model");

    /** Parent chunks, each with child chunks that are matched and then return their parent. */
    public static final DocForm HIERARCHICAL = new DocForm("hierarchical_model");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DocForm {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A document form cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
