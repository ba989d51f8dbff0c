package io.github.difyspring.client.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The annotation Dify answered with instead of calling the model, when annotation reply is on and a
 * stored annotation matched the question.
 *
 * @param id the annotation's id
 * @param account who wrote the annotation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnnotationReply(@Nullable String id, @Nullable Account account) {

    /**
     * The workspace member who wrote an annotation.
     *
     * @param id the account id
     * @param name the account's name
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(@Nullable String id, @Nullable String name) {
    }
}
