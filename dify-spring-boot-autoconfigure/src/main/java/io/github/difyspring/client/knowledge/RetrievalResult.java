package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * What a retrieval found: the query as Dify ran it and the chunks it matched, best first
 * ({@code HitTestingResponse} in Dify's {@code api/fields/hit_testing_fields.py}).
 *
 * @param query the query
 * @param records the matched chunks with their scores
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievalResult(Query query, List<RetrievalRecord> records) {

    /** Checks the query and copies the records, reading {@code null} as none. */
    public RetrievalResult {
        Objects.requireNonNull(query, "query");
        records = WireValues.list(records);
    }

    /**
     * The query a retrieval ran.
     *
     * @param content the query's text, or {@code null} when Dify sent none
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Query(@Nullable String content) {
    }
}
