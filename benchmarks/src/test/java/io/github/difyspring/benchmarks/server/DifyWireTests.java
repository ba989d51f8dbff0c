package io.github.difyspring.benchmarks.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.difyspring.benchmarks.server.DifyWire.AnswerIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load server's bytes are Dify's: one {@code data: <json>} line and a blank line per event,
 * JSON the clients can parse, pings as Dify frames them.
 */
class DifyWireTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private final AnswerIds ids = new AnswerIds("task-1", "message-1", "conversation-1", 1_700_000_000L);

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String text) {
        return this.json.readValue(text, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void messageEventIsOneDataLineOfCompactJsonAndABlankLine() {
        String event = new String(DifyWire.messageEvent(this.ids, "Hello"), StandardCharsets.UTF_8);

        assertThat(event).startsWith("data: {").endsWith("}\n\n");
        assertThat(event.substring(0, event.length() - 2)).doesNotContain("\n");
        Map<String, Object> fields = read(event.substring(6));
        assertThat(fields).containsEntry("event", "message")
            .containsEntry("answer", "Hello")
            .containsEntry("task_id", "task-1")
            .containsEntry("message_id", "message-1")
            .containsEntry("conversation_id", "conversation-1");
    }

    @Test
    void messageEndCarriesUsage() {
        String event = new String(DifyWire.messageEndEvent(this.ids, 42), StandardCharsets.UTF_8);

        Map<String, Object> fields = read(event.substring(6));
        assertThat(fields).containsEntry("event", "message_end");
        assertThat(object(object(fields.get("metadata")).get("usage"))).containsEntry("completion_tokens", 42)
            .containsEntry("total_tokens", 1075);
    }

    @Test
    void pingIsTheBareSseEventField() {
        assertThat(new String(DifyWire.PING, StandardCharsets.US_ASCII)).isEqualTo("event: ping\n\n");
    }

    @Test
    void blockingAnswerIsAChatCompletionResponse() {
        Map<String, Object> fields = read(new String(DifyWire.blockingAnswer(this.ids, "The whole answer"), StandardCharsets.UTF_8));

        assertThat(fields).containsEntry("event", "message").containsEntry("mode", "chat").containsEntry("answer", "The whole answer");
        assertThat(object(fields.get("metadata"))).containsKeys("usage", "retriever_resources");
    }

    @Test
    void answerHasTheAskedLengthAndCarriesItsStamp() {
        assertThat(DifyWire.answer(16, -1)).hasSize(16);
        String stamped = DifyWire.answer(16, 1_700_000_000_123_456L);
        String event = new String(DifyWire.messageEvent(this.ids, stamped), StandardCharsets.UTF_8);

        assertThat(DifyWire.sentAtMicros(event)).isEqualTo(1_700_000_000_123_456L);
        assertThat(DifyWire.sentAtMicros(new String(DifyWire.messageEvent(this.ids, DifyWire.answer(16, -1)), StandardCharsets.UTF_8)))
            .isEqualTo(-1);
    }

    @Test
    void profileTravelsInTheBaseUrl() {
        StreamProfile profile = new StreamProfile(100, 16, 20, 25, true);

        assertThat(profile.baseUrl(8123).toString()).isEqualTo("http://127.0.0.1:8123/bench/e100-a16-i20-p25-stamped/v1");
        assertThat(StreamProfile.locate(profile.basePath() + "/chat-messages")).hasValueSatisfying((located) -> {
            assertThat(located.profile()).isEqualTo(profile);
            assertThat(located.endpoint()).isEqualTo("/chat-messages");
        });
        assertThat(StreamProfile.locate("/v1/chat-messages")).isEmpty();
        assertThat(profile.duration().toMillis()).isEqualTo(2_000);
    }
}
