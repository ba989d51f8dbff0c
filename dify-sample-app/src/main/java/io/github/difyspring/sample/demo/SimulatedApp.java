package io.github.difyspring.sample.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyAppType;

/**
 * One app of the simulated Dify: what it says about itself ({@code /info}, {@code /parameters})
 * and what it answers.
 *
 * @param name the app's name
 * @param key its API key
 * @param type its type
 */
record SimulatedApp(String name, String key, DifyAppType type) {

    /** Dify's name for the app's mode. */
    String mode() {
        return switch (this.type) {
            case CHAT -> "chat";
            case AGENT -> "agent-chat";
            case CHATFLOW -> "advanced-chat";
            case WORKFLOW -> "workflow";
            case COMPLETION -> "completion";
            case KNOWLEDGE -> throw new IllegalStateException("A workspace's knowledge bases are not an app");
        };
    }

    Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", title());
        info.put("description", switch (this.type) {
            case WORKFLOW -> "Writes a short poem about a topic in four steps, reporting each step as it runs.";
            case COMPLETION -> "Writes a paragraph about a subject in the tone you pick.";
            default -> "Chats with you and remembers the conversation.";
        });
        info.put("tags", List.of("offline", "simulated"));
        info.put("mode", mode());
        info.put("author_name", "Dify simulator");
        return info;
    }

    private String title() {
        return this.name.substring(0, 1).toUpperCase(Locale.ROOT) + this.name.substring(1) + " (offline demo)";
    }

    Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        boolean chat = this.type.isChat();
        parameters.put("opening_statement", chat ? "Hi! I am the offline assistant. Everything I say comes from a Dify simulator "
                + "running inside this application, streamed to you word by word." : "");
        parameters.put("suggested_questions", chat ? List.of("What can you do?", "How does streaming work here?") : List.of());
        parameters.put("suggested_questions_after_answer", Map.of("enabled", chat));
        parameters.put("speech_to_text", Map.of("enabled", false));
        parameters.put("text_to_speech", Map.of("enabled", false, "voice", "", "language", "", "autoPlay", "disabled"));
        parameters.put("retriever_resource", Map.of("enabled", false));
        parameters.put("annotation_reply", Map.of("enabled", false));
        parameters.put("more_like_this", Map.of("enabled", false));
        parameters.put("sensitive_word_avoidance", Map.of("enabled", false, "type", "", "configs", List.of()));
        parameters.put("user_input_form", inputForm());
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("enabled", false);
        image.put("number_limits", 3);
        image.put("transfer_methods", List.of("remote_url", "local_file"));
        parameters.put("file_upload", Map.of("image", image));
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("file_size_limit", 15);
        system.put("image_file_size_limit", 10);
        system.put("audio_file_size_limit", 50);
        system.put("video_file_size_limit", 100);
        system.put("workflow_file_upload_limit", 10);
        parameters.put("system_parameters", system);
        return parameters;
    }

    private List<Map<String, Object>> inputForm() {
        return switch (this.type) {
            case WORKFLOW -> List.of(
                    field("text-input", "topic", "Topic", true, Map.of("max_length", 80, "default", "")),
                    field("select", "style", "Style", false, Map.of("options", List.of("haiku", "limerick", "couplet"), "default", "haiku")),
                    field("text-input", "dedication", "Dedicate it to", false, Map.of("max_length", 40, "default", "")));
            case COMPLETION -> List.of(
                    field("text-input", "subject", "Subject", true, Map.of("max_length", 120, "default", "")),
                    field("select", "tone", "Tone", false, Map.of("options", List.of("friendly", "formal", "playful"), "default", "friendly")),
                    field("paragraph", "notes", "Anything else?", false, Map.of("max_length", 1000, "default", "")));
            default -> List.of();
        };
    }

    private static Map<String, Object> field(String kind, String variable, String label, boolean required, Map<String, Object> more) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("label", label);
        settings.put("variable", variable);
        settings.put("required", required);
        settings.putAll(more);
        return Map.of(kind, settings);
    }

    /** The first required input the inputs lack, or {@code null}. */
    @Nullable String missingInput(Map<String, Object> inputs) {
        for (Map<String, Object> field : inputForm()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = (Map<String, Object>) field.values().iterator().next();
            Object value = inputs.get(settings.get("variable"));
            if (Boolean.TRUE.equals(settings.get("required")) && (value == null || value.toString().isBlank())) {
                return (String) settings.get("variable");
            }
        }
        return null;
    }

    static String chatAnswer(String user, String query, int messageNumber, @Nullable String previousQuery) {
        String memory = (previousQuery == null)
                ? "This is the first message of a new conversation: ask me something else and I will remember it."
                : "This is message " + messageNumber + " of our conversation; just before this you asked \u201c" + shorten(previousQuery) + "\u201d.";
        return "Hi " + user + "! This is the offline Dify simulator answering \u201c" + shorten(query) + "\u201d. "
                + "I stream this reply word by word with short pauses, just as a real Dify chat app streams its tokens. " + memory
                + " Configure a real Dify app key (see the README) and this same page talks to real Dify.";
    }

    static String completion(Map<String, Object> inputs) {
        String subject = String.valueOf(inputs.getOrDefault("subject", "nothing in particular"));
        String tone = String.valueOf(inputs.getOrDefault("tone", "friendly"));
        String opening = switch (tone) {
            case "formal" -> "It is with due consideration that we turn to " + subject + ".";
            case "playful" -> "Buckle up, because " + subject + " is about to get interesting!";
            default -> "Let's talk about " + subject + ".";
        };
        return opening + " This paragraph was written by the offline Dify simulator, one word at a time, to show how a "
                + "completion app streams its text. A real Dify app would ask its model instead.";
    }

    static List<String> poem(Map<String, Object> inputs) {
        String topic = String.valueOf(inputs.getOrDefault("topic", "the sea"));
        String style = String.valueOf(inputs.getOrDefault("style", "haiku"));
        List<String> lines = switch (style) {
            case "limerick" -> List.of("A coder who dreamed of " + topic + ",", "Ran a workflow to see what it'd be.",
                    "With nodes in a row,", "It streamed nice and slow,", "And spent not a token, for free.");
            case "couplet" -> List.of("Of " + topic + " the simulator sings,", "Streaming its verse on workflow wings.");
            default -> List.of(topic + " at first light,", "a simulator hums along,", "no tokens were spent.");
        };
        Object dedication = inputs.get("dedication");
        if (dedication != null && !dedication.toString().isBlank()) {
            List<String> dedicated = new ArrayList<>(lines);
            dedicated.add("\u2014 for " + dedication.toString().strip());
            return dedicated;
        }
        return lines;
    }

    static List<String> suggestions(String query) {
        return List.of("Tell me more about \u201c" + shorten(query) + "\u201d", "What else can you do offline?",
                "How do I connect a real Dify app?");
    }

    /** Splits a text into the pieces a model streams: words, each with the space before it. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                tokens.add(text.substring(start, i));
                start = i;
            }
        }
        return tokens;
    }

    static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return (oneLine.length() > 60) ? oneLine.substring(0, 57) + "..." : oneLine;
    }
}
