package io.github.difyspring.client.app;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * An end user of an app as Dify records it ({@code GET /end-users/{end_user_id}}), such as the
 * uploader named by {@code created_by} of an uploaded file.
 *
 * @param id Dify's id of the end user
 * @param tenantId the workspace
 * @param appId the app
 * @param type the kind of end user, {@code service-api} for users of the Service API
 * @param externalUserId the {@code user} your requests send for this end user
 * @param name the end user's name, when known
 * @param anonymous whether the end user was created by a request that named no user
 * @param sessionId the session id, by default the external user id
 * @param createdAt when the end user was created
 * @param updatedAt when the end user was last updated
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EndUser(
        @Nullable String id,
        @JsonProperty("tenant_id") @Nullable String tenantId,
        @JsonProperty("app_id") @Nullable String appId,
        @Nullable String type,
        @JsonProperty("external_user_id") @Nullable String externalUserId,
        @Nullable String name,
        @JsonProperty("is_anonymous") boolean anonymous,
        @JsonProperty("session_id") @Nullable String sessionId,
        @JsonProperty("created_at") @Nullable Instant createdAt,
        @JsonProperty("updated_at") @Nullable Instant updatedAt) {

    /**
     * Reads an end user; its times may come as ISO-8601 (with or without offset) or epoch seconds,
     * its flag as a boolean or a string.
     * @param id the id
     * @param tenantId the workspace
     * @param appId the app
     * @param type the kind of end user
     * @param externalUserId the user your requests send
     * @param name the name
     * @param anonymous the anonymous flag as sent
     * @param sessionId the session id
     * @param createdAt the creation time as sent
     * @param updatedAt the update time as sent
     * @return the end user
     */
    @JsonCreator
    static EndUser fromWire(@JsonProperty("id") @Nullable String id,
            @JsonProperty("tenant_id") @Nullable String tenantId,
            @JsonProperty("app_id") @Nullable String appId,
            @JsonProperty("type") @Nullable String type,
            @JsonProperty("external_user_id") @Nullable String externalUserId,
            @JsonProperty("name") @Nullable String name,
            @JsonProperty("is_anonymous") @Nullable Object anonymous,
            @JsonProperty("session_id") @Nullable String sessionId,
            @JsonProperty("created_at") @Nullable Object createdAt,
            @JsonProperty("updated_at") @Nullable Object updatedAt) {
        return new EndUser(id, tenantId, appId, type, externalUserId, name, WireValues.flag(anonymous), sessionId,
                WireValues.instant(createdAt), WireValues.instant(updatedAt));
    }
}
