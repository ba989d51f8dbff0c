package io.github.difyspring.client.error;

import java.time.Duration;

/**
 * No connection to Dify could be made within the connect timeout ({@code dify.connect-timeout}
 * with the Spring Boot starter). Nothing was sent, so the request is retried when retries are on;
 * this is raised when every attempt timed out. Check the base URL, the network and any firewall.
 */
public class DifyConnectTimeoutException extends DifyTimeoutException {

    /**
     * Creates the exception.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param timeout the connect timeout
     */
    public DifyConnectTimeoutException(String appName, String operation, Duration timeout) {
        super(appName, operation, timeout, "Dify app '" + appName + "': " + operation + " could not connect to Dify within "
                + describe(timeout) + " (connect timeout)");
    }
}
