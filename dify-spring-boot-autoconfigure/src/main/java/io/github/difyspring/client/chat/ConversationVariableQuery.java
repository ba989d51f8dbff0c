package io.github.difyspring.client.chat;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which page of the variables stored in a conversation to list
 * ({@code GET /conversations/{conversation_id}/variables}). Immutable; start from
 * {@link #of(String)} and change what differs with the {@code with...} methods.
 *
 * @param conversationId the conversation
 * @param lastId the id of the last variable of the previous page, or {@code null} for the first page
 * @param limit how many variables a page holds, 1 to 100, or {@code null} for Dify's default (20) in
 * a page and for 100 in a listing that pages by itself
 * @param variableName only the variable with this name, or {@code null} for all
 */
public record ConversationVariableQuery(String conversationId, @Nullable String lastId, @Nullable Integer limit,
        @Nullable String variableName) {

    /**
     * Checks the query.
     * @throws IllegalArgumentException when the limit is outside 1 to 100
     */
    public ConversationVariableQuery {
        Objects.requireNonNull(conversationId, "conversationId");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("A page of Dify conversation variables holds 1 to 100 of them; got " + limit);
        }
    }

    /**
     * The first page of all the variables of a conversation.
     * @param conversationId the conversation
     * @return the query
     */
    public static ConversationVariableQuery of(String conversationId) {
        return new ConversationVariableQuery(conversationId, null, null, null);
    }

    /**
     * The same query for the page after the variable with the given id.
     * @param lastId the id of the last variable of the previous page
     * @return the query
     */
    public ConversationVariableQuery withLastId(@Nullable String lastId) {
        return new ConversationVariableQuery(this.conversationId, lastId, this.limit, this.variableName);
    }

    /**
     * The same query with another page size.
     * @param limit 1 to 100, or {@code null} for the default
     * @return the query
     */
    public ConversationVariableQuery withLimit(@Nullable Integer limit) {
        return new ConversationVariableQuery(this.conversationId, this.lastId, limit, this.variableName);
    }

    /**
     * The same query, for one variable only.
     * @param variableName the variable's name, or {@code null} for all
     * @return the query
     */
    public ConversationVariableQuery withVariableName(@Nullable String variableName) {
        return new ConversationVariableQuery(this.conversationId, this.lastId, this.limit, variableName);
    }
}
