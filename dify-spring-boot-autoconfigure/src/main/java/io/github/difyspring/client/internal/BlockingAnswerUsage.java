package io.github.difyspring.client.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.HasUsage;
import io.github.difyspring.client.core.MessageMetadata;
import io.github.difyspring.client.core.Usage;
import io.github.difyspring.client.core.WorkflowRunData;

/**
 * The usage fields of a blocking answer relayed as JSON text: a chat or completion answer's
 * {@code metadata.usage}, or a workflow run's {@code data.total_tokens}. Everything else is skipped.
 *
 * @param metadata a chat or completion answer's metadata
 * @param data a workflow run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record BlockingAnswerUsage(@Nullable MessageMetadata metadata, @Nullable WorkflowRunData data) implements HasUsage {

    @Override
    public @Nullable Usage usage() {
        if (this.metadata != null && this.metadata.usage() != null) {
            return this.metadata.usage();
        }
        return (this.data != null) ? this.data.usage() : null;
    }
}
