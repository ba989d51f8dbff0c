package io.github.difyspring.client.app;

import org.jspecify.annotations.Nullable;

/**
 * Which page of an app's annotations to list ({@code GET /apps/annotations}). Immutable; start from
 * {@link #all()} and change what differs with the {@code with...} methods.
 *
 * @param page the page number, from 1
 * @param limit how many annotations a page holds, 1 to 100 (Dify's cap), or {@code null} for Dify's
 * default (20) in a page and for 100 in a listing that pages by itself
 * @param keyword only annotations whose question or answer contains it, or {@code null} for all
 */
public record AnnotationQuery(int page, @Nullable Integer limit, @Nullable String keyword) {

    /**
     * Checks the page number and size.
     * @throws IllegalArgumentException when the page is below 1 or the limit outside 1 to 100
     */
    public AnnotationQuery {
        if (page < 1) {
            throw new IllegalArgumentException("Dify numbers pages of annotations from 1; got " + page);
        }
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("A page of Dify annotations holds 1 to 100 of them; got " + limit);
        }
        keyword = (keyword != null && !keyword.isBlank()) ? keyword : null;
    }

    /**
     * The first page of all annotations.
     * @return the query
     */
    public static AnnotationQuery all() {
        return new AnnotationQuery(1, null, null);
    }

    /**
     * The same query for another page.
     * @param page the page number, from 1
     * @return the query
     */
    public AnnotationQuery withPage(int page) {
        return new AnnotationQuery(page, this.limit, this.keyword);
    }

    /**
     * The same query with another page size.
     * @param limit 1 to 100, or {@code null} for the default
     * @return the query
     */
    public AnnotationQuery withLimit(@Nullable Integer limit) {
        return new AnnotationQuery(this.page, limit, this.keyword);
    }

    /**
     * The same query, for the annotations that contain a keyword.
     * @param keyword the text to look for in questions and answers, or {@code null} for all
     * @return the query
     */
    public AnnotationQuery withKeyword(@Nullable String keyword) {
        return new AnnotationQuery(this.page, this.limit, keyword);
    }
}
