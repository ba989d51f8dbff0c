package io.github.difyspring.client.event;

import org.jspecify.annotations.Nullable;

/**
 * An event of a type this library does not know yet (Dify adds event types every few months). It
 * keeps the type name and the whole JSON text as the server sent it, so callers can handle it
 * themselves.
 *
 * @param type the event type as sent in the JSON {@code event} field (or the SSE {@code event:}
 * field when the JSON has none; empty when neither names one)
 * @param taskId the task id, when the JSON carries one
 * @param json the event's JSON text, exactly as received
 */
public record UnknownEvent(String type, @Nullable String taskId, String json) implements DifyEvent {
}
