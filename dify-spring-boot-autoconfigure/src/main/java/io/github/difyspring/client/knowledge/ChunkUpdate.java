package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A change to a chunk: only what is set is sent, and only that changes. Immutable; start from
 * {@link #content(String)} or {@link #none()} and add what changes with the {@code with...} methods.
 *
 * @param content the new text, or {@code null} to keep it
 * @param answer the new answer (question-and-answer documents), or {@code null} to keep it
 * @param keywords the new keywords, or {@code null} to keep them
 * @param enabled whether retrieval finds the chunk, or {@code null} to keep it as it is
 * @param regenerateChildChunks whether Dify cuts the child chunks again from the new text
 * (hierarchical documents)
 * @param attachmentIds the uploaded files attached to it from now on, or {@code null} to keep them
 * @param summary the new summary, or {@code null} to keep it
 */
public record ChunkUpdate(@Nullable String content, @Nullable String answer, @Nullable List<String> keywords,
        @Nullable Boolean enabled, boolean regenerateChildChunks, @Nullable List<String> attachmentIds,
        @Nullable String summary) {

    /** Copies the lists. */
    public ChunkUpdate {
        keywords = (keywords != null) ? List.copyOf(keywords) : null;
        attachmentIds = (attachmentIds != null) ? List.copyOf(attachmentIds) : null;
    }

    /**
     * A change that changes nothing yet.
     * @return the change
     */
    public static ChunkUpdate none() {
        return new ChunkUpdate(null, null, null, null, false, null, null);
    }

    /**
     * A new text.
     * @param content the new text
     * @return the change
     */
    public static ChunkUpdate content(String content) {
        return none().withContent(content);
    }

    /**
     * This change with a new text.
     * @param content the new text
     * @return the changed change
     */
    public ChunkUpdate withContent(String content) {
        return new ChunkUpdate(content, this.answer, this.keywords, this.enabled, this.regenerateChildChunks, this.attachmentIds,
                this.summary);
    }

    /**
     * This change with a new answer.
     * @param answer the new answer
     * @return the changed change
     */
    public ChunkUpdate withAnswer(String answer) {
        return new ChunkUpdate(this.content, answer, this.keywords, this.enabled, this.regenerateChildChunks, this.attachmentIds,
                this.summary);
    }

    /**
     * This change with new keywords.
     * @param keywords the new keywords
     * @return the changed change
     */
    public ChunkUpdate withKeywords(List<String> keywords) {
        return new ChunkUpdate(this.content, this.answer, keywords, this.enabled, this.regenerateChildChunks, this.attachmentIds,
                this.summary);
    }

    /**
     * This change enabling or disabling the chunk.
     * @param enabled whether retrieval finds it
     * @return the changed change
     */
    public ChunkUpdate withEnabled(boolean enabled) {
        return new ChunkUpdate(this.content, this.answer, this.keywords, enabled, this.regenerateChildChunks, this.attachmentIds,
                this.summary);
    }

    /**
     * This change asking Dify to cut the child chunks again from the new text.
     * @return the changed change
     */
    public ChunkUpdate withRegeneratedChildChunks() {
        return new ChunkUpdate(this.content, this.answer, this.keywords, this.enabled, true, this.attachmentIds, this.summary);
    }

    /**
     * This change with other attached files.
     * @param fileIds the uploaded files
     * @return the changed change
     */
    public ChunkUpdate withAttachments(List<String> fileIds) {
        return new ChunkUpdate(this.content, this.answer, this.keywords, this.enabled, this.regenerateChildChunks, fileIds,
                this.summary);
    }

    /**
     * This change with a new summary.
     * @param summary the new summary
     * @return the changed change
     */
    public ChunkUpdate withSummary(String summary) {
        return new ChunkUpdate(this.content, this.answer, this.keywords, this.enabled, this.regenerateChildChunks, this.attachmentIds,
                summary);
    }

    /**
     * The change in the form Dify takes, the {@code segment} object of the request.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        if (this.content != null) {
            wire.put("content", this.content);
        }
        if (this.answer != null) {
            wire.put("answer", this.answer);
        }
        if (this.keywords != null) {
            wire.put("keywords", this.keywords);
        }
        if (this.enabled != null) {
            wire.put("enabled", this.enabled);
        }
        wire.put("regenerate_child_chunks", this.regenerateChildChunks);
        if (this.attachmentIds != null) {
            wire.put("attachment_ids", this.attachmentIds);
        }
        if (this.summary != null) {
            wire.put("summary", this.summary);
        }
        return wire;
    }
}
