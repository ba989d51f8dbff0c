package io.github.difyspring.client.knowledge;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * Which page of a document's chunks to list
 * ({@code GET /datasets/{dataset_id}/documents/{document_id}/segments}). Immutable; start from
 * {@link #all()} and change what differs with the {@code with...} methods.
 *
 * @param page the page number, from 1
 * @param limit how many chunks a page holds, 1 to 100, or {@code null} for Dify's default (20) in
 * a page and for 100 in a listing that pages by itself
 * @param statuses only chunks in one of these states; empty for all
 * @param keyword only chunks whose content contains it, or {@code null} for all
 */
public record ChunkQuery(int page, @Nullable Integer limit, List<ChunkStatus> statuses, @Nullable String keyword) {

    /**
     * Checks the page number and size.
     * @throws IllegalArgumentException when the page is below 1 or the limit outside 1 to 100
     */
    public ChunkQuery {
        if (page < 1) {
            throw new IllegalArgumentException("Dify numbers pages of chunks from 1; got " + page);
        }
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("A page of Dify chunks holds 1 to 100 of them; got " + limit);
        }
        statuses = WireValues.list(statuses);
        keyword = (keyword != null && !keyword.isBlank()) ? keyword : null;
    }

    /**
     * The first page of all chunks.
     * @return the query
     */
    public static ChunkQuery all() {
        return new ChunkQuery(1, null, List.of(), null);
    }

    /**
     * The same query for another page.
     * @param page the page number, from 1
     * @return the query
     */
    public ChunkQuery withPage(int page) {
        return new ChunkQuery(page, this.limit, this.statuses, this.keyword);
    }

    /**
     * The same query with another page size.
     * @param limit 1 to 100, or {@code null} for the default
     * @return the query
     */
    public ChunkQuery withLimit(@Nullable Integer limit) {
        return new ChunkQuery(this.page, limit, this.statuses, this.keyword);
    }

    /**
     * The same query, for the chunks in any of some states.
     * @param statuses the states; none for all
     * @return the query
     */
    public ChunkQuery withStatuses(ChunkStatus... statuses) {
        return new ChunkQuery(this.page, this.limit, List.of(statuses), this.keyword);
    }

    /**
     * The same query, for the chunks that contain a keyword.
     * @param keyword the text to look for, or {@code null} for all
     * @return the query
     */
    public ChunkQuery withKeyword(@Nullable String keyword) {
        return new ChunkQuery(this.page, this.limit, this.statuses, keyword);
    }
}
