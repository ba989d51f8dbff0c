package io.github.difyspring.client.event;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.HasUsage;
import io.github.difyspring.client.core.MessageMetadata;
import io.github.difyspring.client.core.Usage;

/**
 * The end of a message, with its usage figures and the knowledge it drew on. In chatflows it may come before or after {@link WorkflowFinishedEvent}: the stream ends only when the server closes it.
 *
 * @param taskId the task id, to stop the generation with
 * @param messageId the message id
 * @param conversationId the conversation id, in chat apps
 * @param createdAt when the event was created, in epoch seconds
 * @param id the message id
 * @param metadata usage and retriever resources
 * @param files files attached to the message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageEndEvent(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("message_id") @Nullable String messageId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable String id,
        @Nullable MessageMetadata metadata,
        @Nullable List<Map<String, Object>> files) implements DifyEvent, HasUsage {

    /** The wire name of this event type. */
    public static final String TYPE = "message_end";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * The tokens and price of the message, from its metadata.
     * @return the usage, or {@code null} when Dify sent none
     */
    @Override
    public @Nullable Usage usage() {
        return (this.metadata != null) ? this.metadata.usage() : null;
    }
}
