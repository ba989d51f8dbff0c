package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * One chunk a retrieval matched.
 *
 * @param segment the chunk (Dify's segment) and the document it belongs to
 * @param childChunks the child chunks that matched, for a parent-child knowledge base; empty otherwise
 * @param score how well the chunk matched, from 0 to 1, or {@code null} (keyword search gives none)
 * @param tsnePosition a position for plotting, normally {@code null}
 * @param files the images attached to the chunk
 * @param summary the chunk's summary, when the knowledge base makes summaries, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievalRecord(RetrievedSegment segment, @JsonProperty("child_chunks") List<RetrievedChildChunk> childChunks,
        @Nullable Double score, @JsonProperty("tsne_position") @Nullable Object tsnePosition, List<RetrievedFile> files,
        @Nullable String summary) {

    /** Checks the segment and copies the lists, reading {@code null} as none. */
    public RetrievalRecord {
        Objects.requireNonNull(segment, "segment");
        childChunks = WireValues.list(childChunks);
        files = WireValues.list(files);
    }
}
