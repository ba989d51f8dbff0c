package io.github.difyspring.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Splits one response's bytes into server-sent events, as the SSE specification says: lines end
 * in LF, CRLF or CR, wherever the chunks split them; {@code data} lines are joined with LF; an
 * event ends at a blank line; comments and fields other than {@code data} and {@code event} are
 * skipped. It works on the bytes and decodes each event's data once, to UTF-8 text: a stream of
 * small events is cut into events with no line-by-line decoding.
 *
 * <p>It also tells whether the stream stopped on an event boundary: a response that ends in the
 * middle of an event was cut off, and the partial event must not be taken for a whole one.
 * Not thread-safe: one parser reads one response, whose chunks arrive one after another.
 */
final class ServerSentEventParser {

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

    private final int maxEventBytes;

    private byte[] chunk = new byte[8192];

    private byte[] line = new byte[512];

    private int lineLength;

    private byte[] data = new byte[512];

    private int dataLength;

    private boolean hasData;

    private @Nullable String eventName;

    /** Whether a line (any line, a comment too) was read since the last blank line. */
    private boolean inEvent;

    /** Whether the last byte was a CR, so that an LF right after it ends nothing more. */
    private boolean afterCr;

    /** Whether no byte was read yet, so that a byte order mark can be skipped. */
    private boolean atStart = true;

    /**
     * One event: its {@code event} field, if any, and its data; or, last in a chunk's events, the
     * failure that ended the reading after them.
     * @param name the {@code event} field
     * @param data the {@code data} lines, joined with LF
     * @param failure why the stream cannot be read further, or {@code null} for an event
     */
    record Event(@Nullable String name, String data, @Nullable RuntimeException failure) {

        Event(@Nullable String name, String data) {
            this(name, data, null);
        }
    }

    /**
     * Creates a parser.
     * @param maxEventBytes the largest event (its lines together) held in memory; a larger one
     * fails with a {@link DataBufferLimitException}
     */
    ServerSentEventParser(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Reads a chunk of the response and releases it.
     * @param buffer the chunk
     * @return the events the chunk completed, in order; often none or one. When an event outgrows
     * the limit, the events before it in the chunk come first, then an {@link Event} carrying the
     * {@link DataBufferLimitException}, so no whole event is lost to a later one's failure.
     */
    List<Event> read(DataBuffer buffer) {
        int length = buffer.readableByteCount();
        try {
            if (this.chunk.length < length) {
                this.chunk = new byte[Math.max(length, this.chunk.length * 2)];
            }
            buffer.read(this.chunk, 0, length);
        }
        finally {
            DataBufferUtils.release(buffer);
        }
        return read(this.chunk, length);
    }

    private List<Event> read(byte[] bytes, int length) {
        int start = 0;
        if (this.atStart && length > 0) {
            this.atStart = false;
            if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
                start = 3;
            }
        }
        List<Event> events = null;
        int lineStart = start;
        try {
            for (int i = start; i < length; i++) {
                byte b = bytes[i];
                if (b != '\n' && b != '\r') {
                    continue;
                }
                boolean secondHalfOfCrlf = (b == '\n' && this.afterCr && i == lineStart && this.lineLength == 0);
                this.afterCr = (b == '\r');
                if (secondHalfOfCrlf) {
                    lineStart = i + 1;
                    continue;
                }
                appendToLine(bytes, lineStart, i - lineStart);
                lineStart = i + 1;
                Event event = endLine();
                if (event != null) {
                    if (events == null) {
                        events = new ArrayList<>(4);
                    }
                    events.add(event);
                }
            }
            if (lineStart < length) {
                this.afterCr = false;
                appendToLine(bytes, lineStart, length - lineStart);
            }
        }
        catch (DataBufferLimitException ex) {
            // Handed on as an event, never thrown: the chunk is released already, and an operator
            // that sees its mapper throw releases the chunk again as a discarded element.
            if (events == null) {
                events = new ArrayList<>(1);
            }
            events.add(new Event(null, "", ex));
        }
        return (events != null) ? events : List.of();
    }

    /**
     * Whether everything read so far ended on an event boundary: nothing read at all, or a blank
     * line after the last line.
     * @return {@code false} when the response stopped in the middle of an event
     */
    boolean isAtEventBoundary() {
        return this.lineLength == 0 && !this.inEvent;
    }

    private void appendToLine(byte[] bytes, int from, int count) {
        if (count == 0) {
            return;
        }
        int needed = this.lineLength + count;
        checkLimit(needed + this.dataLength);
        if (needed > this.line.length) {
            this.line = Arrays.copyOf(this.line, Math.max(needed, this.line.length * 2));
        }
        System.arraycopy(bytes, from, this.line, this.lineLength, count);
        this.lineLength = needed;
    }

    private @Nullable Event endLine() {
        int length = this.lineLength;
        this.lineLength = 0;
        if (length == 0) {
            return dispatch();
        }
        this.inEvent = true;
        byte[] text = this.line;
        int colon = indexOf(text, length, (byte) ':');
        if (colon == 0) {
            return null; // a comment
        }
        int nameLength = (colon < 0) ? length : colon;
        int valueStart = (colon < 0) ? length : colon + 1;
        if (valueStart < length && text[valueStart] == ' ') {
            valueStart++;
        }
        if (isField(text, nameLength, DATA)) {
            appendData(text, valueStart, length - valueStart);
        }
        else if (isField(text, nameLength, EVENT)) {
            this.eventName = new String(text, valueStart, length - valueStart, StandardCharsets.UTF_8);
        }
        return null;
    }

    private void appendData(byte[] text, int from, int count) {
        int separator = this.hasData ? 1 : 0;
        int needed = this.dataLength + separator + count;
        checkLimit(needed);
        if (needed > this.data.length) {
            this.data = Arrays.copyOf(this.data, Math.max(needed, this.data.length * 2));
        }
        if (this.hasData) {
            this.data[this.dataLength++] = '\n';
        }
        System.arraycopy(text, from, this.data, this.dataLength, count);
        this.dataLength += count;
        this.hasData = true;
    }

    private @Nullable Event dispatch() {
        Event event = this.hasData ? new Event(this.eventName, new String(this.data, 0, this.dataLength, StandardCharsets.UTF_8))
                : null;
        this.hasData = false;
        this.dataLength = 0;
        this.eventName = null;
        this.inEvent = false;
        return event;
    }

    private void checkLimit(int eventBytes) {
        if (eventBytes > this.maxEventBytes) {
            throw new DataBufferLimitException("Exceeded limit on max bytes per server-sent event: " + this.maxEventBytes);
        }
    }

    private static int indexOf(byte[] bytes, int length, byte wanted) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isField(byte[] text, int nameLength, byte[] field) {
        return nameLength == field.length && Arrays.equals(text, 0, nameLength, field, 0, nameLength);
    }
}
