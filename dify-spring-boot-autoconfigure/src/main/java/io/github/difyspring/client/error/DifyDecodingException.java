package io.github.difyspring.client.error;

import org.jspecify.annotations.Nullable;

/**
 * Dify sent something the client could not read: a stream event that is not valid JSON, an event
 * whose fields have the wrong shape, or a response body that does not match its type. Events before
 * the bad one have been delivered.
 */
public class DifyDecodingException extends DifyException {

    private final @Nullable String eventType;

    /**
     * Creates the exception.
     * @param appName the app the data came from
     * @param message what could not be read, naming the event where there is one
     * @param eventType the type of the bad event, or {@code null} if unknown or not a stream
     * @param cause the parser's error
     */
    public DifyDecodingException(String appName, String message, @Nullable String eventType, @Nullable Throwable cause) {
        super(appName, message, cause);
        this.eventType = eventType;
    }

    /**
     * The type of the event that could not be read.
     * @return the event type, or {@code null} when it could not be told or the data was not a stream
     */
    public @Nullable String getEventType() {
        return this.eventType;
    }
}
