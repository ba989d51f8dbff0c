package io.github.difyspring.client.app;

import java.util.Objects;

/**
 * The settings of annotation reply. Dify requires them to turn it off as well as on.
 *
 * @param embeddingProviderName the provider of the embedding model, such as {@code openai}
 * @param embeddingModelName the embedding model, such as {@code text-embedding-3-small}
 * @param scoreThreshold how similar a message must be to a question for its annotation to answer
 * it, from 0 to 1
 */
public record AnnotationReplySettings(String embeddingProviderName, String embeddingModelName,
        double scoreThreshold) {

    /** Checks that the model is named and the threshold is between 0 and 1. */
    public AnnotationReplySettings {
        Objects.requireNonNull(embeddingProviderName, "embeddingProviderName");
        Objects.requireNonNull(embeddingModelName, "embeddingModelName");
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("The score threshold of annotation reply is between 0 and 1; got "
                    + scoreThreshold);
        }
    }
}
