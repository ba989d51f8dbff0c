package io.github.difyspring.client.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One step of an agent's reasoning: a thought, the tool it called and what the tool returned.
 *
 * @param taskId the task id, to stop the generation with
 * @param messageId the message id
 * @param conversationId the conversation id, in chat apps
 * @param createdAt when the event was created, in epoch seconds
 * @param id the thought id
 * @param position the step number, from 1
 * @param thought what the agent thought
 * @param observation what the tool returned
 * @param tool the tools called, separated by {@code ;}
 * @param toolInput the tool input, as JSON text
 * @param messageFiles ids of files this step produced
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentThoughtEvent(
        @JsonProperty("task_id") @Nullable String taskId,
        @JsonProperty("message_id") @Nullable String messageId,
        @JsonProperty("conversation_id") @Nullable String conversationId,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable String id,
        @Nullable Integer position,
        @Nullable String thought,
        @Nullable String observation,
        @Nullable String tool,
        @JsonProperty("tool_input") @Nullable String toolInput,
        @JsonProperty("message_files") @JsonAlias("files") @Nullable List<String> messageFiles) implements DifyEvent {

    /** The wire name of this event type. */
    public static final String TYPE = "agent_thought";

    @Override
    public String type() {
        return TYPE;
    }
}
