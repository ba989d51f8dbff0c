package dev.dify.spring.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code metadata} of a message: what it cost and which knowledge it drew on.
 *
 * @param usage token usage and price, when the server reports them
 * @param retrieverResources the knowledge-base content the answer cites; empty, never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageMetadata(
        @Nullable Usage usage,
        @JsonProperty("retriever_resources") List<RetrieverResource> retrieverResources) {

    /** Reads a missing or {@code null} list as empty, as some servers send {@code null}. */
    public MessageMetadata {
        retrieverResources = (retrieverResources != null) ? List.copyOf(retrieverResources) : List.of();
    }
}
