package io.github.difyspring.client.error;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;

/**
 * HTTP 401: the API key is missing, wrong or revoked. Check the app's {@code api-key}.
 */
public class DifyUnauthorizedException extends DifyApiException {

    private final @Nullable String keyHint;

    /**
     * Creates the exception from an error answer.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param statusCode the HTTP status
     * @param code Dify's error code, or {@code null}
     * @param difyMessage Dify's error message, or {@code null}
     * @param params Dify's {@code params}, possibly empty
     * @param responseBody the error body as received
     */
    public DifyUnauthorizedException(String appName, String operation, HttpStatusCode statusCode, @Nullable String code,
            @Nullable String difyMessage, Map<String, Object> params, String responseBody) {
        this(appName, operation, statusCode, code, difyMessage, params, responseBody, null);
    }

    /**
     * Creates the exception from an error answer, with a hint on the kind of key the call needs.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param statusCode the HTTP status
     * @param code Dify's error code, or {@code null}
     * @param difyMessage Dify's error message, or {@code null}
     * @param params Dify's {@code params}, possibly empty
     * @param responseBody the error body as received
     * @param keyHint which kind of API key the call needs and where to find it, or {@code null}
     */
    public DifyUnauthorizedException(String appName, String operation, HttpStatusCode statusCode, @Nullable String code,
            @Nullable String difyMessage, Map<String, Object> params, String responseBody, @Nullable String keyHint) {
        super(appName, operation, statusCode, code, difyMessage, params, responseBody);
        this.keyHint = keyHint;
    }

    /**
     * Which kind of API key the call needs: an app's own key for the app clients, a knowledge base
     * key for the knowledge client. Dify refuses the other kind with this very status.
     * @return the hint, or {@code null}
     */
    public @Nullable String getKeyHint() {
        return this.keyHint;
    }

    @Override
    public String getMessage() {
        return (this.keyHint != null) ? super.getMessage() + ". " + this.keyHint : super.getMessage();
    }
}
