package io.github.difyspring.client.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyConnectTimeoutException;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.error.DifyException;
import io.github.difyspring.client.error.DifyForbiddenException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyPayloadTooLargeException;
import io.github.difyspring.client.error.DifyRateLimitException;
import io.github.difyspring.client.error.DifyServerException;
import io.github.difyspring.client.error.DifyUnauthorizedException;
import io.github.difyspring.client.error.DifyUnsupportedMediaTypeException;

/**
 * Turns what went wrong into the one exception hierarchy callers catch: an HTTP error answer into
 * the {@link DifyApiException} of its status family (with Dify's code, message and params when the
 * body is Dify's JSON error, and the body's text when it is a proxy's page), and the transport's own
 * failures (connection, connect timeout, full pool, an oversized body) into the matching
 * {@link DifyException}. Never puts the API key in a message: neither the request nor its headers
 * are quoted.
 */
final class ErrorMapping {

    private static final int MAX_ERROR_BODY_CHARS = 8 * 1024;

    private final String appName;

    private final Duration connectTimeout;

    private final String keyHint;

    /**
     * @param appName the app, named in every exception
     * @param type the app's type, which decides the kind of key an HTTP 401 asks for
     * @param connectTimeout the app's connect timeout, reported by a connect time-out
     */
    ErrorMapping(String appName, DifyAppType type, Duration connectTimeout) {
        this.appName = appName;
        this.connectTimeout = connectTimeout;
        this.keyHint = keyHint(type);
    }

    /**
     * Dify refuses an app's key on the Knowledge API, and a knowledge base key on an app's API, with
     * the same 401 as a wrong key: the message says which kind this client needs.
     */
    private static String keyHint(DifyAppType type) {
        if (type == DifyAppType.KNOWLEDGE) {
            return "The knowledge client needs the workspace's knowledge base API key (Dify console > Knowledge > Service API; "
                    + "it starts with 'dataset-'); an app's API key is refused here";
        }
        return "An app client needs that app's own API key (Dify console > the app > API Access; it starts with 'app-'); "
                + "a knowledge base API key is refused here";
    }

    /**
     * The exception for an HTTP error answer, read from its body.
     * @param response the answer, with an error status
     * @param operation the request, such as {@code POST /chat-messages}
     * @return the exception
     */
    Mono<DifyApiException> fromErrorAnswer(ClientResponse response, String operation) {
        HttpStatusCode status = response.statusCode();
        boolean json = response.headers().contentType().map(JsonAnswers::isJson).orElse(false);
        Duration retryAfter = RetryPolicy.parseRetryAfter(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        return response.bodyToMono(String.class).defaultIfEmpty("").map((text) -> {
            ErrorBody error = json ? readErrorBody(text) : null;
            String body = shorten(text, MAX_ERROR_BODY_CHARS);
            if (error == null) {
                return newApiException(operation, status, null, null, Map.of(), body, retryAfter);
            }
            return newApiException(operation, status, error.code(), error.messageOrError(), error.paramsAsMap(), body, retryAfter);
        });
    }

    private static @Nullable ErrorBody readErrorBody(String text) {
        try {
            return DifyJson.read(text, ErrorBody.class);
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    private DifyApiException newApiException(String operation, HttpStatusCode status, @Nullable String code, @Nullable String message,
            Map<String, Object> params, String body, @Nullable Duration retryAfter) {
        String app = this.appName;
        return switch (status.value()) {
            case 400 -> new DifyBadRequestException(app, operation, status, code, message, params, body);
            case 401 -> new DifyUnauthorizedException(app, operation, status, code, message, params, body, this.keyHint);
            case 403 -> new DifyForbiddenException(app, operation, status, code, message, params, body);
            case 404 -> new DifyNotFoundException(app, operation, status, code, message, params, body);
            case 413 -> new DifyPayloadTooLargeException(app, operation, status, code, message, params, body);
            case 415 -> new DifyUnsupportedMediaTypeException(app, operation, status, code, message, params, body);
            case 429 -> new DifyRateLimitException(app, operation, status, code, message, params, body, retryAfter);
            default -> status.is5xxServerError()
                    ? new DifyServerException(app, operation, status, code, message, params, body, retryAfter)
                    : new DifyApiException(app, operation, status, code, message, params, body, retryAfter);
        };
    }

    /**
     * Turns a failure of the transport into a Dify exception; one that already is passes through.
     * @param failure what went wrong
     * @param operation the request
     * @return the exception callers see
     */
    Throwable translate(Throwable failure, String operation) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DifyException dify) {
                return dify;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (failure instanceof DataBufferLimitException || failure.getCause() instanceof DataBufferLimitException) {
            return new DifyDecodingException(this.appName, "Dify app '" + this.appName + "': " + operation
                    + " sent an event or body larger than the client's in-memory limit (" + failure.getMessage()
                    + "); raise dify.max-in-memory-size (DifyClientOptions.maxInMemorySize)", null, failure);
        }
        if (failure instanceof WebClientRequestException) {
            Throwable root = rootCause(failure);
            String type = root.getClass().getName();
            if (type.equals("io.netty.channel.ConnectTimeoutException")) {
                return new DifyConnectTimeoutException(this.appName, operation, this.connectTimeout);
            }
            if (type.endsWith(".PoolAcquireTimeoutException") || type.endsWith(".PoolAcquirePendingLimitException")) {
                return new DifyConnectionException(this.appName, operation, "no free connection: every connection of the "
                        + "pool is in use and no request may wait any longer (" + root.getMessage()
                        + "); raise dify.pool.max-connections or dify.pool.pending-acquire-max-count", failure);
            }
        }
        if (failure instanceof WebClientRequestException || failure instanceof IOException) {
            return new DifyConnectionException(this.appName, operation, failure);
        }
        return failure;
    }

    static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static String shorten(String text, int max) {
        return (text.length() > max) ? text.substring(0, max) + "..." : text;
    }
}
