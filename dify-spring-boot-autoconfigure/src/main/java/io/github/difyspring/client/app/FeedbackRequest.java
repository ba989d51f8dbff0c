package io.github.difyspring.client.app;

import org.jspecify.annotations.Nullable;

/**
 * A feedback to give on a message: a rating, or the withdrawal of an earlier one, with an optional
 * comment. Immutable; start from {@link #like()}, {@link #dislike()} or {@link #revoke()}.
 *
 * <pre>{@code
 * client.feedback(messageId, FeedbackRequest.dislike().withContent("Too vague").withUser("abc-123"));
 * }</pre>
 *
 * @param rating the rating, or {@code null} to withdraw the message's feedback
 * @param content a comment, or {@code null} for none
 * @param user the end user who received the message (feedback is scoped to them), or {@code null}
 * for the app's default user
 */
public record FeedbackRequest(@Nullable FeedbackRating rating, @Nullable String content, @Nullable String user) {

    /**
     * Rates the message as helpful.
     * @return the feedback
     */
    public static FeedbackRequest like() {
        return new FeedbackRequest(FeedbackRating.LIKE, null, null);
    }

    /**
     * Rates the message as not helpful.
     * @return the feedback
     */
    public static FeedbackRequest dislike() {
        return new FeedbackRequest(FeedbackRating.DISLIKE, null, null);
    }

    /**
     * Withdraws the message's feedback. Dify rejects it when the message has none.
     * @return the feedback
     */
    public static FeedbackRequest revoke() {
        return new FeedbackRequest(null, null, null);
    }

    /**
     * The same feedback with a comment.
     * @param content the comment, or {@code null} for none
     * @return a new feedback
     */
    public FeedbackRequest withContent(@Nullable String content) {
        return new FeedbackRequest(this.rating, content, this.user);
    }

    /**
     * The same feedback from a given end user.
     * @param user the end user who received the message, or {@code null} for the app's default user
     * @return a new feedback
     */
    public FeedbackRequest withUser(@Nullable String user) {
        return new FeedbackRequest(this.rating, this.content, user);
    }
}
