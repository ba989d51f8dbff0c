package io.github.difyspring.client.app;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * One feedback on a message of an app, from an end user or from the console
 * ({@code GET /app/feedbacks}).
 *
 * @param id the feedback's id
 * @param appId the app
 * @param conversationId the conversation of the message
 * @param messageId the message the feedback is on
 * @param rating {@code like} or {@code dislike}, as sent; see {@link #ratingValue()}
 * @param content the feedback's text, when given
 * @param fromSource {@code user} for an end user's feedback through the API, {@code admin} for one
 * given in the console
 * @param fromEndUserId the end user who gave it, for {@code user} feedback
 * @param fromAccountId the console account that gave it, for {@code admin} feedback
 * @param createdAt when it was given
 * @param updatedAt when it was last changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppFeedback(
        @Nullable String id,
        @JsonProperty("app_id") @Nullable String appId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("message_id") @Nullable String messageId,
        @Nullable String rating,
        @Nullable String content,
        @JsonProperty("from_source") @Nullable String fromSource,
        @JsonProperty("from_end_user_id") @Nullable String fromEndUserId,
        @JsonProperty("from_account_id") @Nullable String fromAccountId,
        @JsonProperty("created_at") @Nullable Instant createdAt,
        @JsonProperty("updated_at") @Nullable Instant updatedAt) {

    /**
     * Reads a feedback; its times may come as ISO-8601 (with or without offset) or epoch seconds.
     * @param id the id
     * @param appId the app
     * @param conversationId the conversation
     * @param messageId the message
     * @param rating the rating
     * @param content the text
     * @param fromSource who gave it
     * @param fromEndUserId the end user
     * @param fromAccountId the console account
     * @param createdAt the creation time as sent
     * @param updatedAt the update time as sent
     * @return the feedback
     */
    @JsonCreator
    static AppFeedback fromWire(@JsonProperty("id") @Nullable String id,
            @JsonProperty("app_id") @Nullable String appId,
            @JsonProperty("conversation_id") @Nullable String conversationId,
            @JsonProperty("message_id") @Nullable String messageId,
            @JsonProperty("rating") @Nullable String rating,
            @JsonProperty("content") @Nullable String content,
            @JsonProperty("from_source") @Nullable String fromSource,
            @JsonProperty("from_end_user_id") @Nullable String fromEndUserId,
            @JsonProperty("from_account_id") @Nullable String fromAccountId,
            @JsonProperty("created_at") @Nullable Object createdAt,
            @JsonProperty("updated_at") @Nullable Object updatedAt) {
        return new AppFeedback(id, appId, conversationId, messageId, rating, content, fromSource, fromEndUserId,
                fromAccountId, WireValues.instant(createdAt), WireValues.instant(updatedAt));
    }

    /**
     * The rating as a {@link FeedbackRating}.
     * @return the rating, or {@code null} when there is none or it is one this client does not know
     */
    public @Nullable FeedbackRating ratingValue() {
        return FeedbackRating.fromWire(this.rating);
    }
}
