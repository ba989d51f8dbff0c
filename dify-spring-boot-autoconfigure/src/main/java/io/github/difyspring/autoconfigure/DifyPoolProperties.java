package io.github.difyspring.autoconfigure;

import java.time.Duration;

import io.github.difyspring.client.core.DifyPoolOptions;

/**
 * The connection pool the Dify clients share: {@code dify.pool.*}. Its limits are per Dify host: by
 * default 1,000 requests and streams run at once against one host before any waits for a
 * connection. Each setting starts from {@link DifyPoolOptions#defaults()}.
 */
public class DifyPoolProperties {

    private static final DifyPoolOptions DEFAULTS = DifyPoolOptions.defaults();

    /**
     * Most connections open to one Dify host at once; each running request or open stream holds
     * one.
     */
    private int maxConnections = DEFAULTS.maxConnections();

    /**
     * Most requests that may wait for a connection when all are in use; more fail at once with a
     * DifyConnectionException. -1 for no limit.
     */
    private int pendingAcquireMaxCount = DEFAULTS.pendingAcquireMaxCount();

    /**
     * Longest a request waits for a connection when all are in use.
     */
    private Duration pendingAcquireTimeout = DEFAULTS.pendingAcquireTimeout();

    /**
     * How long an unused connection is kept open. Keep it below the idle timeout of Dify's proxy
     * or load balancer (nginx in Dify's docker setup: 65 s).
     */
    private Duration maxIdleTime = DEFAULTS.maxIdleTime();

    /**
     * How often idle connections are closed in the background; 0 to close them only when the pool
     * is next used.
     */
    private Duration evictionInterval = DEFAULTS.evictionInterval();

    public int getMaxConnections() {
        return this.maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getPendingAcquireMaxCount() {
        return this.pendingAcquireMaxCount;
    }

    public void setPendingAcquireMaxCount(int pendingAcquireMaxCount) {
        this.pendingAcquireMaxCount = pendingAcquireMaxCount;
    }

    public Duration getPendingAcquireTimeout() {
        return this.pendingAcquireTimeout;
    }

    public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
        this.pendingAcquireTimeout = pendingAcquireTimeout;
    }

    public Duration getMaxIdleTime() {
        return this.maxIdleTime;
    }

    public void setMaxIdleTime(Duration maxIdleTime) {
        this.maxIdleTime = maxIdleTime;
    }

    public Duration getEvictionInterval() {
        return this.evictionInterval;
    }

    public void setEvictionInterval(Duration evictionInterval) {
        this.evictionInterval = evictionInterval;
    }
}
