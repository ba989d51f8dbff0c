package io.github.difyspring.client.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The connection pool that {@link io.github.difyspring.client.DifyClients} shares among its apps. Its size is per Dify host
 * (and port): the default of 1,000 lets 1,000 requests or streams run at once against one Dify before
 * any waits for a connection.
 *
 * @param maxConnections the most connections open to one Dify host at once
 * @param pendingAcquireMaxCount the most requests that may wait for a connection when all are in
 * use; more fail at once. -1 for no limit.
 * @param pendingAcquireTimeout the longest a request waits for a connection when all are in use
 * @param maxIdleTime how long an unused connection is kept; below the idle timeout of Dify's
 * proxy (nginx: 65 s) so that a connection the server is about to close is not reused
 * @param evictionInterval how often idle and expired connections are closed in the background;
 * {@link Duration#ZERO} to close them only when the pool is next used
 */
public record DifyPoolOptions(int maxConnections, int pendingAcquireMaxCount, Duration pendingAcquireTimeout, Duration maxIdleTime,
        Duration evictionInterval) {

    /** The default most connections per host. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;

    /** The default most requests waiting for a connection: twice the default pool size. */
    public static final int DEFAULT_PENDING_ACQUIRE_MAX_COUNT = 1000;

    /** The default longest wait for a connection. */
    public static final Duration DEFAULT_PENDING_ACQUIRE_TIMEOUT = Duration.ofSeconds(45);

    /** The default time an unused connection is kept. */
    public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(30);

    /** The default interval of background eviction. */
    public static final Duration DEFAULT_EVICTION_INTERVAL = Duration.ofSeconds(30);

    private static final DifyPoolOptions DEFAULTS = new DifyPoolOptions(DEFAULT_MAX_CONNECTIONS, DEFAULT_PENDING_ACQUIRE_MAX_COUNT,
            DEFAULT_PENDING_ACQUIRE_TIMEOUT, DEFAULT_MAX_IDLE_TIME, DEFAULT_EVICTION_INTERVAL);

    /**
     * Checks the options.
     * @throws IllegalArgumentException when a value is out of range
     */
    public DifyPoolOptions {
        Objects.requireNonNull(pendingAcquireTimeout, "pendingAcquireTimeout");
        Objects.requireNonNull(maxIdleTime, "maxIdleTime");
        Objects.requireNonNull(evictionInterval, "evictionInterval");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        if (pendingAcquireMaxCount < -1) {
            throw new IllegalArgumentException("pendingAcquireMaxCount must be -1 (no limit) or more, was " + pendingAcquireMaxCount);
        }
        if (pendingAcquireTimeout.isNegative() || pendingAcquireTimeout.isZero()) {
            throw new IllegalArgumentException("pendingAcquireTimeout must be positive, was " + pendingAcquireTimeout);
        }
        if (maxIdleTime.isNegative() || maxIdleTime.isZero()) {
            throw new IllegalArgumentException("maxIdleTime must be positive, was " + maxIdleTime);
        }
        if (evictionInterval.isNegative()) {
            throw new IllegalArgumentException("evictionInterval must not be negative, was " + evictionInterval);
        }
    }

    /**
     * The defaults: 1,000 connections per host, 1000 waiting requests, 45 s wait, idle connections
     * kept 30 s and evicted every 30 s.
     * @return the default options
     */
    public static DifyPoolOptions defaults() {
        return DEFAULTS;
    }
}
