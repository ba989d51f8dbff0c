package dev.dify.spring.client.error;

/**
 * The connection to Dify failed: it could not be opened (refused, unknown host, TLS failure) or
 * broke before the answer was complete. Events a stream delivered before the break were not lost.
 */
public class DifyConnectionException extends DifyException {

    /**
     * Creates the exception.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param cause the network error
     */
    public DifyConnectionException(String appName, String operation, Throwable cause) {
        super(appName, "Dify app '" + appName + "': " + operation + " failed: the connection "
                + (cause instanceof org.springframework.web.reactive.function.client.WebClientRequestException
                        ? "could not be used" : "broke")
                + " (" + cause.getMessage() + ")", cause);
    }
}
