package dev.dify.spring.client.support;

import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.web.reactive.function.client.WebClientRequestException;

import dev.dify.spring.client.DifyRetryOptions;
import dev.dify.spring.client.error.DifyApiException;
import dev.dify.spring.client.error.DifyConnectTimeoutException;
import dev.dify.spring.client.error.DifyConnectionException;

/**
 * Decides which failed attempts of a request are tried again and how long to wait first. Only
 * failures where Dify did no work, or said to come back later, qualify: a connection refused,
 * reset or timed out before any answer, and HTTP 429, 502, 503 and 504. The waits grow
 * exponentially with jitter, capped; a {@code Retry-After} header sets the wait instead.
 */
final class RetryPolicy {

    private static final Log logger = LogFactory.getLog(RetryPolicy.class);

    private final String appName;

    private final DifyRetryOptions options;

    RetryPolicy(String appName, DifyRetryOptions options) {
        this.appName = appName;
        this.options = options;
    }

    /**
     * The Reactor retry of one call, fed with failures already translated into Dify exceptions.
     * @param call the call
     * @param delivered whether anything reached the caller already, which rules out any retry
     * @return the retry spec
     */
    Retry forCall(DifyCall call, BooleanSupplier delivered) {
        int maxAttempts = call.isRepeatable() ? this.options.effectiveMaxAttempts() : 1;
        return Retry.from((signals) -> signals.concatMap((signal) -> {
            Throwable failure = signal.failure();
            long attempt = signal.totalRetries() + 1;
            String reason = reason(failure);
            if (reason == null || attempt >= maxAttempts || delivered.getAsBoolean()) {
                return Mono.error(failure);
            }
            Duration retryAfter = (failure instanceof DifyApiException api) ? api.getRetryAfter() : null;
            if (retryAfter != null && retryAfter.compareTo(this.options.maxBackoff()) > 0) {
                if (logger.isDebugEnabled()) {
                    logger.debug("Dify app '" + this.appName + "': " + call.operation() + " attempt " + attempt + " of " + maxAttempts
                            + " failed (" + reason + "); not retrying, as Retry-After " + retryAfter.toMillis()
                            + " ms is longer than the max backoff");
                }
                return Mono.error(failure);
            }
            Duration wait = (retryAfter != null) ? retryAfter : backoff(attempt);
            if (logger.isDebugEnabled()) {
                logger.debug("Dify app '" + this.appName + "': " + call.operation() + " attempt " + attempt + " of " + maxAttempts
                        + " failed (" + reason + "); retrying in " + wait.toMillis() + " ms");
            }
            return Mono.delay(wait);
        }));
    }

    /**
     * The wait after a failed attempt: the initial backoff doubled per attempt, spread by the
     * jitter, never above the max backoff.
     */
    Duration backoff(long attempt) {
        long initial = this.options.initialBackoff().toMillis();
        long max = this.options.maxBackoff().toMillis();
        double base = Math.min((double) max, initial * Math.pow(2, Math.min(attempt - 1, 30)));
        double spread = base * this.options.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.min(max, Math.round(base + spread))));
    }

    /**
     * Why a failure may be retried.
     * @param failure the failure, translated into a Dify exception
     * @return the reason to log, or {@code null} when the failure must not be retried
     */
    static @Nullable String reason(Throwable failure) {
        if (failure instanceof DifyApiException api) {
            int status = api.getStatusCode().value();
            if (status == 429 || status == 502 || status == 503 || status == 504) {
                return "HTTP " + status + ((api.getCode() != null) ? " " + api.getCode() : "")
                        + ((api.getRetryAfter() != null) ? ", Retry-After " + api.getRetryAfter().toMillis() + " ms" : "");
            }
            return null;
        }
        if (failure instanceof DifyConnectTimeoutException timeout) {
            return "no connection within " + timeout.getTimeout().toMillis() + " ms";
        }
        if (failure instanceof DifyConnectionException && failure.getCause() instanceof WebClientRequestException request) {
            // Failed before any answer. An unknown host, a TLS failure or an exhausted pool will not
            // heal in a second; a refused or reset connection (a restarting server, a stale pooled
            // connection the server had closed) may.
            Throwable root = request;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof UnknownHostException || root instanceof SSLException
                    || root.getClass().getSimpleName().startsWith("PoolAcquire")) {
                return null;
            }
            return "connection failed before any answer: " + root.getClass().getSimpleName()
                    + ((root.getMessage() != null) ? " " + root.getMessage() : "");
        }
        return null;
    }

    /**
     * Reads a {@code Retry-After} header: a number of seconds or an HTTP date.
     * @param value the header value, or {@code null}
     * @return the wait it asks for (zero for a date in the past), or {@code null} when absent or unreadable
     */
    static @Nullable Duration parseRetryAfter(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
        }
        catch (NumberFormatException ex) {
            // not seconds: an HTTP date
        }
        try {
            Duration wait = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            return wait.isNegative() ? Duration.ZERO : wait;
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }
}
