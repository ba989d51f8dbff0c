package io.github.difyspring.client.chat;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.RetrieverResource;

/**
 * One exchange of a conversation's history: the user's query and the app's answer.
 *
 * @param id the message id
 * @param conversationId the conversation it belongs to
 * @param parentMessageId the message it answers in a threaded conversation, if any
 * @param inputs the values of the app's input variables; empty, never null
 * @param query the user's query
 * @param answer the app's answer
 * @param messageFiles files attached to the message; empty, never null
 * @param feedback the end user's feedback, if any
 * @param retrieverResources the knowledge-base content the answer cites; empty, never null
 * @param agentThoughts the agent's reasoning steps, in agent apps; empty, never null
 * @param status {@code normal}, or {@code error} when generating the answer failed
 * @param error what went wrong, when the status is {@code error}
 * @param createdAt when the message was created, in epoch seconds
 * @param messageTokens tokens in the prompt (newer servers)
 * @param answerTokens tokens in the answer (newer servers)
 * @param totalTokens prompt plus answer tokens (newer servers)
 * @param providerResponseLatency seconds the model provider took to answer (newer servers)
 * @param totalPrice what the answer cost (newer servers)
 * @param currency the currency of the price, such as {@code USD}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Message(
        String id,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("parent_message_id") @Nullable String parentMessageId,
        Map<String, Object> inputs,
        @Nullable String query,
        @Nullable String answer,
        @JsonProperty("message_files") List<MessageFile> messageFiles,
        @Nullable MessageFeedback feedback,
        @JsonProperty("retriever_resources") List<RetrieverResource> retrieverResources,
        @JsonProperty("agent_thoughts") List<AgentThought> agentThoughts,
        @Nullable String status,
        @Nullable String error,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("message_tokens") @Nullable Long messageTokens,
        @JsonProperty("answer_tokens") @Nullable Long answerTokens,
        @JsonProperty("total_tokens") @Nullable Long totalTokens,
        @JsonProperty("provider_response_latency") @Nullable Double providerResponseLatency,
        @JsonProperty("total_price") @Nullable BigDecimal totalPrice,
        @Nullable String currency) {

    /** Reads missing or {@code null} collections as empty; input values may be {@code null}. */
    public Message {
        inputs = (inputs != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(inputs)) : Map.of();
        messageFiles = (messageFiles != null) ? List.copyOf(messageFiles) : List.of();
        retrieverResources = (retrieverResources != null) ? List.copyOf(retrieverResources) : List.of();
        agentThoughts = (agentThoughts != null) ? List.copyOf(agentThoughts) : List.of();
    }
}
