package io.github.difyspring.client.app;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A rating of a message.
 */
public enum FeedbackRating {

    /** The message was helpful. */
    LIKE,

    /** The message was not helpful. */
    DISLIKE;

    /**
     * The name Dify uses on the wire.
     * @return {@code like} or {@code dislike}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a rating as Dify sends it.
     * @param wireName {@code like} or {@code dislike} (any case), or {@code null}
     * @return the rating, or {@code null} for {@code null} or a rating this client does not know
     */
    public static @Nullable FeedbackRating fromWire(@Nullable String wireName) {
        for (FeedbackRating rating : values()) {
            if (rating.wireName().equalsIgnoreCase(wireName)) {
                return rating;
            }
        }
        return null;
    }
}
