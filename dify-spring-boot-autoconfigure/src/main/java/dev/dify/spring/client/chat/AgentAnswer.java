package dev.dify.spring.client.chat;

import org.jspecify.annotations.Nullable;

import dev.dify.spring.client.MessageMetadata;
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

    ChatResponse toResponse() {
        return new ChatResponse("message", this.taskId, this.messageId, this.messageId, this.conversationId, "agent-chat",
                this.answer.toString(), this.metadata, this.createdAt);
    }
}
