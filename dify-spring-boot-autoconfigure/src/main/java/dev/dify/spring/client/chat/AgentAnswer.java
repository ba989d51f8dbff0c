package dev.dify.spring.client.chat;

import org.jspecify.annotations.Nullable;

import dev.dify.spring.client.MessageMetadata;
import dev.dify.spring.client.error.DifyDecodingException;
import dev.dify.spring.client.event.AgentMessageEvent;
import dev.dify.spring.client.event.DifyEvent;
import dev.dify.spring.client.event.MessageEndEvent;
import dev.dify.spring.client.event.MessageEvent;
import dev.dify.spring.client.event.MessageReplaceEvent;

/**
 * Collects the events of an agent app's stream into the {@link ChatResponse} a blocking call
 * answers with, since Dify only streams agent apps.
 */
final class AgentAnswer {

    private final StringBuilder answer = new StringBuilder();

    private @Nullable String taskId;

    private @Nullable String messageId;

    private @Nullable String conversationId;

    private @Nullable Long createdAt;

    private @Nullable MessageMetadata metadata;

    private boolean ended;

    void add(DifyEvent event) {
        if (event instanceof AgentMessageEvent message) {
            remember(message.taskId(), message.messageId(), message.conversationId(), message.createdAt());
            this.answer.append(nullToEmpty(message.answer()));
        }
        else if (event instanceof MessageEvent message) {
            remember(message.taskId(), message.messageId(), message.conversationId(), message.createdAt());
            this.answer.append(nullToEmpty(message.answer()));
        }
        else if (event instanceof MessageReplaceEvent replace) {
            remember(replace.taskId(), replace.messageId(), replace.conversationId(), replace.createdAt());
            this.answer.setLength(0);
            this.answer.append(nullToEmpty(replace.answer()));
        }
        else if (event instanceof MessageEndEvent end) {
            remember(end.taskId(), end.messageId(), end.conversationId(), end.createdAt());
            this.metadata = end.metadata();
            this.ended = true;
        }
    }

    private void remember(@Nullable String taskId, @Nullable String messageId, @Nullable String conversationId,
            @Nullable Long createdAt) {
        this.taskId = (this.taskId != null) ? this.taskId : taskId;
        this.messageId = (this.messageId != null) ? this.messageId : messageId;
        this.conversationId = (this.conversationId != null) ? this.conversationId : conversationId;
        this.createdAt = (this.createdAt != null) ? this.createdAt : createdAt;
    }

    private static String nullToEmpty(@Nullable String text) {
        return (text != null) ? text : "";
    }

    /**
     * The assembled answer.
     * @param appName the app, for the error
     * @return the answer
     * @throws DifyDecodingException when the stream closed before {@code message_end}: the answer
     * would be incomplete
     */
    ChatResponse toResponse(String appName) {
        if (!this.ended) {
            throw new DifyDecodingException(appName, "Dify app '" + appName + "': the agent's answer stream on POST "
                    + "/chat-messages closed before message_end, so the answer is incomplete ("
                    + this.answer.length() + " characters received)", null, null);
        }
        return new ChatResponse("message", this.taskId, this.messageId, this.messageId, this.conversationId, "agent-chat",
                this.answer.toString(), this.metadata, this.createdAt);
    }
}
