package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * A chunk (Dify's segment) as a retrieval returns it ({@code HitTestingSegment}).
 *
 * @param id the chunk's id
 * @param position its position in its document, from 1
 * @param documentId its document's id
 * @param content its text (the question, in a Q&amp;A knowledge base)
 * @param signContent its text with signed image URLs, or {@code null}
 * @param answer the answer, in a Q&amp;A knowledge base; {@code null} otherwise
 * @param wordCount how many words it has
 * @param tokens how many tokens it has
 * @param keywords its keywords
 * @param indexNodeId its node in the index, or {@code null}
 * @param indexNodeHash the hash of its content in the index, or {@code null}
 * @param hitCount how many retrievals found it
 * @param enabled whether it is retrieved at all
 * @param disabledAt when it was disabled, in epoch seconds, or {@code null}
 * @param disabledBy who disabled it, or {@code null}
 * @param status its indexing status ({@code waiting}, {@code indexing}, {@code completed},
 * {@code error}, {@code paused}, {@code re_segment})
 * @param createdBy the account that created it
 * @param createdAt when it was created, in epoch seconds
 * @param indexingAt when its indexing started, in epoch seconds, or {@code null}
 * @param completedAt when its indexing ended, in epoch seconds, or {@code null}
 * @param error why its indexing failed, or {@code null}
 * @param stoppedAt when its indexing was stopped, in epoch seconds, or {@code null}
 * @param document the document it belongs to
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievedSegment(
        String id,
        int position,
        @JsonProperty("document_id") String documentId,
        String content,
        @JsonProperty("sign_content") @Nullable String signContent,
        @Nullable String answer,
        @JsonProperty("word_count") int wordCount,
        int tokens,
        List<String> keywords,
        @JsonProperty("index_node_id") @Nullable String indexNodeId,
        @JsonProperty("index_node_hash") @Nullable String indexNodeHash,
        @JsonProperty("hit_count") int hitCount,
        boolean enabled,
        @JsonProperty("disabled_at") @Nullable Long disabledAt,
        @JsonProperty("disabled_by") @Nullable String disabledBy,
        @Nullable String status,
        @JsonProperty("created_by") @Nullable String createdBy,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("indexing_at") @Nullable Long indexingAt,
        @JsonProperty("completed_at") @Nullable Long completedAt,
        @Nullable String error,
        @JsonProperty("stopped_at") @Nullable Long stoppedAt,
        RetrievedDocument document) {

    /** Checks what identifies the chunk and copies the keywords, reading {@code null} as none. */
    public RetrievedSegment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(document, "document");
        keywords = WireValues.list(keywords);
    }
}
