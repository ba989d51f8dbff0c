package io.github.difyspring.client.core;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how a Dify client tries a request again.
 *
 * <p>A request that Dify must not receive twice (a generation: a chat or completion message, a
 * workflow run; a human-input submission that resumes a run; a text-to-audio or audio-to-text
 * call; a file upload or a new annotation) is retried only when Dify cannot have received it: no
 * connection could be made (refused, or not within the connect timeout), or Dify answered 429 or
 * 503, which it sends before starting any work. A 502 or 504 from a proxy during a long answer
 * usually means Dify is still generating, so retrying it would pay for the answer twice and add a
 * second turn to the conversation: such requests are retried on 500, 502 and 504 only when
 * {@code generationsOnServerError} says so.
 *
 * <p>Every other request (reads, stops, renames, feedback, deletes) is also retried after a
 * connection that was reset before any answer, and on 502 and 504.
 *
 * <p>A stream is never retried once its first event has reached the caller, and a blocking call
 * that timed out after its request was sent is never retried either. The waits grow exponentially
 * from {@code initialBackoff}, spread by {@code jitter} and capped at {@code maxBackoff}; a
 * {@code Retry-After} header is honoured, and a {@code Retry-After} longer than {@code maxBackoff}
 * ends the retries at once.
 *
 * @param enabled whether failed requests are retried at all
 * @param maxAttempts how many times a request is sent at most, the first time included (1 means
 * no retry)
 * @param initialBackoff the wait before the first retry; each further wait doubles
 * @param maxBackoff the longest wait between two attempts
 * @param jitter how much each wait is spread at random, from 0 (never) to 1 (anywhere between no
 * wait and twice the wait)
 * @param generationsOnServerError whether requests Dify must not receive twice are also retried
 * on HTTP 500, 502 and 504, at the risk of paying for a generation twice (off by default)
 */
public record DifyRetryOptions(boolean enabled, int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter,
        boolean generationsOnServerError) {

    /** The default number of attempts: the first one and two retries. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** The default wait before the first retry. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

    /** The default longest wait between attempts. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    /** The default spread of the waits. */
    public static final double DEFAULT_JITTER = 0.5;

    /** By default, generations are not retried on HTTP 500, 502 and 504. */
    public static final boolean DEFAULT_GENERATIONS_ON_SERVER_ERROR = false;

    private static final DifyRetryOptions DEFAULTS = new DifyRetryOptions(true, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF,
            DEFAULT_MAX_BACKOFF, DEFAULT_JITTER, DEFAULT_GENERATIONS_ON_SERVER_ERROR);

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
     * Options that never retry a generation on a server error.
     * @param enabled whether failed requests are retried at all
     * @param maxAttempts how many times a request is sent at most, the first time included
     * @param initialBackoff the wait before the first retry
     * @param maxBackoff the longest wait between two attempts
     * @param jitter how much each wait is spread at random, from 0 to 1
     */
    public DifyRetryOptions(boolean enabled, int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {
        this(enabled, maxAttempts, initialBackoff, maxBackoff, jitter, DEFAULT_GENERATIONS_ON_SERVER_ERROR);
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
     * These options, with generations retried on HTTP 500, 502 and 504 or not. Some integration
     * guides advise retrying a 500 once; but a 502 or 504 from a proxy, or a 500 raised after the
     * model was called, usually means Dify generated (and billed) the answer, so a retry pays for it
     * again and adds a second turn to the conversation.
     * @param retry whether to retry generations on server errors
     * @return the changed options
     */
    public DifyRetryOptions withGenerationsOnServerError(boolean retry) {
        return new DifyRetryOptions(this.enabled, this.maxAttempts, this.initialBackoff, this.maxBackoff, this.jitter, retry);
    }

    /**
     * How many times a request is sent at most under these options.
     * @return 1 when retries are off, else {@link #maxAttempts()}
     */
    public int effectiveMaxAttempts() {
        return this.enabled ? this.maxAttempts : 1;
    }
}
