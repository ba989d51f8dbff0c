package io.github.difyspring.client.error;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;

/**
 * Dify answered a request with an HTTP error status. Dify's error body
 * {@code {"code", "message", "status", "params"}} is kept field by field; when the body was not JSON
 * (a proxy's HTML page, say) {@link #getCode()} is {@code null} and the message says so.
 *
 * <p>Catch a subclass for the statuses callers act on: {@link DifyBadRequestException} (400),
 * {@link DifyUnauthorizedException} (401), {@link DifyForbiddenException} (403),
 * {@link DifyNotFoundException} (404), {@link DifyPayloadTooLargeException} (413),
 * {@link DifyUnsupportedMediaTypeException} (415), {@link DifyRateLimitException} (429) and
 * {@link DifyServerException} (5xx). Other statuses raise this class itself.
 */
public class DifyApiException extends DifyException {

    private final HttpStatusCode statusCode;

    private final String operation;

    private final @Nullable String code;

    private final @Nullable String difyMessage;

    private final Map<String, Object> params;

    private final String responseBody;

    private final @Nullable Duration retryAfter;

    /**
     * Creates the exception from an error answer.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param statusCode the HTTP status
     * @param code Dify's error code, such as {@code invalid_param}, or {@code null}
     * @param difyMessage Dify's error message, or {@code null}
     * @param params Dify's {@code params} (the invalid parameters), possibly empty
     * @param responseBody the error body as received (shortened when long)
     */
    public DifyApiException(String appName, String operation, HttpStatusCode statusCode, @Nullable String code,
            @Nullable String difyMessage, Map<String, Object> params, String responseBody) {
        this(appName, operation, statusCode, code, difyMessage, params, responseBody, null);
    }

    /**
     * Creates the exception from an error answer that said when to try again.
     * @param appName the app the call went to
     * @param operation the request, such as {@code POST /chat-messages}
     * @param statusCode the HTTP status
     * @param code Dify's error code, such as {@code invalid_param}, or {@code null}
     * @param difyMessage Dify's error message, or {@code null}
     * @param params Dify's {@code params} (the invalid parameters), possibly empty
     * @param responseBody the error body as received (shortened when long)
     * @param retryAfter the wait the answer's {@code Retry-After} header asked for, or {@code null}
     */
    public DifyApiException(String appName, String operation, HttpStatusCode statusCode, @Nullable String code,
            @Nullable String difyMessage, Map<String, Object> params, String responseBody, @Nullable Duration retryAfter) {
        super(appName, describe(appName, operation, statusCode, code, difyMessage, responseBody), null);
        this.retryAfter = retryAfter;
        this.operation = operation;
        this.statusCode = statusCode;
        this.code = code;
        this.difyMessage = difyMessage;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.responseBody = responseBody;
    }

    private static String describe(String appName, String operation, HttpStatusCode status, @Nullable String code,
            @Nullable String difyMessage, String body) {
        String head = "Dify app '" + appName + "': " + operation + " answered HTTP " + status.value();
        if (code != null || difyMessage != null) {
            return head + " " + code + ": " + difyMessage;
        }
        String snippet = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        if (snippet.length() > 200) {
            snippet = snippet.substring(0, 200) + "...";
        }
        return head + " with a body that is not a Dify error" + (snippet.isEmpty() ? " (empty)" : ": " + snippet);
    }

    /**
     * The HTTP status Dify answered with.
     * @return the status
     */
    public HttpStatusCode getStatusCode() {
        return this.statusCode;
    }

    /**
     * The request that failed.
     * @return method and path template, such as {@code POST /chat-messages}
     */
    public String getOperation() {
        return this.operation;
    }

    /**
     * Dify's error code, such as {@code invalid_param}, {@code provider_quota_exceeded} or
     * {@code unauthorized}.
     * @return the code, or {@code null} when the body was not a Dify error
     */
    public @Nullable String getCode() {
        return this.code;
    }

    /**
     * Dify's own error message.
     * @return the message, or {@code null} when the body was not a Dify error
     */
    public @Nullable String getDifyMessage() {
        return this.difyMessage;
    }

    /**
     * Dify's {@code params}: details of invalid parameters, when it sends them.
     * @return the params, empty when none
     */
    public Map<String, Object> getParams() {
        return this.params;
    }

    /**
     * How long the answer asked the client to wait before trying again: its {@code Retry-After}
     * header, given in seconds or as a date. Typically sent with 429 and 503.
     * @return the wait, or {@code null} when the answer did not say
     */
    public @Nullable Duration getRetryAfter() {
        return this.retryAfter;
    }

    /**
     * The error body as received, at most 8 KiB of it.
     * @return the body text
     */
    public String getResponseBody() {
        return this.responseBody;
    }
}
