package io.github.difyspring.client.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An annotation: a question and the answer the app gives to it directly, without generating one,
 * when annotation reply is on and a message matches the question.
 *
 * @param id the annotation's id
 * @param question the question
 * @param answer the answer
 * @param hitCount how many messages the annotation answered
 * @param createdAt when it was created, in epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Annotation(
        @Nullable String id,
        @Nullable String question,
        @Nullable String answer,
        @JsonProperty("hit_count") @Nullable Integer hitCount,
        @JsonProperty("created_at") @Nullable Long createdAt) {
}
