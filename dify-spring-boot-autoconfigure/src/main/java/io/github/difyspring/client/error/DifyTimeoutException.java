package io.github.difyspring.client.error;

import java.time.Duration;

/**
 * A call to Dify ran out of time. The subclass says which limit was hit:
 * {@link DifyConnectTimeoutException} (no connection), {@link DifyResponseTimeoutException} (a
 * blocking call's answer took too long) or {@link DifyStreamIdleTimeoutException} (a stream fell
 * silent). The message names the app, the operation and the limit. The connection is closed.
 */
public class DifyTimeoutException extends DifyException {

    private final String operation;

    private final Duration timeout;

    /**
     * Creates the exception.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param timeout the limit that was exceeded
     * @param message what ran out of time, with the app, operation and limit
     */
    protected DifyTimeoutException(String appName, String operation, Duration timeout, String message) {
        super(appName, message, null);
        this.operation = operation;
        this.timeout = timeout;
    }

    /**
     * The request that ran out of time.
     * @return method and path template, such as {@code POST /chat-messages}
     */
    public String getOperation() {
        return this.operation;
    }

    /**
     * The limit that was exceeded.
     * @return the configured time limit
     */
    public Duration getTimeout() {
        return this.timeout;
    }

    static String describe(Duration duration) {
        if (duration.toMillis() % 1000 != 0 || duration.isZero()) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        return (seconds % 60 == 0) ? (seconds / 60) + " min" : seconds + " s";
    }
}
