package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * A chunk of a document (Dify's segment): the text retrieval returns, with its answer in a
 * question-and-answer document and its child chunks in a hierarchical one (Dify 1.14.2,
 * {@code api/fields/segment_fields.py}; the API spec marks fewer fields nullable than the code).
 *
 * @param id the chunk's id
 * @param position its place in the document
 * @param documentId its document
 * @param content its text (the question, in a question-and-answer document)
 * @param signContent its text as signed for display
 * @param answer its answer, in a question-and-answer document
 * @param wordCount its words
 * @param tokens its tokens
 * @param keywords its keywords, for keyword search; empty when none
 * @param indexNodeId its node in the index
 * @param indexNodeHash the hash of its indexed content
 * @param hitCount how often retrieval returned it
 * @param enabled whether retrieval finds it
 * @param disabledAt when it was disabled, in epoch seconds
 * @param disabledBy who disabled it
 * @param status where its indexing is
 * @param createdBy the account that created it
 * @param createdAt when, in epoch seconds
 * @param updatedAt when it last changed, in epoch seconds
 * @param updatedBy who changed it last
 * @param indexingAt when its indexing started, in epoch seconds
 * @param completedAt when its indexing completed, in epoch seconds
 * @param error why its indexing failed
 * @param stoppedAt when its indexing stopped, in epoch seconds
 * @param childChunks its child chunks, in a hierarchical document cut by paragraph; else empty
 * @param attachments the files attached to it; empty when none
 * @param summary its summary, when the knowledge base makes them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentChunk(
        String id,
        @Nullable Integer position,
        @JsonProperty("document_id") @Nullable String documentId,
        @Nullable String content,
        @JsonProperty("sign_content") @Nullable String signContent,
        @Nullable String answer,
        @JsonProperty("word_count") @Nullable Integer wordCount,
        @Nullable Integer tokens,
        List<String> keywords,
        @JsonProperty("index_node_id") @Nullable String indexNodeId,
        @JsonProperty("index_node_hash") @Nullable String indexNodeHash,
        @JsonProperty("hit_count") @Nullable Integer hitCount,
        @Nullable Boolean enabled,
        @JsonProperty("disabled_at") @Nullable Long disabledAt,
        @JsonProperty("disabled_by") @Nullable String disabledBy,
        @Nullable ChunkStatus status,
        @JsonProperty("created_by") @Nullable String createdBy,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("updated_at") @Nullable Long updatedAt,
        @JsonProperty("updated_by") @Nullable String updatedBy,
        @JsonProperty("indexing_at") @Nullable Long indexingAt,
        @JsonProperty("completed_at") @Nullable Long completedAt,
        @Nullable String error,
        @JsonProperty("stopped_at") @Nullable Long stoppedAt,
        @JsonProperty("child_chunks") List<ChildChunk> childChunks,
        List<ChunkAttachment> attachments,
        @Nullable String summary) {

    /** Reads missing or {@code null} lists as empty; copies them. */
    public DocumentChunk {
        Objects.requireNonNull(id, "id");
        keywords = WireValues.list(keywords);
        childChunks = WireValues.list(childChunks);
        attachments = WireValues.list(attachments);
    }
}
