package io.github.difyspring.client.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One step of an agent's reasoning, as kept in the message history.
 *
 * @param id the thought id
 * @param chainId the chain the thought belongs to
 * @param messageId the message the thought belongs to
 * @param position the step number, from 1
 * @param thought what the model thought
 * @param tool the tools called, separated by {@code ;}
 * @param toolLabels display labels of the tools; empty, never null
 * @param toolInput the tool input, as JSON text
 * @param observation what the tools returned
 * @param files ids of files this step produced; empty, never null
 * @param createdAt when the step was recorded, in epoch seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentThought(
        @Nullable String id,
        @JsonProperty("chain_id") @Nullable String chainId,
        @JsonProperty("message_id") @Nullable String messageId,
        @Nullable Integer position,
        @Nullable String thought,
        @Nullable String tool,
        @JsonProperty("tool_labels") Map<String, Object> toolLabels,
        @JsonProperty("tool_input") @Nullable String toolInput,
        @Nullable String observation,
        @JsonAlias("message_files") List<String> files,
        @JsonProperty("created_at") @Nullable Long createdAt) {

    /** Reads missing or {@code null} collections as empty. */
    public AgentThought {
        toolLabels = (toolLabels != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(toolLabels)) : Map.of();
        files = (files != null) ? List.copyOf(files) : List.of();
    }
}
