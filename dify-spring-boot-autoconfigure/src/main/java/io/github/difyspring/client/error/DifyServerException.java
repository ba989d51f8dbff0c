package io.github.difyspring.client.error;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;

/**
 * HTTP 5xx: Dify, or a proxy in front of it, failed. The body may not be a Dify error (a gateway's HTML page); the message then says so.
 */
public class DifyServerException extends DifyApiException {

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
    public DifyServerException(String appName, String operation, HttpStatusCode statusCode, @Nullable String code,
            @Nullable String difyMessage, Map<String, Object> params, String responseBody) {
        this(appName, operation, statusCode, code, difyMessage, params, responseBody, null);
    }

    /**
     * Creates the exception from an error answer that said when to try again.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param statusCode the HTTP status
     * @param code Dify's error code, or {@code null}
     * @param difyMessage Dify's error message, or {@code null}
     * @param params Dify's {@code params}, possibly empty
     * @param responseBody the error body as received
     * @param retryAfter the wait its {@code Retry-After} header asked for, or {@code null}
     */
    public DifyServerException(String appName, String operation, HttpStatusCode statusCode, @Nullable String code,
            @Nullable String difyMessage, Map<String, Object> params, String responseBody, @Nullable Duration retryAfter) {
        super(appName, operation, statusCode, code, difyMessage, params, responseBody, retryAfter);
    }
}
