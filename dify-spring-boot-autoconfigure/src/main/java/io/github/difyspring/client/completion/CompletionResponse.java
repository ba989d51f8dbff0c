package io.github.difyspring.client.completion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.HasUsage;
import io.github.difyspring.client.core.MessageMetadata;
import io.github.difyspring.client.core.Usage;

/**
 * The whole text a completion app generated.
 *
 * @param event the event name Dify gives a blocking answer, {@code message}
 * @param taskId the task that produced it
 * @param id the answer's id (the message id)
 * @param messageId the message id
 * @param mode the app mode, {@code completion}
 * @param answer the generated text
 * @param metadata usage figures and the knowledge the text cites
 * @param createdAt when the message was created, in epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompletionResponse(
        @Nullable String event,
        @JsonProperty("task_id") @Nullable String taskId,
        @Nullable String id,
        @JsonProperty("message_id") @Nullable String messageId,
        @Nullable String mode,
        String answer,
        MessageMetadata metadata,
        @JsonProperty("created_at") @Nullable Long createdAt) implements HasUsage {

    /** Reads a missing answer as empty and missing metadata as no usage and no citations. */
    public CompletionResponse {
        answer = (answer != null) ? answer : "";
        metadata = (metadata != null) ? metadata : MessageMetadata.empty();
    }

    /**
     * The tokens and price of this answer, from its metadata.
     * @return the usage, or {@code null} when Dify sent none
     */
    @Override
    public @Nullable Usage usage() {
        return this.metadata.usage();
    }
}
