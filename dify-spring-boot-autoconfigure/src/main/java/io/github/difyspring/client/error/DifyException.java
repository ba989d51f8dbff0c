package io.github.difyspring.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception a Dify client raises. All of them are unchecked and none of them
 * ever carries an API key.
 */
public class DifyException extends RuntimeException {

    private final String appName;

    /**
     * Creates an exception for one app.
     * @param appName the configured name of the app the call went to
     * @param message what went wrong
     * @param cause the underlying cause, if any
     */
    public DifyException(String appName, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.appName = appName;
    }

    /**
     * The app the failed call went to.
     * @return the app's configured name
     */
    public String getAppName() {
        return this.appName;
    }
}
