package io.github.difyspring.client.chat;

import org.jspecify.annotations.Nullable;

/**
 * Which page of an end user's conversations to list. Immutable; build one with {@link #builder()}.
 *
 * @param user the end user whose conversations to list, or {@code null} for the app's default user
 * @param lastId the id of the last conversation of the previous page, or {@code null} for the first page
 * @param limit how many conversations a page holds, 1 to 100, or {@code null} for Dify's default (20)
 * @param sortBy the order, or {@code null} for Dify's default (most recently active first)
 */
public record ConversationQuery(@Nullable String user, @Nullable String lastId, @Nullable Integer limit,
        @Nullable ConversationSort sortBy) {

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
     * The first page of a user's conversations, with Dify's default size and order.
     * @param user the end user, or {@code null} for the app's default user
     * @return the query
     */
    public static ConversationQuery of(@Nullable String user) {
        return new ConversationQuery(user, null, null, null);
    }

    /**
     * Starts a query.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same query for the page that follows the conversation with the given id.
     * @param lastId the id of the last conversation of the previous page
     * @return the query
     */
    public ConversationQuery withLastId(@Nullable String lastId) {
        return new ConversationQuery(this.user, lastId, this.limit, this.sortBy);
    }

    /**
     * Builds a {@link ConversationQuery}.
     */
    public static final class Builder {

        private @Nullable String user;

        private @Nullable String lastId;

        private @Nullable Integer limit;

        private @Nullable ConversationSort sortBy;

        private Builder() {
        }

        /**
         * Sets the end user.
         * @param user the user id, or {@code null} for the app's default user
         * @return this builder
         */
        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        /**
         * Sets the cursor.
         * @param lastId the id of the last conversation of the previous page, or {@code null} for the first page
         * @return this builder
         */
        public Builder lastId(@Nullable String lastId) {
            this.lastId = lastId;
            return this;
        }

        /**
         * Sets the page size.
         * @param limit 1 to 100, or {@code null} for Dify's default (20)
         * @return this builder
         */
        public Builder limit(@Nullable Integer limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Sets the order.
         * @param sortBy the order, or {@code null} for Dify's default (most recently active first)
         * @return this builder
         */
        public Builder sortBy(@Nullable ConversationSort sortBy) {
            this.sortBy = sortBy;
            return this;
        }

        /**
         * Builds the query.
         * @return the query
         * @throws IllegalArgumentException when the limit is outside 1 to 100
         */
        public ConversationQuery build() {
            return new ConversationQuery(this.user, this.lastId, this.limit, this.sortBy);
        }
    }
}
