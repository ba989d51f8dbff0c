package io.github.difyspring.client.knowledge;

import org.jspecify.annotations.Nullable;

/**
 * Which page of a chunk's child chunks to list
 * ({@code GET /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks}).
 * Immutable; start from {@link #all()} and change what differs with the {@code with...} methods.
 *
 * @param page the page number, from 1
 * @param limit how many child chunks a page holds, 1 to 100, or {@code null} for Dify's default
 * (20) in a page and for 100 in a listing that pages by itself
 * @param keyword only child chunks whose content contains it, or {@code null} for all
 */
public record ChildChunkQuery(int page, @Nullable Integer limit, @Nullable String keyword) {

    /**
     * Checks the page number and size.
     * @throws IllegalArgumentException when the page is below 1 or the limit outside 1 to 100
     */
    public ChildChunkQuery {
        if (page < 1) {
            throw new IllegalArgumentException("Dify numbers pages of child chunks from 1; got " + page);
        }
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("A page of Dify child chunks holds 1 to 100 of them; got " + limit);
        }
        keyword = (keyword != null && !keyword.isBlank()) ? keyword : null;
    }

    /**
     * The first page of all child chunks.
     * @return the query
     */
    public static ChildChunkQuery all() {
        return new ChildChunkQuery(1, null, null);
    }

    /**
     * The same query for another page.
     * @param page the page number, from 1
     * @return the query
     */
    public ChildChunkQuery withPage(int page) {
        return new ChildChunkQuery(page, this.limit, this.keyword);
    }

    /**
     * The same query with another page size.
     * @param limit 1 to 100, or {@code null} for the default
     * @return the query
     */
    public ChildChunkQuery withLimit(@Nullable Integer limit) {
        return new ChildChunkQuery(this.page, limit, this.keyword);
    }

    /**
     * The same query, for the child chunks that contain a keyword.
     * @param keyword the text to look for, or {@code null} for all
     * @return the query
     */
    public ChildChunkQuery withKeyword(@Nullable String keyword) {
        return new ChildChunkQuery(this.page, this.limit, keyword);
    }
}
