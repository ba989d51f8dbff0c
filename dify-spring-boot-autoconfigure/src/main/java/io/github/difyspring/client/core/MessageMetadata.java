package io.github.difyspring.client.core;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code metadata} of a message: what it cost and which knowledge it drew on.
 *
 * @param usage token usage and price, when the server reports them
 * @param retrieverResources the knowledge-base content the answer cites; empty, never null
 * @param annotationReply the stored annotation Dify answered with instead of the model, if any
 * @param reasoning the model's reasoning as newer servers report it (an object, often empty), or
 * {@code null} when the server sends none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageMetadata(
        @Nullable Usage usage,
        @JsonProperty("retriever_resources") List<RetrieverResource> retrieverResources,
        @JsonProperty("annotation_reply") @Nullable AnnotationReply annotationReply,
        @Nullable Map<String, Object> reasoning) {

    /** Reads a missing or {@code null} list as empty, as some servers send {@code null}. */
    public MessageMetadata {
        retrieverResources = (retrieverResources != null) ? List.copyOf(retrieverResources) : List.of();
    }

    /**
     * No usage, no citations, no annotation: the metadata of an answer that came without any.
     * @return empty metadata
     */
    public static MessageMetadata empty() {
        return new MessageMetadata(null, null, null, null);
    }
}
