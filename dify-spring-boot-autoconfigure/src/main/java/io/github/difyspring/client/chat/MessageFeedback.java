package io.github.difyspring.client.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The end user's feedback on a message of the history.
 *
 * @param rating {@code like} or {@code dislike}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageFeedback(@Nullable String rating) {
}
