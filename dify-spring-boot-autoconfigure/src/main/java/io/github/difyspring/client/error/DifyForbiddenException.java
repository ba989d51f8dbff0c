package io.github.difyspring.client.error;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;

/**
 * HTTP 403: the key is valid but may not do this, for instance the app is disabled for API access.
 */
public class DifyForbiddenException extends DifyApiException {

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
    public DifyForbiddenException(String appName, String operation, HttpStatusCode statusCode, @Nullable String code,
            @Nullable String difyMessage, Map<String, Object> params, String responseBody) {
        super(appName, operation, statusCode, code, difyMessage, params, responseBody);
    }
}
