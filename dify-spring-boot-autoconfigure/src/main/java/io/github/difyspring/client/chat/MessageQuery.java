package io.github.difyspring.client.chat;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which page of a conversation's history to list ({@code GET /messages}). Immutable; start from
 * {@link #of(String)} and change what differs with the {@code with...} methods.
 *
 * @param conversationId the conversation
 * @param firstId the id of the oldest message of the page read before, to read further back, or
 * {@code null} for the latest messages
 * @param limit how many messages a page holds, 1 to 100, or {@code null} for Dify's default (20) in
 * a page and for 100 in a listing that pages by itself
 */
public record MessageQuery(String conversationId, @Nullable String firstId, @Nullable Integer limit) {

    /**
     * Checks the query.
     * @throws IllegalArgumentException when the limit is outside 1 to 100
     */
    public MessageQuery {
        Objects.requireNonNull(conversationId, "conversationId");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("A page of Dify messages holds 1 to 100 of them; got " + limit);
        }
    }

    /**
     * The latest messages of a conversation.
     * @param conversationId the conversation
     * @return the query
     */
    public static MessageQuery of(String conversationId) {
        return new MessageQuery(conversationId, null, null);
    }

    /**
     * The same query for the messages older than the given one.
     * @param firstId the id of the oldest message of the page read before
     * @return the query
     */
    public MessageQuery withFirstId(@Nullable String firstId) {
        return new MessageQuery(this.conversationId, firstId, this.limit);
    }

    /**
     * The same query with another page size.
     * @param limit 1 to 100, or {@code null} for the default
     * @return the query
     */
    public MessageQuery withLimit(@Nullable Integer limit) {
        return new MessageQuery(this.conversationId, this.firstId, limit);
    }
}
