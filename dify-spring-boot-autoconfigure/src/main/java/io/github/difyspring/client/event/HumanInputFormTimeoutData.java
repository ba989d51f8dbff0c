package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The form that expired, named by a {@link HumanInputFormTimeoutEvent}.
 *
 * @param nodeId the human-input node id
 * @param nodeTitle the node title
 * @param expirationTime when the form expired, in epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HumanInputFormTimeoutData(
        @JsonProperty("node_id") @Nullable String nodeId,
        @JsonProperty("node_title") @Nullable String nodeTitle,
        @JsonProperty("expiration_time") @Nullable Long expirationTime) {
}
