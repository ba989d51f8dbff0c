package io.github.difyspring.client.error;

import java.time.Duration;

/**
 * A stream received nothing at all, not even one of the keep-alive pings Dify sends about every
 * 10 seconds, for the stream idle timeout ({@code dify.stream-idle-timeout} with the Spring Boot
 * starter): the server or a proxy in between has stopped sending. The events before the silence
 * were delivered; the connection was closed. A proxy that buffers event streams causes this too:
 * turn its buffering off for Dify's API.
 */
public class DifyStreamIdleTimeoutException extends DifyTimeoutException {

    /**
     * Creates the exception.
     * @param appName the app the stream came from
     * @param operation the request, such as {@code POST /chat-messages}
     * @param timeout the stream idle timeout
     */
    public DifyStreamIdleTimeoutException(String appName, String operation, Duration timeout) {
        super(appName, operation, timeout, "Dify app '" + appName + "': " + operation + " stream received nothing, not even a "
                + "keep-alive ping, for " + describe(timeout) + " (stream idle timeout); the connection was closed");
    }
}
