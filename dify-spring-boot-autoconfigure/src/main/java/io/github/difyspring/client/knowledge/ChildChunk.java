package io.github.difyspring.client.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A child chunk of a hierarchical document's chunk: the piece retrieval matches before returning
 * its parent.
 *
 * @param id the child chunk's id
 * @param segmentId its parent chunk
 * @param content its text
 * @param position its place in the parent
 * @param wordCount its words
 * @param type {@code automatic} (cut by Dify) or {@code customized} (added or changed by hand)
 * @param createdAt when it was created, in epoch seconds
 * @param updatedAt when it last changed, in epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChildChunk(
        String id,
        @JsonProperty("segment_id") @Nullable String segmentId,
        @Nullable String content,
        @Nullable Integer position,
        @JsonProperty("word_count") @Nullable Integer wordCount,
        @Nullable String type,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("updated_at") @Nullable Long updatedAt) {
}
