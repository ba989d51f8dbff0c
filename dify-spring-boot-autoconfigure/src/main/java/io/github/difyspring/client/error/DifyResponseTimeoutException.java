package io.github.difyspring.client.error;

import java.time.Duration;

/**
 * A blocking call's answer did not arrive within the response timeout ({@code dify.response-timeout}
 * with the Spring Boot starter), or a download received no byte for that long. The request had
 * been sent, so Dify may still be working on it; it is not retried, since sending it again could
 * do the work twice. Raise the limit for slow models, or stream the answer instead.
 */
public class DifyResponseTimeoutException extends DifyTimeoutException {

    /**
     * Creates the exception.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param timeout the response timeout
     */
    public DifyResponseTimeoutException(String appName, String operation, Duration timeout) {
        super(appName, operation, timeout, "Dify app '" + appName + "': " + operation + " got no complete answer within "
                + describe(timeout) + " (response timeout); the connection was closed");
    }
}
