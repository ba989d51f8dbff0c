package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A child chunk that matched a retrieval, in a parent-child knowledge base.
 *
 * @param id the child chunk's id
 * @param content its text
 * @param position its position in its parent chunk
 * @param score how well it matched, from 0 to 1
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievedChildChunk(String id, String content, int position, double score) {

    /** Checks the id and the text. */
    public RetrievedChildChunk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
    }
}
