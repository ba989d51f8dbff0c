package io.github.difyspring.client.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How a Dify client behaves on the network: its time limits, its retries, what it does when a
 * stream is cancelled and how large an answer it reads into memory. Immutable; start from
 * {@link #defaults()} and change what differs with the {@code with...} methods.
 *
 * <p>Each time limit ends a call with its own exception, naming the app, the operation and the
 * limit: {@link io.github.difyspring.client.error.DifyConnectTimeoutException},
 * {@link io.github.difyspring.client.error.DifyResponseTimeoutException} and
 * {@link io.github.difyspring.client.error.DifyStreamIdleTimeoutException}.
 *
 * @param connectTimeout the longest wait for a TCP (and TLS) connection to Dify; applied by the
 * connector that {@link io.github.difyspring.client.DifyClients} gives each app
 * @param responseTimeout the longest wait for the whole answer of a blocking call (the request is
 * sent, the answer read); for downloads ({@code files().download}, {@code audio().fromText}) the longest
 * wait for any byte. LLM answers can be slow: the default is generous.
 * @param streamIdleTimeout the longest time a stream may stay silent: no byte at all, keep-alive
 * pings included, from the request being sent on. Dify pings about every 10 s, so a stream silent
 * for longer than this is dead.
 * @param retry when and how requests are retried
 * @param stopOnCancel whether cancelling a stream also asks Dify to stop generating (its stop
 * endpoint, for the stream's task and user), besides closing the connection
 * @param stopTimeout the longest wait for that stop request, which is sent and forgotten
 * @param maxInMemorySize the largest stream event or JSON answer a client reads into memory, in
 * bytes; an application codec setting that is larger still wins
 */
public record DifyClientOptions(Duration connectTimeout, Duration responseTimeout, Duration streamIdleTimeout,
        DifyRetryOptions retry, boolean stopOnCancel, Duration stopTimeout, int maxInMemorySize) {

    /** The default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** The default response timeout of blocking calls: long enough for slow LLM answers. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofMinutes(5);

    /** The default stream idle timeout: well above Dify's 10-second ping interval. */
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** The default time limit of the stop request sent when a stream is cancelled. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    /** The default largest event or answer read into memory: 16 MiB. */
    public static final int DEFAULT_MAX_IN_MEMORY_SIZE = 16 * 1024 * 1024;

    private static final DifyClientOptions DEFAULTS = new DifyClientOptions(DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT,
            DEFAULT_STREAM_IDLE_TIMEOUT, DifyRetryOptions.defaults(), true, DEFAULT_STOP_TIMEOUT, DEFAULT_MAX_IN_MEMORY_SIZE);

    /**
     * Checks the options.
     * @throws IllegalArgumentException when a time limit is not positive or the size is below 1
     */
    public DifyClientOptions {
        positive(connectTimeout, "connectTimeout");
        positive(responseTimeout, "responseTimeout");
        positive(streamIdleTimeout, "streamIdleTimeout");
        positive(stopTimeout, "stopTimeout");
        Objects.requireNonNull(retry, "retry");
        if (maxInMemorySize < 1) {
            throw new IllegalArgumentException("maxInMemorySize must be positive, was " + maxInMemorySize);
        }
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    /**
     * The defaults: connect timeout 10 s, response timeout 5 min, stream idle timeout 60 s,
     * {@link DifyRetryOptions#defaults() default retries}, stop on cancel with a 5 s limit, 16 MiB
     * in memory.
     * @return the default options
     */
    public static DifyClientOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with another connect timeout.
     * @param connectTimeout the new limit
     * @return the copy
     */
    public DifyClientOptions withConnectTimeout(Duration connectTimeout) {
        return new DifyClientOptions(connectTimeout, this.responseTimeout, this.streamIdleTimeout, this.retry, this.stopOnCancel,
                this.stopTimeout, this.maxInMemorySize);
    }

    /**
     * A copy with another response timeout.
     * @param responseTimeout the new limit
     * @return the copy
     */
    public DifyClientOptions withResponseTimeout(Duration responseTimeout) {
        return new DifyClientOptions(this.connectTimeout, responseTimeout, this.streamIdleTimeout, this.retry, this.stopOnCancel,
                this.stopTimeout, this.maxInMemorySize);
    }

    /**
     * A copy with another stream idle timeout.
     * @param streamIdleTimeout the new limit
     * @return the copy
     */
    public DifyClientOptions withStreamIdleTimeout(Duration streamIdleTimeout) {
        return new DifyClientOptions(this.connectTimeout, this.responseTimeout, streamIdleTimeout, this.retry, this.stopOnCancel,
                this.stopTimeout, this.maxInMemorySize);
    }

    /**
     * A copy with other retry options.
     * @param retry the new retry options
     * @return the copy
     */
    public DifyClientOptions withRetry(DifyRetryOptions retry) {
        return new DifyClientOptions(this.connectTimeout, this.responseTimeout, this.streamIdleTimeout, retry, this.stopOnCancel,
                this.stopTimeout, this.maxInMemorySize);
    }

    /**
     * A copy that does or does not stop Dify's generation when a stream is cancelled.
     * @param stopOnCancel whether to call the stop endpoint on cancel
     * @return the copy
     */
    public DifyClientOptions withStopOnCancel(boolean stopOnCancel) {
        return new DifyClientOptions(this.connectTimeout, this.responseTimeout, this.streamIdleTimeout, this.retry, stopOnCancel,
                this.stopTimeout, this.maxInMemorySize);
    }

    /**
     * A copy with another time limit for the stop request sent on cancel.
     * @param stopTimeout the new limit
     * @return the copy
     */
    public DifyClientOptions withStopTimeout(Duration stopTimeout) {
        return new DifyClientOptions(this.connectTimeout, this.responseTimeout, this.streamIdleTimeout, this.retry, this.stopOnCancel,
                stopTimeout, this.maxInMemorySize);
    }

    /**
     * A copy with another in-memory limit.
     * @param maxInMemorySize the largest event or answer, in bytes
     * @return the copy
     */
    public DifyClientOptions withMaxInMemorySize(int maxInMemorySize) {
        return new DifyClientOptions(this.connectTimeout, this.responseTimeout, this.streamIdleTimeout, this.retry, this.stopOnCancel,
                this.stopTimeout, maxInMemorySize);
    }
}
