package io.github.difyspring.client.core;

import java.util.Locale;

/**
 * The kind of a Dify app, which decides the client it gets and how it answers; or, for
 * {@link #KNOWLEDGE}, a workspace's knowledge base API.
 */
public enum DifyAppType {

    /** A chatbot app: {@code DifyChatClient}. */
    CHAT,

    /**
     * An agent app: {@code DifyChatClient}. Dify refuses blocking mode for agents, so the client
     * answers blocking calls by streaming and aggregating the events.
     */
    AGENT,

    /** A chatflow (advanced-chat) app: {@code DifyChatClient}. */
    CHATFLOW,

    /** A workflow app: {@code DifyWorkflowClient}. */
    WORKFLOW,

    /** A text generator (completion) app: {@code DifyCompletionClient}. */
    COMPLETION,

    /**
     * Not an app: the knowledge bases of a workspace, reached with a knowledge base API key
     * ({@code dataset-...}): {@code DifyKnowledgeClient}.
     */
    KNOWLEDGE;

    /**
     * Whether apps of this type are served by {@code DifyChatClient}.
     * @return true for chat, agent and chatflow apps
     */
    public boolean isChat() {
        return this == CHAT || this == AGENT || this == CHATFLOW;
    }

    /**
     * The name of this type as {@code dify.apps.<name>.type} takes it, and as metrics and health
     * details show it.
     * @return the lower-case name, such as {@code chatflow}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
