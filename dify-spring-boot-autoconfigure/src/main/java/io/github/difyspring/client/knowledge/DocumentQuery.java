package io.github.difyspring.client.knowledge;

import org.jspecify.annotations.Nullable;

/**
 * Which page of a knowledge base's documents to list ({@code GET /datasets/{dataset_id}/documents}).
 * Immutable; start from {@link #all()} and change what differs with the {@code with...} methods.
 *
 * @param page the page number, from 1
 * @param limit how many documents a page holds, 1 to 100, or {@code null} for Dify's default (20)
 * in a page and for 100 in a listing that pages by itself. Dify caps pages at 100 and then reports
 * {@code has_more} wrongly, so larger sizes are refused
 * @param keyword only documents whose name contains it, or {@code null} for all
 * @param status only documents in this state, or {@code null} for all (Dify ignores a state it does
 * not know)
 */
public record DocumentQuery(int page, @Nullable Integer limit, @Nullable String keyword, @Nullable DocumentStatus status) {

    /**
     * Checks the page number and size.
     * @throws IllegalArgumentException when the page is below 1 or the limit outside 1 to 100
     */
    public DocumentQuery {
        if (page < 1) {
            throw new IllegalArgumentException("Dify numbers pages of documents from 1; got " + page);
        }
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("A page of Dify documents holds 1 to 100 of them; got " + limit);
        }
        keyword = (keyword != null && !keyword.isBlank()) ? keyword : null;
    }

    /**
     * The first page of all documents.
     * @return the query
     */
    public static DocumentQuery all() {
        return new DocumentQuery(1, null, null, null);
    }

    /**
     * The same query for another page.
     * @param page the page number, from 1
     * @return the query
     */
    public DocumentQuery withPage(int page) {
        return new DocumentQuery(page, this.limit, this.keyword, this.status);
    }

    /**
     * The same query with another page size.
     * @param limit 1 to 100, or {@code null} for the default
     * @return the query
     */
    public DocumentQuery withLimit(@Nullable Integer limit) {
        return new DocumentQuery(this.page, limit, this.keyword, this.status);
    }

    /**
     * The same query, for the documents whose name contains a keyword.
     * @param keyword the text to look for, or {@code null} for all
     * @return the query
     */
    public DocumentQuery withKeyword(@Nullable String keyword) {
        return new DocumentQuery(this.page, this.limit, keyword, this.status);
    }

    /**
     * The same query, for the documents in one state.
     * @param status the state, or {@code null} for all
     * @return the query
     */
    public DocumentQuery withStatus(@Nullable DocumentStatus status) {
        return new DocumentQuery(this.page, this.limit, this.keyword, status);
    }
}
