package io.github.difyspring.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test server's own answers, scripted like each conformance transcript, have the transcript's
 * events in the transcript's order, and every event and blocking answer has the transcript's fields
 * in the transcript's order: so the double agrees with Dify's server code, which the transcripts
 * follow, and not only with itself. Values (ids, times, tokens) differ by design.
 */
class DifyShapeConformanceTests {

    private static final DifyTestServer server = DifyTestServer.start();

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void chatStreamMatchesTheTranscript() {
        assertStreamLike(DifyTranscript.CHAT_STREAMING, DifyAppMode.CHAT, "/chat-messages",
                (app) -> app.answersInChunks(chunks(DifyTranscript.CHAT_STREAMING, "message")), true);
    }

    @Test
    void completionStreamMatchesTheTranscript() {
        assertStreamLike(DifyTranscript.COMPLETION_STREAMING, DifyAppMode.COMPLETION, "/completion-messages",
                (app) -> app.answersInChunks(chunks(DifyTranscript.COMPLETION_STREAMING, "message")), true);
    }

    @Test
    void agentStreamMatchesTheTranscriptButForItsToolFile() {
        assertStreamLike(DifyTranscript.AGENT_CHAT_STREAMING, DifyAppMode.AGENT_CHAT, "/chat-messages",
                (app) -> app.usesTool("dalle3", "{\"dalle3\": {\"prompt\": \"a cute cat\"}}", "image created")
                    .answersInChunks("Here ", "is your ", "cat."), true);
    }

    @Test
    void workflowStreamMatchesTheTranscript() {
        assertStreamLike(DifyTranscript.WORKFLOW_STREAMING, DifyAppMode.WORKFLOW, "/workflows/run",
                (app) -> app.answersInChunks(chunks(DifyTranscript.WORKFLOW_STREAMING, "text_chunk")), true);
    }

    @Test
    void chatflowStreamMatchesTheTranscript() {
        assertStreamLike(DifyTranscript.CHATFLOW_STREAMING, DifyAppMode.ADVANCED_CHAT, "/chat-messages",
                (app) -> app.answersInChunks(chunks(DifyTranscript.CHATFLOW_STREAMING, "message")), true);
    }

    @Test
    void failedRunsMatchTheTranscripts() {
        assertStreamLike(DifyTranscript.WORKFLOW_STREAMING_FAILED, DifyAppMode.WORKFLOW, "/workflows/run",
                (app) -> app.failsWith("Rate Limit Error"), true);
        assertStreamLike(DifyTranscript.CHATFLOW_STREAMING_FAILED, DifyAppMode.ADVANCED_CHAT, "/chat-messages",
                (app) -> app.failsWith("Rate Limit Error"), true);
    }

    @Test
    void pausedChatflowMatchesTheTranscript() {
        assertStreamLike(DifyTranscript.CHATFLOW_STREAMING_PAUSED, DifyAppMode.ADVANCED_CHAT, "/chat-messages",
                (app) -> app.answersInChunks(chunks(DifyTranscript.CHATFLOW_STREAMING_PAUSED, "message"))
                    .pausesFor(HumanInputPause.form("Please review").paragraph("comment").select("decision", "publish", "rewrite")
                        .action("approve", "Approve").action("reject", "Reject")), true);
    }

    @Test
    void pausedWorkflowHasTheTranscriptsFieldsAndEnding() {
        // The transcript's workflow pauses before any LLM node; the test server's pauses after its answer.
        assertStreamLike(DifyTranscript.WORKFLOW_STREAMING_PAUSED, DifyAppMode.WORKFLOW, "/workflows/run",
                (app) -> app.pausesFor(HumanInputPause.form("Approve?").paragraph("comment", "Looks good").action("approve", "Approve")),
                false);
    }

    @Test
    void blockingAnswersHaveTheTranscriptsFields() {
        assertBlockingLike(DifyTranscript.CHAT_BLOCKING, DifyAppMode.CHAT, "/chat-messages", (app) -> {
        });
        assertBlockingLike(DifyTranscript.COMPLETION_BLOCKING, DifyAppMode.COMPLETION, "/completion-messages", (app) -> {
        });
        assertBlockingLike(DifyTranscript.CHATFLOW_BLOCKING, DifyAppMode.ADVANCED_CHAT, "/chat-messages", (app) -> {
        });
        assertBlockingLike(DifyTranscript.WORKFLOW_BLOCKING, DifyAppMode.WORKFLOW, "/workflows/run", (app) -> {
        });
        assertBlockingLike(DifyTranscript.WORKFLOW_BLOCKING_FAILED, DifyAppMode.WORKFLOW, "/workflows/run",
                (app) -> app.failsWith("Rate Limit Error"));
        assertBlockingLike(DifyTranscript.WORKFLOW_BLOCKING_PAUSED, DifyAppMode.WORKFLOW, "/workflows/run",
                (app) -> app.pausesFor(HumanInputPause.form("Approve?").action("approve", "Approve")));
        assertBlockingLike(DifyTranscript.CHATFLOW_BLOCKING_PAUSED, DifyAppMode.ADVANCED_CHAT, "/chat-messages",
                (app) -> app.pausesFor(HumanInputPause.form("Approve?").action("approve", "Approve")));
    }

    @Test
    void refusalsAreTheTranscriptsBodies() {
        assertBlockingLike(DifyTranscript.AGENT_CHAT_BLOCKING_REFUSED, DifyAppMode.AGENT_CHAT, "/chat-messages", (app) -> {
        });
        assertBlockingLike(DifyTranscript.CHATFLOW_BLOCKING_FAILED, DifyAppMode.ADVANCED_CHAT, "/chat-messages",
                (app) -> app.failsWith("Rate Limit Error"));
    }

    private static void assertStreamLike(DifyTranscript transcript, DifyAppMode mode, String path, Consumer<ScriptedApp> script,
            boolean sameOrder) {
        String key = "app-" + transcript.fileName();
        script.accept(server.app(transcript.fileName(), key, mode));
        WireClient.Stream stream = new WireClient(server, key).stream(path, request(mode, "streaming"));
        assertThat(stream.status()).isEqualTo(transcript.status());
        assertThat(stream.contentType()).isEqualTo(transcript.headers().get("Content-Type"));
        assertThat(stream.frames().get(0)).as("Dify's first frame").isEqualTo("event: ping");
        List<Map<String, Object>> expected = transcriptEvents(transcript).stream()
            .filter((event) -> !"message_file".equals(event.get("event")))
            .toList();
        List<String> expectedTypes = expected.stream().map((event) -> (String) event.get("event")).toList();
        if (sameOrder) {
            assertThat(stream.types()).isEqualTo(expectedTypes);
        }
        else {
            List<String> tail = expectedTypes.subList(expectedTypes.size() - 3, expectedTypes.size());
            assertThat(stream.types()).endsWith(tail.toArray(String[]::new));
        }
        assertSameFields(expected, stream.events());
    }

    private static void assertBlockingLike(DifyTranscript transcript, DifyAppMode mode, String path, Consumer<ScriptedApp> script) {
        String key = "app-" + transcript.fileName();
        script.accept(server.app(transcript.fileName(), key, mode));
        var response = new WireClient(server, key).post(path, request(mode, "blocking"));
        assertThat(response.statusCode()).as(transcript.fileName()).isEqualTo(transcript.status());
        Map<String, Object> expected = WireClient.json(transcript.body());
        Map<String, Object> actual = WireClient.json(response.body());
        assertThat(actual.keySet()).as(transcript.fileName()).containsExactlyElementsOf(expected.keySet());
        if (expected.get("data") instanceof Map<?, ?> data) {
            assertThat(keys(actual.get("data"))).as(transcript.fileName() + " data").isEqualTo(keys(data));
        }
        if (transcript.status() >= 400) {
            assertThat(actual.get("code")).isEqualTo(expected.get("code"));
        }
    }

    /** Per event type, the first event's fields and its data's fields, in order. */
    private static void assertSameFields(List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        Map<String, Map<String, Object>> expectedByType = firstByType(expected);
        Map<String, Map<String, Object>> actualByType = firstByType(actual);
        expectedByType.forEach((type, event) -> {
            Map<String, Object> mine = actualByType.get(type);
            assertThat(mine).as("a " + type + " event").isNotNull();
            assertThat(mine.keySet()).as(type + " fields").containsExactlyElementsOf(event.keySet());
            if (event.get("data") instanceof Map<?, ?> data) {
                assertThat(keys(mine.get("data"))).as(type + " data fields").isEqualTo(keys(data));
            }
        });
    }

    private static List<String> keys(Object map) {
        return ((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList();
    }

    private static Map<String, Map<String, Object>> firstByType(List<Map<String, Object>> events) {
        Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
        events.forEach((event) -> byType.putIfAbsent((String) event.get("event"), event));
        return byType;
    }

    private static List<Map<String, Object>> transcriptEvents(DifyTranscript transcript) {
        return transcript.frames().stream().filter((frame) -> frame.startsWith("data: "))
            .map((frame) -> WireClient.json(frame.substring(6).strip())).toList();
    }

    private static String[] chunks(DifyTranscript transcript, String type) {
        List<String> chunks = new ArrayList<>();
        for (Map<String, Object> event : transcriptEvents(transcript)) {
            if (type.equals(event.get("event"))) {
                Object text = (event.get("data") instanceof Map<?, ?> data) ? data.get("text") : event.get("answer");
                chunks.add((String) text);
            }
        }
        return chunks.toArray(String[]::new);
    }

    private static Map<String, Object> request(DifyAppMode mode, String responseMode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", Map.of());
        if (mode != DifyAppMode.WORKFLOW) {
            body.put("query", "Greet the world");
        }
        body.put("response_mode", responseMode);
        body.put("user", "user-123");
        return body;
    }
}
