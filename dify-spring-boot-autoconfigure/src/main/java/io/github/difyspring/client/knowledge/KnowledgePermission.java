package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who in the workspace may see and use a knowledge base. Open: a value a later Dify sends is kept
 * as it came.
 *
 * @param value the wire value, such as {@code only_me}
 */
public record KnowledgePermission(@JsonValue String value) {

    /** Only its creator (Dify's default for a new knowledge base). */
    public static final KnowledgePermission ONLY_ME = new KnowledgePermission("only_me");

    /** Every member of the workspace. */
    public static final KnowledgePermission ALL_TEAM_MEMBERS = new KnowledgePermission("all_team_members");

    /** The members of a list (the knowledge base's {@code partial_member_list}). */
    public static final KnowledgePermission PARTIAL_MEMBERS = new KnowledgePermission("partial_members");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public KnowledgePermission {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A knowledge base permission cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
