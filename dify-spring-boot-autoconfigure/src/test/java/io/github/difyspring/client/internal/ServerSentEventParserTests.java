package io.github.difyspring.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import io.github.difyspring.client.internal.ServerSentEventParser.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerSentEventParser}: the SSE framing rules on bytes, wherever the chunks
 * split the stream.
 */
class ServerSentEventParserTests {

    private final ServerSentEventParser parser = new ServerSentEventParser(1024);

    private List<Event> read(String... chunks) {
        List<Event> events = new ArrayList<>();
        for (String chunk : chunks) {
            events.addAll(this.parser.read(DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.UTF_8))));
        }
        return events;
    }

    @Test
    void everyLineEndingCountsAndACrlfSplitBetweenChunksIsOneLineEnd() {
        assertThat(read("data: a\n\n", "data: b\r\n\r\n", "data: c\r\r", "data: d\r", "\n\r", "\n"))
            .containsExactly(new Event(null, "a"), new Event(null, "b"), new Event(null, "c"), new Event(null, "d"));
        assertThat(this.parser.isAtEventBoundary()).isTrue();
    }

    @Test
    void dataLinesAreJoinedAndTheEventFieldIsKept() {
        assertThat(read("event: message\ndata: {\"a\":\ndata:1}\nid: 7\nretry: 10\n\n"))
            .containsExactly(new Event("message", "{\"a\":\n1}"));
    }

    @Test
    void commentsAndEventsWithoutDataAreNotEventsButStillNeedTheirBlankLine() {
        assertThat(read(": keep-alive\n")).isEmpty();
        assertThat(this.parser.isAtEventBoundary()).as("a comment line with no blank line after it").isFalse();
        assertThat(read("\n", "event: ping\n\n")).isEmpty();
        assertThat(this.parser.isAtEventBoundary()).isTrue();
    }

    @Test
    void aStreamCutInsideALineOrBeforeTheBlankLineIsNotAtABoundary() {
        read("data: {\"event\": \"mess");
        assertThat(this.parser.isAtEventBoundary()).isFalse();
        read("age\"}\n");
        assertThat(this.parser.isAtEventBoundary()).isFalse();
        assertThat(read("\n")).containsExactly(new Event(null, "{\"event\": \"message\"}"));
        assertThat(this.parser.isAtEventBoundary()).isTrue();
    }

    @Test
    void multiByteCharactersSplitBetweenChunksDecodeWhole() {
        byte[] bytes = "data: héllo 你好\n\n".getBytes(StandardCharsets.UTF_8);
        List<Event> events = new ArrayList<>();
        for (byte b : bytes) {
            events.addAll(this.parser.read(DefaultDataBufferFactory.sharedInstance.wrap(new byte[] { b })));
        }
        assertThat(events).containsExactly(new Event(null, "héllo 你好"));
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped() {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        this.parser.read(DefaultDataBufferFactory.sharedInstance.wrap(bom));
        assertThat(read("data: x\n\n")).containsExactly(new Event(null, "x"));
    }

    @Test
    void aFieldWithoutAColonOrSpaceIsReadAsTheSpecSays() {
        assertThat(read("data\ndata:x\n\n")).containsExactly(new Event(null, "\nx"));
    }

    @Test
    void anEventLargerThanTheLimitFails() {
        String big = "x".repeat(600);
        read("data: " + big + "\n");
        List<Event> events = read("data: " + big + "\n");

        assertThat(events).singleElement().satisfies((event) -> assertThat(event.failure())
            .isInstanceOf(DataBufferLimitException.class).hasMessageContaining("1024"));
    }

    @Test
    void theEventsBeforeAnOversizedOneInTheSameChunkComeFirstThenItsFailure() {
        String big = "x".repeat(2000);
        List<Event> events = read("data: a\n\ndata: b\n\ndata: " + big + "\n\n");

        assertThat(events).hasSize(3);
        assertThat(events.subList(0, 2)).containsExactly(new Event(null, "a"), new Event(null, "b"));
        assertThat(events.get(2).failure()).isInstanceOf(DataBufferLimitException.class).hasMessageContaining("1024");
    }
}
