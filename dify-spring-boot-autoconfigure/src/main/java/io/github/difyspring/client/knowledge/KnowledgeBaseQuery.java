package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which page of the workspace's knowledge bases to list ({@code GET /datasets}). Immutable; start
 * from {@link #all()} and change what differs with the {@code with...} methods.
 *
 * @param page the page number, from 1
 * @param limit how many knowledge bases a page holds, 1 to 100 (Dify serves at most 100 and then
 * reports {@code has_more} wrongly), or {@code null} for Dify's default (20) in a page and for 100
 * in a listing that pages by itself
 * @param keyword only knowledge bases whose name contains it, or {@code null} for all
 * @param includeAll whether to list every knowledge base of the workspace, whatever its permission;
 * otherwise those the key's workspace owner may see (all but other members' {@code only_me} ones)
 * @param tagIds only knowledge bases that carry <em>all</em> these tags; an unknown tag id gives an
 * empty listing
 */
public record KnowledgeBaseQuery(int page, @Nullable Integer limit, @Nullable String keyword, boolean includeAll, List<String> tagIds) {

    /**
     * Checks the page number and size, and copies the tag ids.
     * @throws IllegalArgumentException when the page is below 1 or the limit outside 1 to 100
     */
    public KnowledgeBaseQuery {
        if (page < 1) {
            throw new IllegalArgumentException("Dify numbers pages of knowledge bases from 1; got " + page);
        }
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("A page of Dify knowledge bases holds 1 to 100 of them; got " + limit);
        }
        keyword = (keyword != null && !keyword.isBlank()) ? keyword : null;
        tagIds = List.copyOf(Objects.requireNonNull(tagIds, "tagIds"));
    }

    /**
     * The first page of all knowledge bases the key's workspace owner may see.
     * @return the query
     */
    public static KnowledgeBaseQuery all() {
        return new KnowledgeBaseQuery(1, null, null, false, List.of());
    }

    /**
     * The same query for another page.
     * @param page the page number, from 1
     * @return the query
     */
    public KnowledgeBaseQuery withPage(int page) {
        return new KnowledgeBaseQuery(page, this.limit, this.keyword, this.includeAll, this.tagIds);
    }

    /**
     * The same query with another page size.
     * @param limit 1 to 100, or {@code null} for the default
     * @return the query
     */
    public KnowledgeBaseQuery withLimit(@Nullable Integer limit) {
        return new KnowledgeBaseQuery(this.page, limit, this.keyword, this.includeAll, this.tagIds);
    }

    /**
     * The same query, for the knowledge bases whose name contains a keyword.
     * @param keyword the text to look for, or {@code null} for all
     * @return the query
     */
    public KnowledgeBaseQuery withKeyword(@Nullable String keyword) {
        return new KnowledgeBaseQuery(this.page, this.limit, keyword, this.includeAll, this.tagIds);
    }

    /**
     * The same query over every knowledge base of the workspace whatever its permission, or over
     * those the key's workspace owner may see.
     * @param includeAll whether to list every knowledge base of the workspace
     * @return the query
     */
    public KnowledgeBaseQuery withIncludeAll(boolean includeAll) {
        return new KnowledgeBaseQuery(this.page, this.limit, this.keyword, includeAll, this.tagIds);
    }

    /**
     * The same query, for the knowledge bases that carry all these tags.
     * @param tagIds the tag ids; none for no tag filter
     * @return the query
     */
    public KnowledgeBaseQuery withTagIds(List<String> tagIds) {
        return new KnowledgeBaseQuery(this.page, this.limit, this.keyword, this.includeAll, tagIds);
    }
}
