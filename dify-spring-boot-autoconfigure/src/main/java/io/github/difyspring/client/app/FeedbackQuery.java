package io.github.difyspring.client.app;

import org.jspecify.annotations.Nullable;

/**
 * Which page of the feedback on an app's messages to list ({@code GET /app/feedbacks}). Immutable;
 * start from {@link #all()} and change what differs with the {@code with...} methods.
 *
 * @param page the page number, from 1
 * @param limit how many entries a page holds, 1 to 101, or {@code null} for Dify's default (20) in
 * a page and for 100 in a listing that pages by itself
 */
public record FeedbackQuery(int page, @Nullable Integer limit) {

    /**
     * Checks the page number and size.
     * @throws IllegalArgumentException when the page is below 1 or the limit outside 1 to 101
     */
    public FeedbackQuery {
        if (page < 1) {
            throw new IllegalArgumentException("Dify numbers pages of feedback from 1; got " + page);
        }
        if (limit != null && (limit < 1 || limit > 101)) {
            throw new IllegalArgumentException("A page of Dify feedback holds 1 to 101 entries; got " + limit);
        }
    }

    /**
     * The first page of all the feedback.
     * @return the query
     */
    public static FeedbackQuery all() {
        return new FeedbackQuery(1, null);
    }

    /**
     * The same query for another page.
     * @param page the page number, from 1
     * @return the query
     */
    public FeedbackQuery withPage(int page) {
        return new FeedbackQuery(page, this.limit);
    }

    /**
     * The same query with another page size.
     * @param limit 1 to 101, or {@code null} for the default
     * @return the query
     */
    public FeedbackQuery withLimit(@Nullable Integer limit) {
        return new FeedbackQuery(this.page, limit);
    }
}
