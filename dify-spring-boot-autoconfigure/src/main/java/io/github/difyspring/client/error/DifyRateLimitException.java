package io.github.difyspring.client.error;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;

/**
 * HTTP 429: too many requests, or the model provider's rate limit ({@code rate_limit_error}) was hit. Wait before trying again.
 */
public class DifyRateLimitException extends DifyApiException {

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
    public DifyRateLimitException(String appName, String operation, HttpStatusCode statusCode, @Nullable String code,
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
    public DifyRateLimitException(String appName, String operation, HttpStatusCode statusCode, @Nullable String code,
            @Nullable String difyMessage, Map<String, Object> params, String responseBody, @Nullable Duration retryAfter) {
        super(appName, operation, statusCode, code, difyMessage, params, responseBody, retryAfter);
    }
}
