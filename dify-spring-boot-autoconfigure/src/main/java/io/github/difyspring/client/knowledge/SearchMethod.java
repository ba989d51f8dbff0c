package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a knowledge base finds the chunks for a query. Open: a value a later Dify sends is kept as it
 * came.
 *
 * @param value the wire value, such as {@code semantic_search}
 */
public record SearchMethod(@JsonValue String value) {

    /** Vector similarity with the query's embedding (high-quality knowledge bases). */
    public static final SearchMethod SEMANTIC = new SearchMethod("semantic_search");

    /** Full-text search over the chunks' words (high-quality knowledge bases). */
    public static final SearchMethod FULL_TEXT = new SearchMethod("full_text_search");

    /** Semantic and full-text search together, their results reranked or weighted. */
    public static final SearchMethod HYBRID = new SearchMethod("hybrid_search");

    /** Keyword search, the only method of economy knowledge bases. */
    public static final SearchMethod KEYWORD = new SearchMethod("keyword_search");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SearchMethod {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A search method cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
