package io.github.difyspring.client.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.internal.RequestSupport;

/**
 * A message to a chat, agent or chatflow app. Immutable; build one with {@link #of(String)} or
 * {@link #builder()}.
 *
 * @param query the user's message
 * @param inputs values for the app's input variables (ignored by Dify when continuing a conversation)
 * @param conversationId the conversation to continue, or {@code null} to start a new one
 * @param user the end user, or {@code null} for the app's default user
 * @param files files given with the message (images for vision models, documents)
 * @param autoGenerateName whether Dify names a new conversation itself, or {@code null} for Dify's
 * default (yes)
 * @param workflowId a published chatflow version to run instead of the latest, or {@code null}
 * @param traceId the {@code X-Trace-Id} to correlate Dify's trace with yours, or {@code null}
 */
public record ChatRequest(String query, Map<String, Object> inputs, @Nullable String conversationId,
        @Nullable String user, List<DifyFile> files, @Nullable Boolean autoGenerateName,
        @Nullable String workflowId, @Nullable String traceId) {

    /**
     * Checks the request and makes its collections unmodifiable.
     */
    public ChatRequest {
        Objects.requireNonNull(query, "query");
        inputs = RequestSupport.inputs(inputs);
        files = (files != null) ? List.copyOf(files) : List.of();
        RequestSupport.traceId(traceId);
    }

    /**
     * A message with nothing but its text, from the app's default user, in a new conversation.
     * @param query the user's message
     * @return the request
     */
    public static ChatRequest of(String query) {
        return builder().query(query).build();
    }

    /**
     * Starts a request.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts with this request's values.
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder().query(this.query).inputs(this.inputs).conversationId(this.conversationId)
            .user(this.user).workflowId(this.workflowId).traceId(this.traceId);
        builder.files.addAll(this.files);
        builder.autoGenerateName = this.autoGenerateName;
        return builder;
    }


    /**
     * Builds a {@link ChatRequest}.
     */
    public static final class Builder {

        private @Nullable String query;

        private final Map<String, Object> inputs = new LinkedHashMap<>();

        private @Nullable String conversationId;

        private @Nullable String user;

        private final List<DifyFile> files = new ArrayList<>();

        private @Nullable Boolean autoGenerateName;

        private @Nullable String workflowId;

        private @Nullable String traceId;

        private Builder() {
        }

        /**
         * Sets the user's message.
         * @param query the message
         * @return this builder
         */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /**
         * Sets one input variable.
         * @param name the variable name
         * @param value its value
         * @return this builder
         */
        public Builder input(String name, @Nullable Object value) {
            this.inputs.put(name, value);
            return this;
        }

        /**
         * Adds input variables.
         * @param inputs the variables
         * @return this builder
         */
        public Builder inputs(Map<String, ?> inputs) {
            this.inputs.putAll(inputs);
            return this;
        }

        /**
         * Continues a conversation.
         * @param conversationId the conversation id, or {@code null} for a new conversation
         * @return this builder
         */
        public Builder conversationId(@Nullable String conversationId) {
            this.conversationId = conversationId;
            return this;
        }

        /**
         * Sets the end user.
         * @param user the user id, or {@code null} for the app's default user
         * @return this builder
         */
        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        /**
         * Adds a file.
         * @param file the file
         * @return this builder
         */
        public Builder file(DifyFile file) {
            this.files.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Sets whether Dify names a new conversation itself.
         * @param autoGenerateName true to let Dify name it
         * @return this builder
         */
        public Builder autoGenerateName(boolean autoGenerateName) {
            this.autoGenerateName = autoGenerateName;
            return this;
        }

        /**
         * Runs a specific published chatflow version.
         * @param workflowId the workflow version id, or {@code null} for the latest
         * @return this builder
         */
        public Builder workflowId(@Nullable String workflowId) {
            this.workflowId = workflowId;
            return this;
        }

        /**
         * Sets the trace id sent as {@code X-Trace-Id}.
         * @param traceId 1 to 128 of {@code [A-Za-z0-9_-]}, or {@code null}
         * @return this builder
         */
        public Builder traceId(@Nullable String traceId) {
            this.traceId = traceId;
            return this;
        }

        /**
         * Builds the request.
         * @return the request
         * @throws NullPointerException when no query was set
         * @throws IllegalArgumentException when the trace id is malformed
         */
        public ChatRequest build() {
            return new ChatRequest(Objects.requireNonNull(this.query, "query"), this.inputs, this.conversationId, this.user,
                    this.files, this.autoGenerateName, this.workflowId, this.traceId);
        }
    }
}
