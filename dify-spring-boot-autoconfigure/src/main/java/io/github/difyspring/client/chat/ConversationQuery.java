package io.github.difyspring.client.chat;

import org.jspecify.annotations.Nullable;

/**
 * Which page of an end user's conversations to list ({@code GET /conversations}); the user is the
 * client's ({@code client.forUser(user)}). Immutable; start from {@link #all()} and change what
 * differs with the {@code with...} methods.
 *
 * @param lastId the id of the last conversation of the previous page, or {@code null} for the first page
 * @param limit how many conversations a page holds, 1 to 100, or {@code null} for Dify's default
 * (20) in a page and for 100 in a listing that pages by itself
 * @param sortBy the order, or {@code null} for Dify's default (most recently active first)
 */
public record ConversationQuery(@Nullable String lastId, @Nullable Integer limit, @Nullable ConversationSort sortBy) {

    /**
     * Checks the page size.
     * @throws IllegalArgumentException when the limit is outside 1 to 100
     */
    public ConversationQuery {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("A page of Dify conversations holds 1 to 100 of them; got " + limit);
        }
    }

    /**
     * The first page of the conversations, with Dify's default size and order.
     * @return the query
     */
    public static ConversationQuery all() {
        return new ConversationQuery(null, null, null);
    }

    /**
     * The same query for the page that follows the conversation with the given id.
     * @param lastId the id of the last conversation of the previous page
     * @return the query
     */
    public ConversationQuery withLastId(@Nullable String lastId) {
        return new ConversationQuery(lastId, this.limit, this.sortBy);
    }

    /**
     * The same query with another page size.
     * @param limit 1 to 100, or {@code null} for the default
     * @return the query
     */
    public ConversationQuery withLimit(@Nullable Integer limit) {
        return new ConversationQuery(this.lastId, limit, this.sortBy);
    }

    /**
     * The same query in another order.
     * @param sortBy the order, or {@code null} for Dify's default
     * @return the query
     */
    public ConversationQuery withSortBy(@Nullable ConversationSort sortBy) {
        return new ConversationQuery(this.lastId, this.limit, sortBy);
    }
}
