package io.github.difyspring.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Answers Dify sends, recorded from Dify's own server code: one per app mode and outcome, each a
 * file on the class path ({@code io/github/difyspring/test/transcripts/}). A file starts with
 * comment lines ({@code # ...}) naming the Dify source and version it follows and what a client
 * must make of it ({@code # Assembled answer: ...}, {@code # Outcome: ...}), then the HTTP answer:
 * status line, headers, a blank line and the body byte for byte as Dify writes it.
 * <pre>{@code
 * dify.app("support").replays(DifyTranscript.CHATFLOW_STREAMING_PAUSED);
 * }</pre>
 * The library's conformance suite checks its clients against the same files.
 */
public enum DifyTranscript {

    /** A New Agent app refusing {@code response_mode=blocking}: 400 {@code bad_request}. */
    AGENT_BLOCKING_REFUSED("agent-blocking-refused"),

    /** A legacy Agent app (agent-chat) refusing blocking mode: 400 {@code invalid_param}. */
    AGENT_CHAT_BLOCKING_REFUSED("agent-chat-blocking-refused"),

    /** A legacy Agent app's stream: {@code agent_thought}s, {@code agent_message}s, an image {@code message_file}, {@code message_end}. */
    AGENT_CHAT_STREAMING("agent-chat-streaming"),

    /** A New Agent app's stream with one backend tool call: {@code agent_thought}s, {@code agent_message}s, {@code message_end}. */
    AGENT_STREAMING("agent-streaming"),

    /** A chatbot's blocking answer, one JSON {@code message}. */
    CHAT_BLOCKING("chat-blocking"),

    /** A chatbot's stream whose answer output moderation replaces at the end ({@code message_replace}). */
    CHAT_STREAMING_REPLACED("chat-streaming-replaced"),

    /** A chatbot's stream: {@code message} events, then {@code message_end} with one knowledge citation. */
    CHAT_STREAMING("chat-streaming"),

    /** A chatflow run that failed, blocking: 400 {@code invalid_param} naming the model's error. */
    CHATFLOW_BLOCKING_FAILED("chatflow-blocking-failed"),

    /** A chatflow run paused for human input, blocking: a {@code workflow_paused} answer with the partial answer. */
    CHATFLOW_BLOCKING_PAUSED("chatflow-blocking-paused"),

    /** A chatflow run that succeeded, blocking: one JSON {@code message}. */
    CHATFLOW_BLOCKING("chatflow-blocking"),

    /** A chatflow run that failed, streamed: workflow and node events ending in a failed {@code workflow_finished}. */
    CHATFLOW_STREAMING_FAILED("chatflow-streaming-failed"),

    /** A chatflow run paused for human input, streamed: {@code human_input_required}, then {@code workflow_paused}. */
    CHATFLOW_STREAMING_PAUSED("chatflow-streaming-paused"),

    /** A chatflow run whose answer output moderation replaces ({@code message_replace}), streamed. */
    CHATFLOW_STREAMING_REPLACED("chatflow-streaming-replaced"),

    /** A chatflow run that succeeded, streamed: workflow and node events around {@code message}s, {@code message_end}. */
    CHATFLOW_STREAMING("chatflow-streaming"),

    /** A text generator's blocking answer, one JSON {@code completion} message. */
    COMPLETION_BLOCKING("completion-blocking"),

    /** A text generator's stream whose answer output moderation replaces at the end ({@code message_replace}). */
    COMPLETION_STREAMING_REPLACED("completion-streaming-replaced"),

    /** A text generator's stream: {@code message} events, then {@code message_end}. */
    COMPLETION_STREAMING("completion-streaming"),

    /** A knowledge pipeline's datasource node run (online document) that failed in the plugin: {@code datasource_error}. */
    PIPELINE_DATASOURCE_NODE_RUN_FAILED("pipeline-datasource-node-run-failed"),

    /** A knowledge pipeline's datasource node run (website crawl): {@code datasource_processing}, {@code datasource_completed}. */
    PIPELINE_DATASOURCE_NODE_RUN("pipeline-datasource-node-run"),

    /** A knowledge pipeline's draft (test) run answered whole: the chunk preview, nothing indexed. */
    PIPELINE_DRAFT_RUN_ANSWER("pipeline-draft-run-answer"),

    /** A knowledge pipeline's draft (test) run streamed: workflow and node events, the preview in {@code workflow_finished}. */
    PIPELINE_DRAFT_RUN_STREAM("pipeline-draft-run-stream"),

    /** A knowledge pipeline's published run: the batch and two documents waiting for indexing. */
    PIPELINE_RUN_PUBLISHED("pipeline-run-published"),

    /** A workflow run that failed, blocking: a run with status {@code failed} and its error. */
    WORKFLOW_BLOCKING_FAILED("workflow-blocking-failed"),

    /** A workflow run paused for human input, blocking: a run with status {@code paused}. */
    WORKFLOW_BLOCKING_PAUSED("workflow-blocking-paused"),

    /** A workflow run that succeeded, blocking: the run with its outputs. */
    WORKFLOW_BLOCKING("workflow-blocking"),

    /** A workflow run that failed, streamed: workflow and node events ending in a failed {@code workflow_finished}. */
    WORKFLOW_STREAMING_FAILED("workflow-streaming-failed"),

    /** A workflow run paused for human input, streamed: {@code human_input_required}, then {@code workflow_paused}. */
    WORKFLOW_STREAMING_PAUSED("workflow-streaming-paused"),

    /** A workflow run that succeeded, streamed: workflow and node events, {@code text_chunk}s, {@code workflow_finished}. */
    WORKFLOW_STREAMING("workflow-streaming");

    private final String name;

    // Read on first use, at most once per constant (a racing second read gives equal contents).
    private volatile @Nullable Contents contents;

    DifyTranscript(String name) {
        this.name = name;
    }

    /**
     * The transcript's file name.
     * @return such as {@code chat-streaming.txt}
     */
    public String fileName() {
        return this.name + ".txt";
    }

    /**
     * The HTTP status Dify answers with.
     * @return such as {@code 200}
     */
    public int status() {
        return contents().status();
    }

    /**
     * The headers of the answer, in the file's order, names spelt as there.
     * @return the headers, such as {@code Content-Type: text/event-stream; charset=utf-8}
     */
    public Map<String, String> headers() {
        return contents().headers();
    }

    /**
     * The body exactly as Dify writes it: everything after the blank line that ends the headers.
     * @return the body
     */
    public String body() {
        return contents().body();
    }

    /**
     * The frames of a stream in order, each exactly as on the wire: a {@code data: ...} or
     * {@code event: ping} line with the blank line after it ({@code \n\n}). Together they are
     * the body.
     * @return the frames, or an empty list when the answer is not a stream
     */
    public List<String> frames() {
        return contents().frames();
    }

    /**
     * Whether the answer is a server-sent event stream ({@code text/event-stream}).
     * @return true for a stream, false for a JSON answer
     */
    public boolean isStream() {
        return contents().stream();
    }

    /**
     * The comment lines at the top of the file, without their {@code # }.
     * @return the comments, in order
     */
    public List<String> comments() {
        return contents().comments();
    }

    /**
     * The value of the first {@code # Key: value} comment with this key, such as
     * {@code note("Assembled answer")} or {@code note("Outcome")}.
     * @param key the key, as the comment spells it
     * @return the value, or {@code null} when no comment has this key
     */
    public @Nullable String note(String key) {
        String prefix = key + ": ";
        return comments().stream().filter((comment) -> comment.startsWith(prefix))
            .map((comment) -> comment.substring(prefix.length()))
            .findFirst()
            .orElse(null);
    }

    /**
     * The whole file: comments, status line, headers and body.
     * @return the file's text
     */
    public String text() {
        return contents().text();
    }

    private Contents contents() {
        Contents contents = this.contents;
        if (contents == null) {
            contents = Contents.parse(read(fileName()));
            this.contents = contents;
        }
        return contents;
    }

    private static String read(String fileName) {
        try (InputStream in = DifyTranscript.class.getResourceAsStream("transcripts/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("No transcript " + fileName + " next to " + DifyTranscript.class.getName()
                        + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private record Contents(String text, List<String> comments, int status, Map<String, String> headers, String body,
            List<String> frames, boolean stream) {

        static Contents parse(String text) {
            List<String> comments = new ArrayList<>();
            int at = 0;
            while (text.startsWith("#", at)) {
                int end = text.indexOf('\n', at);
                comments.add(text.substring(at, end).replaceFirst("^# ?", ""));
                at = end + 1;
            }
            int headEnd = text.indexOf("\n\n", at);
            String[] head = text.substring(at, headEnd).split("\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).strip(), head[i].substring(colon + 1).strip());
            }
            String body = text.substring(headEnd + 2);
            boolean stream = headers.entrySet().stream().anyMatch((header) -> header.getKey().equalsIgnoreCase("Content-Type")
                    && header.getValue().toLowerCase(Locale.ROOT).startsWith("text/event-stream"));
            return new Contents(text, List.copyOf(comments), status, Collections.unmodifiableMap(headers), body,
                    stream ? frames(body) : List.of(), stream);
        }

        private static List<String> frames(String body) {
            List<String> frames = new ArrayList<>();
            int start = 0;
            while (start < body.length()) {
                int end = body.indexOf("\n\n", start);
                end = (end < 0) ? body.length() : end + 2;
                frames.add(body.substring(start, end));
                start = end;
            }
            return List.copyOf(frames);
        }
    }
}
