package io.github.difyspring.client.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.TtsMessageEndEvent;
import io.github.difyspring.client.event.UnknownEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * How the event stream is framed on the wire, and that decoding copes with every legal framing and
 * any split of the bytes into network chunks.
 */
class SseFramingTest extends DifyClientTestSupport {

    private static List<DifyEvent> streamChat(String body) {
        stubStream("/v1/chat-messages", body);
        return collect(chatClient().stream(ChatRequest.of("Hello")));
    }

    private static List<String> answers(List<DifyEvent> events) {
        return events.stream().map((event) -> ((MessageEvent) event).answer()).toList();
    }

    @Test
    void dataSplitOverSeveralLinesIsOneEvent() {
        List<DifyEvent> events = streamChat("""
                data: {"event": "message", "task_id": "t1",
                data:  "message_id": "m1", "answer": "two lines"}

                data: {"event": "message", "task_id": "t1", "message_id": "m1", "answer": "one line"}

                """);

        assertThat(events).containsExactly(new MessageEvent("t1", "m1", null, null, "two lines"),
                new MessageEvent("t1", "m1", null, null, "one line"));
    }

    @Test
    void crlfLineEndings() {
        List<DifyEvent> events = streamChat("data: {\"event\": \"message\", \"task_id\": \"t1\", \"answer\": \"A\"}\r\n\r\n"
                + "event: ping\r\n\r\n"
                + "data: {\"event\": \"message\", \"task_id\": \"t1\",\r\ndata: \"answer\": \"B\"}\r\n\r\n"
                + "data: {\"event\": \"message_end\", \"task_id\": \"t1\"}\r\n\r\n");

        assertThat(events).hasSize(3);
        assertThat(answers(events.subList(0, 2))).containsExactly("A", "B");
        assertThat(events.get(2)).isInstanceOf(MessageEndEvent.class);
    }

    @Test
    void commentsPingsAndOtherFieldsAreNotEvents() {
        List<DifyEvent> events = streamChat("""
                : keep-alive

                event: ping

                data: {"event": "message", "task_id": "t1", "answer": "first"}

                :a comment right before the data
                id: 17
                retry: 3000
                data: {"event": "message", "task_id": "t1", "answer": "second"}

                event: ping

                : keep-alive

                """);

        assertThat(answers(events)).containsExactly("first", "second");
    }

    @Test
    void dataWithoutASpaceAfterTheColon() {
        List<DifyEvent> events = streamChat("""
                data:{"event": "message", "task_id": "t1", "answer": " leading space is part of the answer"}

                """);

        assertThat(answers(events)).containsExactly(" leading space is part of the answer");
    }

    @Test
    void theJsonEventFieldDecidesTheTypeNotTheSseEventField() {
        List<DifyEvent> events = streamChat("""
                event: message
                data: {"event": "message_end", "task_id": "t1", "metadata": {"usage": {"total_tokens": 3}}}

                """);

        assertThat(events).singleElement().asInstanceOf(type(MessageEndEvent.class))
            .satisfies((end) -> assertThat(end.metadata().usage().totalTokens()).isEqualTo(3L));
    }

    @Test
    void everyByteInItsOwnChunkStillDecodesMultiByteTextExactly() {
        List<String> fragments = List.of("你好，", "世界！", "👋🌍 ", "émoji ✓", "\"quoted\" \\ back\nslash");
        StringBuilder body = new StringBuilder(": keep-alive\n\n");
        for (String fragment : fragments) {
            body.append("data: {\"event\": \"message\", \"task_id\": \"t1\", \"answer\": ")
                .append(jsonString(fragment))
                .append("}\n\nevent: ping\n\n");
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages"))
            .willReturn(eventStream(body.toString()).withChunkedDribbleDelay(bytes.length, bytes.length)));

        List<DifyEvent> events = collect(chatClient().stream(ChatRequest.of("Hello")));

        assertThat(answers(events)).containsExactlyElementsOf(fragments);
        assertThat(String.join("", answers(events))).isEqualTo("你好，世界！👋🌍 émoji ✓\"quoted\" \\ back\nslash");
    }

    @Test
    void largeEventIsDecodedWhole() {
        String answer = "0123456789".repeat(10_000);

        List<DifyEvent> events = streamChat("data: {\"event\": \"message\", \"task_id\": \"t1\", \"answer\": \"" + answer + "\"}\n\n");

        assertThat(answers(events)).containsExactly(answer);
    }

    @Test
    void unknownEventTypeArrivesIntact() {
        String unknown = "{\"event\":\"brand_new_thing\",\"task_id\":\"t1\",\"x\":1,\"nested\":{\"event\":\"message\"}}";

        List<DifyEvent> events = streamChat(sse("""
                {"event": "message", "task_id": "t1", "answer": "before"}
                %s
                {"event": "message", "task_id": "t1", "answer": "after"}
                """.formatted(unknown)));

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOf(MessageEvent.class);
        assertThat(events.get(1)).isEqualTo(new UnknownEvent("brand_new_thing", "t1", unknown));
        assertThat(events.get(2)).isInstanceOf(MessageEvent.class);
    }

    @Test
    void unknownEventTypeSpreadOverLinesKeepsItsJson() {
        List<DifyEvent> events = streamChat("""
                data: {"event": "brand_new_thing",
                data:  "task_id": "t9"}

                """);

        assertThat(events).singleElement().isEqualTo(new UnknownEvent("brand_new_thing", "t9",
                "{\"event\": \"brand_new_thing\",\n \"task_id\": \"t9\"}"));
    }

    @Test
    void eventsAfterMessageEndAreDeliveredUntilTheServerClosesTheStream() {
        stubStream("/v1/chat-messages", sse("""
                {"event": "message", "task_id": "t1", "message_id": "m1", "answer": "Hi"}
                {"event": "message_end", "task_id": "t1", "message_id": "m1", "metadata": {"usage": {"total_tokens": 5}}}
                {"event": "tts_message_end", "task_id": "t1", "message_id": "m1", "audio": ""}
                {"event": "workflow_finished", "task_id": "t1", "workflow_run_id": "r1", "data": {"id": "r1", "status": "succeeded"}}
                {"event": "brand_new_trailer", "task_id": "t1"}
                """));

        List<DifyEvent> events = collect(chatClient(DifyAppType.CHATFLOW).stream(ChatRequest.of("Hello")));

        assertThat(events).<Class<?>>extracting(Object::getClass)
            .containsExactly(MessageEvent.class, MessageEndEvent.class, TtsMessageEndEvent.class, WorkflowFinishedEvent.class,
                    UnknownEvent.class);
        assertThat(events.get(3)).asInstanceOf(type(WorkflowFinishedEvent.class))
            .satisfies((finished) -> assertThat(finished.data().status()).isEqualTo("succeeded"));
    }

    @Test
    void aStreamOfOnlyKeepAlivesIsEmpty() {
        assertThat(streamChat(": keep-alive\n\nevent: ping\n\nevent: ping\n\n")).isEmpty();
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
