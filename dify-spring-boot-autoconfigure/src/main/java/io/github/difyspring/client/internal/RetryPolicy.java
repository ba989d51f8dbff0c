package io.github.difyspring.client.internal;

import java.net.ConnectException;
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

import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyConnectTimeoutException;
import io.github.difyspring.client.error.DifyConnectionException;

/**
 * Decides which failed attempts of a request are tried again and how long to wait first, and logs
 * each decision at DEBUG with its reason. Only failures where Dify did no work, or said to come
 * back later, qualify:
 * <ul>
 * <li>for every request: no connection made (refused, connect timeout), HTTP 429 and 503;</li>
 * <li>for idempotent requests only: a connection reset or closed before any answer, HTTP 502 and
 * 504, since Dify may have received the request and started working;</li>
 * <li>for requests Dify must not receive twice (generations), 500, 502 and 504 only when
 * {@link DifyRetryOptions#generationsOnServerError()} allows it.</li>
 * </ul>
 * The waits grow exponentially with jitter, capped; a {@code Retry-After} header sets the wait instead.
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
        return Retry.from((signals) -> signals.concatMap((signal) -> {
            Duration wait = nextWait(call, signal.failure(), signal.totalRetries() + 1, delivered);
            return (wait != null) ? Mono.delay(wait) : Mono.error(signal.failure());
        }));
    }

    /**
     * A blocking call that is sent again after the failures this policy retries. Unlike a Reactor
     * retry, it adds nothing to a call that succeeds at once, which most do.
     * @param <T> the answer type
     * @param call the call
     * @param attempt one attempt, which can be subscribed again
     * @return the call with its retries
     */
    <T> Mono<T> retrying(DifyCall call, Mono<T> attempt) {
        return retrying(call, attempt, 1);
    }

    private <T> Mono<T> retrying(DifyCall call, Mono<T> attempt, long number) {
        return attempt.onErrorResume((failure) -> {
            Duration wait = nextWait(call, failure, number, () -> false);
            return (wait != null) ? Mono.delay(wait).then(retrying(call, attempt, number + 1)) : Mono.error(failure);
        });
    }

    /**
     * Whether a failed attempt is tried again, and after which wait; logged at DEBUG either way.
     * @param call the call
     * @param failure the attempt's failure, translated into a Dify exception
     * @param attempt the number of the attempt that failed, from 1
     * @param delivered whether anything reached the caller already, which rules out any retry
     * @return the wait before the next attempt, or {@code null} for none
     */
    @Nullable Duration nextWait(DifyCall call, Throwable failure, long attempt, BooleanSupplier delivered) {
        int maxAttempts = this.options.effectiveMaxAttempts();
        String failed = call.operation() + " attempt " + attempt + " of " + maxAttempts + " failed (" + describe(failure) + ")";
        Verdict verdict = verdict(failure, call.isIdempotent(), this.options.generationsOnServerError());
        String refusal = !this.options.enabled() ? "retries are off"
                : !call.isRepeatable() ? "its body was read from a one-shot source and cannot be sent again"
                : delivered.getAsBoolean() ? "part of the answer already reached the caller"
                : !verdict.retry() ? verdict.reason()
                : (attempt >= maxAttempts) ? "no attempts left" : null;
        if (refusal != null) {
            debug(failed + "; not retrying: " + refusal);
            return null;
        }
        Duration retryAfter = (failure instanceof DifyApiException api) ? api.getRetryAfter() : null;
        if (retryAfter != null && retryAfter.compareTo(this.options.maxBackoff()) > 0) {
            debug(failed + "; not retrying: Retry-After " + retryAfter.toMillis() + " ms is longer than the max backoff");
            return null;
        }
        Duration wait = (retryAfter != null) ? retryAfter : backoff(attempt);
        debug(failed + "; retrying in " + wait.toMillis() + " ms, as " + verdict.reason());
        return wait;
    }

    private void debug(String message) {
        if (logger.isDebugEnabled()) {
            logger.debug("Dify app '" + this.appName + "': " + message);
        }
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
     * Whether a failure may be retried, and why.
     * @param failure the failure, translated into a Dify exception
     * @param idempotent whether Dify may receive the request twice
     * @param generationsOnServerError whether a request Dify must not receive twice may be retried
     * on 500, 502 and 504
     * @return the verdict with its reason
     */
    static Verdict verdict(Throwable failure, boolean idempotent, boolean generationsOnServerError) {
        if (failure instanceof DifyApiException api) {
            int status = api.getStatusCode().value();
            if (status == 429 || status == 503) {
                return Verdict.retry("Dify refused the request before doing any work (HTTP " + status + ")");
            }
            if (status == 502 || status == 504) {
                return idempotent ? Verdict.retry("HTTP " + status + " may be a passing proxy or gateway fault")
                        : generationsOnServerError ? Verdict.retry("retry.generations-on-server-error allows retrying HTTP " + status)
                        : Verdict.refuse("after HTTP " + status + " Dify may still be generating, and a second request would be paid "
                                + "twice (retry.generations-on-server-error=true allows it)");
            }
            if (status == 500 && !idempotent) {
                return generationsOnServerError ? Verdict.retry("retry.generations-on-server-error allows retrying HTTP 500")
                        : Verdict.refuse("HTTP 500 may come after Dify called the model "
                                + "(retry.generations-on-server-error=true allows retrying it)");
            }
            return Verdict.refuse("HTTP " + status + " will not change on a retry");
        }
        if (failure instanceof DifyConnectTimeoutException) {
            return Verdict.retry("no connection was made, so Dify never received the request");
        }
        if (failure instanceof DifyConnectionException && failure.getCause() instanceof WebClientRequestException request) {
            Throwable root = ErrorMapping.rootCause(request);
            // An unknown host, a TLS failure or an exhausted pool will not heal in a second.
            if (root instanceof UnknownHostException || root instanceof SSLException
                    || root.getClass().getSimpleName().startsWith("PoolAcquire")) {
                return Verdict.refuse("a " + root.getClass().getSimpleName() + " will not heal on a retry");
            }
            if (root instanceof ConnectException) {
                return Verdict.retry("the connection was refused, so Dify never received the request");
            }
            // Reset or closed with the request possibly written: Dify may have received it.
            return idempotent ? Verdict.retry("the connection failed before any answer and the request may be repeated")
                    : Verdict.refuse("the connection failed after the request may have reached Dify, which may be generating");
        }
        return Verdict.refuse("this failure is not one that a retry mends");
    }

    private static String describe(Throwable failure) {
        if (failure instanceof DifyApiException api) {
            return "HTTP " + api.getStatusCode().value() + ((api.getCode() != null) ? " " + api.getCode() : "")
                    + ((api.getRetryAfter() != null) ? ", Retry-After " + api.getRetryAfter().toMillis() + " ms" : "");
        }
        Throwable root = ErrorMapping.rootCause(failure);
        return failure.getClass().getSimpleName() + ((root != failure) ? ", caused by " + root.getClass().getSimpleName() : "")
                + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
    }

    /**
     * Whether a failure may be retried, and the reason, for the log.
     * @param retry whether it may be
     * @param reason why
     */
    record Verdict(boolean retry, String reason) {

        static Verdict retry(String reason) {
            return new Verdict(true, reason);
        }

        static Verdict refuse(String reason) {
            return new Verdict(false, reason);
        }
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
