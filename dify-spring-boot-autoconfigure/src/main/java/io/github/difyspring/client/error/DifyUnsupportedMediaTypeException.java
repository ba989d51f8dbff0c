package io.github.difyspring.client.error;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;

/**
 * HTTP 415: the file type is not accepted by the app.
 */
public class DifyUnsupportedMediaTypeException extends DifyApiException {

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
    public DifyUnsupportedMediaTypeException(String appName, String operation, HttpStatusCode statusCode, @Nullable String code,
            @Nullable String difyMessage, Map<String, Object> params, String responseBody) {
        super(appName, operation, statusCode, code, difyMessage, params, responseBody);
    }
}
