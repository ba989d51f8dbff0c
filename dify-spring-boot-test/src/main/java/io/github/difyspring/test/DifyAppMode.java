package io.github.difyspring.test;

import java.util.Locale;

/**
 * The mode of an app the test server plays, as Dify names it in {@code /info} and in blocking
 * answers. The mode decides which endpoints the app takes and what its answers look like.
 */
public enum DifyAppMode {

    /** A chatbot: {@code message} events, then {@code message_end}. */
    CHAT("chat"),

    /** An agent: {@code agent_thought} and {@code agent_message} events, then {@code message_end}; streaming only. */
    AGENT_CHAT("agent-chat"),

    /** A chatflow: workflow and node events around the chat's {@code message} events. */
    ADVANCED_CHAT("advanced-chat"),

    /** A workflow: workflow and node events, {@code text_chunk} events, then {@code workflow_finished}. */
    WORKFLOW("workflow"),

    /** A text generator: {@code message} events, then {@code message_end}. */
    COMPLETION("completion");

    private final String wireName;

    DifyAppMode(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Dify's name for the mode.
     * @return such as {@code advanced-chat}
     */
    public String wireName() {
        return this.wireName;
    }

    /** Whether the app answers {@code /chat-messages} and keeps conversations. */
    boolean isChat() {
        return this == CHAT || this == AGENT_CHAT || this == ADVANCED_CHAT;
    }

    /** Whether a run of the app is a workflow run, with node events and a run id. */
    boolean runsWorkflow() {
        return this == ADVANCED_CHAT || this == WORKFLOW;
    }

    /**
     * The mode of an app type as {@code dify.apps.<name>.type} names it ({@code chat}, {@code agent},
     * {@code chatflow}, {@code workflow}, {@code completion}), or as Dify does.
     * @param type the type, in any case
     * @return the mode
     * @throws IllegalArgumentException if the type is none of them
     */
    public static DifyAppMode of(String type) {
        String name = type.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (name) {
            case "chat", "chatbot" -> CHAT;
            case "agent", "agent-chat" -> AGENT_CHAT;
            case "chatflow", "advanced-chat" -> ADVANCED_CHAT;
            case "workflow" -> WORKFLOW;
            case "completion" -> COMPLETION;
            default -> throw new IllegalArgumentException("No Dify app type '" + type
                    + "': use chat, agent, chatflow, workflow or completion");
        };
    }
}
