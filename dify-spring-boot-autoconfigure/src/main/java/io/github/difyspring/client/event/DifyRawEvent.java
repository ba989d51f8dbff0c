package io.github.difyspring.client.event;

import org.jspecify.annotations.Nullable;

/**
 * One event of a Dify stream as the server sent it, untyped: for passing a stream through to a
 * browser or another service with every field kept, without decoding it into a record.
 *
 * <p>Pings are not surfaced and an {@code error} event still ends the stream with a
 * {@link io.github.difyspring.client.error.DifyStreamException}, as in the typed stream.
 *
 * @param type the event type from the JSON {@code event} field (or the SSE {@code event:} field
 * when the JSON has none; empty when neither names one)
 * @param taskId the task id, when the JSON carries one
 * @param json the event's JSON text, exactly as received
 */
public record DifyRawEvent(String type, @Nullable String taskId, String json) {
}
