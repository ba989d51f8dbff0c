package io.github.difyspring.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The connection to Dify failed: it could not be opened (refused, unknown host, TLS failure, no
 * free connection in the pool) or broke before the answer was complete, in the middle of an event
 * included. Events a stream delivered before the break were not lost.
 */
public class DifyConnectionException extends DifyException {

    /**
     * Creates the exception.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param cause the network error
     */
    public DifyConnectionException(String appName, String operation, Throwable cause) {
        this(appName, operation, "the connection "
                + (cause instanceof org.springframework.web.reactive.function.client.WebClientRequestException
                        ? "could not be used" : "broke")
                + " (" + cause.getMessage() + ")", cause);
    }

    /**
     * Creates the exception with its own description of the failure.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param problem what happened to the connection
     * @param cause the network error, if any
     */
    public DifyConnectionException(String appName, String operation, String problem, @Nullable Throwable cause) {
        super(appName, "Dify app '" + appName + "': " + operation + " failed: " + problem, cause);
    }
}
