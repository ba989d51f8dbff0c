package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A chunk to add to a document by hand. Immutable; start from {@link #of(String)}.
 *
 * @param content its text (the question, in a question-and-answer document); not blank
 * @param answer its answer, which a question-and-answer document requires, else {@code null}
 * @param keywords its keywords, for keyword search; empty to let Dify extract them
 * @param attachmentIds uploaded files to attach to it, at most 10; empty for none
 */
public record NewChunk(String content, @Nullable String answer, List<String> keywords, List<String> attachmentIds) {

    /**
     * Checks the chunk.
     * @throws IllegalArgumentException when the content is blank
     */
    public NewChunk {
        Objects.requireNonNull(content, "content");
        if (content.isBlank()) {
            throw new IllegalArgumentException("Dify refuses a chunk without content");
        }
        keywords = List.copyOf(keywords);
        attachmentIds = List.copyOf(attachmentIds);
    }

    /**
     * A chunk of text.
     * @param content its text
     * @return the chunk
     */
    public static NewChunk of(String content) {
        return new NewChunk(content, null, List.of(), List.of());
    }

    /**
     * A question and its answer, for a question-and-answer document.
     * @param question the question
     * @param answer the answer
     * @return the chunk
     */
    public static NewChunk of(String question, String answer) {
        return new NewChunk(question, Objects.requireNonNull(answer, "answer"), List.of(), List.of());
    }

    /**
     * This chunk with keywords.
     * @param keywords its keywords
     * @return the changed chunk
     */
    public NewChunk withKeywords(List<String> keywords) {
        return new NewChunk(this.content, this.answer, keywords, this.attachmentIds);
    }

    /**
     * This chunk with uploaded files attached.
     * @param fileIds the uploaded files, at most 10
     * @return the changed chunk
     */
    public NewChunk withAttachments(List<String> fileIds) {
        return new NewChunk(this.content, this.answer, this.keywords, fileIds);
    }

    /**
     * The chunk in the form Dify takes.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("content", this.content);
        if (this.answer != null) {
            wire.put("answer", this.answer);
        }
        if (!this.keywords.isEmpty()) {
            wire.put("keywords", this.keywords);
        }
        if (!this.attachmentIds.isEmpty()) {
            wire.put("attachment_ids", this.attachmentIds);
        }
        return wire;
    }
}
