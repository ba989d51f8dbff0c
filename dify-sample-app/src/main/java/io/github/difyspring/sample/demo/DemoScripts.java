package io.github.difyspring.sample.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.difyspring.test.RecordedRequest;
import io.github.difyspring.test.ScriptedApp;
import io.github.difyspring.test.ScriptedKnowledge;

/**
 * What the demo apps say: the assistant chats about the request it got, the writer writes a
 * paragraph in the tone picked, the pipeline writes a poem, and the workspace has a product
 * handbook to search. The Dify test server does the rest: streams, conversations, stops.
 */
final class DemoScripts {

    private DemoScripts() {
    }

    /**
     * Scripts one demo app by its mode.
     * @param app the app
     * @param pace the pause before each event of a stream
     */
    static void script(ScriptedApp app, Duration pace) {
        app.pace(pace).info(info(app)).suggests("What can you do?", "What else can you do offline?", "How do I connect a real Dify app?");
        switch (app.mode()) {
            case WORKFLOW -> app.parameters(parameters(app, List.of(
                    field("text-input", "topic", "Topic", true, Map.of("max_length", 80, "default", "")),
                    field("select", "style", "Style", false, Map.of("options", List.of("haiku", "limerick", "couplet"), "default", "haiku")),
                    field("text-input", "dedication", "Dedicate it to", false, Map.of("max_length", 40, "default", "")))))
                .nodes("Read the topic")
                .answers((request) -> String.join("\n", poem(request.inputs())))
                .outputs((request) -> Map.of("text", String.join("\n", poem(request.inputs()))));
            case COMPLETION -> app.parameters(parameters(app, List.of(
                    field("text-input", "subject", "Subject", true, Map.of("max_length", 120, "default", "")),
                    field("select", "tone", "Tone", false, Map.of("options", List.of("friendly", "formal", "playful"), "default", "friendly")),
                    field("paragraph", "notes", "Anything else?", false, Map.of("max_length", 1000, "default", "")))))
                .answers((request) -> completion(request.inputs()));
            default -> app.parameters(parameters(app, List.of())).answers(DemoScripts::chatAnswer);
        }
    }

    /**
     * Fills the demo workspace: a handbook with two indexed documents, and an empty knowledge base
     * to upload to.
     * @param knowledge the workspace
     */
    static void fill(ScriptedKnowledge knowledge) {
        knowledge.base("Product handbook")
            .description("How the demo products work, for retrieval.")
            .document("returns.txt", """
                    Returns are free within 30 days of delivery. Start a return from your account page.

                    Refunds reach the original payment method within five working days after the parcel arrives.
                    """)
            .document("shipping.txt", """
                    Standard shipping takes three to five working days. Express shipping arrives the next working day.

                    Parcels over 20 kg ship by freight and need a delivery appointment.
                    """);
        knowledge.base("Team notes").description("Upload a document to try indexing and retrieval.");
    }

    private static Map<String, Object> info(ScriptedApp app) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", app.name().substring(0, 1).toUpperCase(Locale.ROOT) + app.name().substring(1) + " (offline demo)");
        info.put("description", switch (app.mode()) {
            case WORKFLOW -> "Writes a short poem about a topic, reporting each step as it runs.";
            case COMPLETION -> "Writes a paragraph about a subject in the tone you pick.";
            default -> "Chats with you and remembers the conversation.";
        });
        info.put("tags", List.of("offline", "simulated"));
        info.put("mode", app.mode().wireName());
        info.put("author_name", "Dify test server");
        return info;
    }

    private static Map<String, Object> parameters(ScriptedApp app, List<Map<String, Object>> inputForm) {
        boolean chat = inputForm.isEmpty();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("opening_statement", chat ? "Hi! I am the offline assistant. Everything I say comes from the Dify test server "
                + "running inside this application, streamed to you word by word." : "");
        parameters.put("suggested_questions", chat ? List.of("What can you do?", "How does streaming work here?") : List.of());
        parameters.put("suggested_questions_after_answer", Map.of("enabled", chat));
        parameters.put("speech_to_text", Map.of("enabled", false));
        parameters.put("text_to_speech", Map.of("enabled", false));
        parameters.put("retriever_resource", Map.of("enabled", false));
        parameters.put("annotation_reply", Map.of("enabled", false));
        parameters.put("more_like_this", Map.of("enabled", false));
        parameters.put("sensitive_word_avoidance", Map.of("enabled", false));
        parameters.put("user_input_form", inputForm);
        parameters.put("file_upload", Map.of("image", Map.of("enabled", false)));
        parameters.put("system_parameters", Map.of("file_size_limit", 15, "image_file_size_limit", 10));
        return parameters;
    }

    private static Map<String, Object> field(String kind, String variable, String label, boolean required, Map<String, Object> more) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("label", label);
        settings.put("variable", variable);
        settings.put("required", required);
        settings.putAll(more);
        return Map.of(kind, settings);
    }

    private static String chatAnswer(RecordedRequest request) {
        String memory = (request.conversationId() == null)
                ? "This is the first message of a new conversation: ask me something else and I will remember it."
                : "This message continues our conversation, which the Dify test server keeps for you alone.";
        return "Hi " + request.user() + "! This is the offline Dify test server answering \u201c" + shorten(request.query()) + "\u201d. "
                + "I stream this reply word by word with short pauses, just as a real Dify chat app streams its tokens. " + memory
                + " Configure a real Dify app key (see the README) and this same page talks to real Dify.";
    }

    private static String completion(Map<String, Object> inputs) {
        String subject = String.valueOf(inputs.getOrDefault("subject", "nothing in particular"));
        String tone = String.valueOf(inputs.getOrDefault("tone", "friendly"));
        String opening = switch (tone) {
            case "formal" -> "It is with due consideration that we turn to " + subject + ".";
            case "playful" -> "Buckle up, because " + subject + " is about to get interesting!";
            default -> "Let's talk about " + subject + ".";
        };
        return opening + " This paragraph was written by the offline Dify test server, one word at a time, to show how a "
                + "completion app streams its text. A real Dify app would ask its model instead.";
    }

    private static List<String> poem(Map<String, Object> inputs) {
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

    private static String shorten(String text) {
        String oneLine = (text != null) ? text.replaceAll("\\s+", " ").strip() : "";
        return (oneLine.length() > 60) ? oneLine.substring(0, 57) + "..." : oneLine;
    }
}
