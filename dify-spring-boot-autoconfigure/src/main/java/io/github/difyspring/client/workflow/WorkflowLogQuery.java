package io.github.difyspring.client.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which page of the workflow logs to list, and the filters to apply. Immutable; build one with
 * {@link #builder()}. Every filter left {@code null} is not sent.
 *
 * @param keyword text to search the logs for
 * @param status only runs with this status
 * @param page the page number, from 1, or {@code null} for the first page
 * @param limit how many entries a page holds, 1 to 100, or {@code null} for Dify's default (20)
 * @param createdBefore only runs created before this instant
 * @param createdAfter only runs created after this instant
 * @param createdByEndUserSessionId only runs started by this end user (the {@code user} the runs
 * were started with)
 * @param createdByAccount only runs started by the Dify account with this email address
 */
public record WorkflowLogQuery(@Nullable String keyword, @Nullable WorkflowLogStatus status, @Nullable Integer page,
        @Nullable Integer limit, @Nullable Instant createdBefore, @Nullable Instant createdAfter,
        @Nullable String createdByEndUserSessionId, @Nullable String createdByAccount) {

    /**
     * Checks the page number and size.
     * @throws IllegalArgumentException when the page is outside 1 to 99999 or the limit outside 1 to 100
     */
    public WorkflowLogQuery {
        if (page != null && (page < 1 || page > 99999)) {
            throw new IllegalArgumentException("Dify numbers pages of workflow logs from 1 to 99999; got " + page);
        }
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("A page of Dify workflow logs holds 1 to 100 entries; got " + limit);
        }
    }

    /**
     * The first page of all logs, with Dify's default page size.
     * @return the query
     */
    public static WorkflowLogQuery all() {
        return builder().build();
    }

    /**
     * Starts a query.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts with this query's values.
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().keyword(this.keyword).status(this.status).page(this.page).limit(this.limit)
            .createdBefore(this.createdBefore).createdAfter(this.createdAfter)
            .createdByEndUserSessionId(this.createdByEndUserSessionId).createdByAccount(this.createdByAccount);
    }

    /**
     * The same query for another page.
     * @param page the page number, from 1
     * @return the query
     */
    public WorkflowLogQuery withPage(int page) {
        return new WorkflowLogQuery(this.keyword, this.status, page, this.limit, this.createdBefore, this.createdAfter,
                this.createdByEndUserSessionId, this.createdByAccount);
    }

    /**
     * Builds a {@link WorkflowLogQuery}.
     */
    public static final class Builder {

        private @Nullable String keyword;

        private @Nullable WorkflowLogStatus status;

        private @Nullable Integer page;

        private @Nullable Integer limit;

        private @Nullable Instant createdBefore;

        private @Nullable Instant createdAfter;

        private @Nullable String createdByEndUserSessionId;

        private @Nullable String createdByAccount;

        private Builder() {
        }

        /**
         * Searches the logs for a keyword.
         * @param keyword the keyword, or {@code null} for no search
         * @return this builder
         */
        public Builder keyword(@Nullable String keyword) {
            this.keyword = keyword;
            return this;
        }

        /**
         * Keeps only runs with a status.
         * @param status the status, or {@code null} for any
         * @return this builder
         */
        public Builder status(@Nullable WorkflowLogStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Sets the page number.
         * @param page 1 to 99999, or {@code null} for the first page
         * @return this builder
         */
        public Builder page(@Nullable Integer page) {
            this.page = page;
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
         * Keeps only runs created before an instant ({@code created_at__before}).
         * @param createdBefore the instant, or {@code null} for no bound
         * @return this builder
         */
        public Builder createdBefore(@Nullable Instant createdBefore) {
            this.createdBefore = createdBefore;
            return this;
        }

        /**
         * Keeps only runs created after an instant ({@code created_at__after}).
         * @param createdAfter the instant, or {@code null} for no bound
         * @return this builder
         */
        public Builder createdAfter(@Nullable Instant createdAfter) {
            this.createdAfter = createdAfter;
            return this;
        }

        /**
         * Keeps only runs an end user started.
         * @param sessionId the {@code user} the runs were started with, or {@code null} for any
         * @return this builder
         */
        public Builder createdByEndUserSessionId(@Nullable String sessionId) {
            this.createdByEndUserSessionId = sessionId;
            return this;
        }

        /**
         * Keeps only runs a Dify account started.
         * @param email the account's email address, or {@code null} for any
         * @return this builder
         */
        public Builder createdByAccount(@Nullable String email) {
            this.createdByAccount = email;
            return this;
        }

        /**
         * Builds the query.
         * @return the query
         * @throws IllegalArgumentException when the page or limit is out of range
         */
        public WorkflowLogQuery build() {
            return new WorkflowLogQuery(this.keyword, this.status, this.page, this.limit, this.createdBefore,
                    this.createdAfter, this.createdByEndUserSessionId, this.createdByAccount);
        }
    }
}
