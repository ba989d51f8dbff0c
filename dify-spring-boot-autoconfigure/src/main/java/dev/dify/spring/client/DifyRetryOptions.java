package dev.dify.spring.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how a Dify client tries a request again. Only failures that happened before Dify
 * answered (the connection was refused or reset, no connection could be made in time) and the
 * statuses that mean "try later" (429, 502, 503, 504) are retried; a stream is never retried once
 * its first event has reached the caller, and a blocking call that timed out after its request was
 * sent is never retried either. The waits grow exponentially from {@code initialBackoff}, spread by
 * {@code jitter} and capped at {@code maxBackoff}; a {@code Retry-After} header is honoured, and a
 * {@code Retry-After} longer than {@code maxBackoff} ends the retries at once.
 *
 * @param enabled whether failed requests are retried at all
 * @param maxAttempts how many times a request is sent at most, the first time included (1 means
 * no retry)
 * @param initialBackoff the wait before the first retry; each further wait doubles
 * @param maxBackoff the longest wait between two attempts
 * @param jitter how much each wait is spread at random, from 0 (never) to 1 (anywhere between no
 * wait and twice the wait)
 */
public record DifyRetryOptions(boolean enabled, int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

    /** The default number of attempts: the first one and two retries. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** The default wait before the first retry. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

    /** The default longest wait between attempts. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    /** The default spread of the waits. */
    public static final double DEFAULT_JITTER = 0.5;

    private static final DifyRetryOptions DEFAULTS = new DifyRetryOptions(true, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF,
            DEFAULT_MAX_BACKOFF, DEFAULT_JITTER);

    /**
     * Checks the options.
     * @throws IllegalArgumentException when a value is out of range
     */
    public DifyRetryOptions {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
                    + initialBackoff + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /**
     * The defaults: retries on, 3 attempts, waits from 500 ms doubling up to 30 s, jitter 0.5.
     * @return the default options
     */
    public static DifyRetryOptions defaults() {
        return DEFAULTS;
    }

    /**
     * No retries: every request is sent once.
     * @return options with retries off
     */
    public static DifyRetryOptions disabled() {
        return new DifyRetryOptions(false, 1, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_JITTER);
    }

    /**
     * How many times a request is sent at most under these options.
     * @return 1 when retries are off, else {@link #maxAttempts()}
     */
    public int effectiveMaxAttempts() {
        return this.enabled ? this.maxAttempts : 1;
    }
}
