package io.github.difyspring.client.chat;

/**
 * The orders in which Dify lists conversations.
 */
public enum ConversationSort {

    /** Oldest first. */
    CREATED_AT("created_at"),

    /** Newest first. */
    CREATED_AT_DESC("-created_at"),

    /** Least recently active first. */
    UPDATED_AT("updated_at"),

    /** Most recently active first: Dify's default. */
    UPDATED_AT_DESC("-updated_at");

    private final String wireName;

    ConversationSort(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The value of the {@code sort_by} query parameter.
     * @return such as {@code -updated_at}
     */
    public String wireName() {
        return this.wireName;
    }
}
