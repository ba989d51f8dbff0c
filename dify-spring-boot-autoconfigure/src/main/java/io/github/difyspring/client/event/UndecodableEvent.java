package io.github.difyspring.client.event;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.error.DifyDecodingException;

/**
 * An event the client could not read: its JSON is malformed, or a field of a known event type has
 * a shape its record does not take (a newer or older Dify, a proxy that rewrote it). The stream
 * goes on after it; the event keeps what arrived, so a caller can still read it with a JSON library
 * of its own, and the error that says what did not fit. The client logs it once at WARN.
 *
 * @param type the event type as named in the JSON {@code event} field (or the SSE {@code event:}
 * field when the JSON has none; empty when neither names one)
 * @param taskId the task id, when it could be read
 * @param json the event's data, exactly as received
 * @param error why it could not be read
 */
public record UndecodableEvent(String type, @Nullable String taskId, String json, DifyDecodingException error) implements DifyEvent {
}
