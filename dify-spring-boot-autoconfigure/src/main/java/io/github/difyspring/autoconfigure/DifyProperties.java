package io.github.difyspring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.core.DifyAppType;

/**
 * Configuration of the Dify clients: one entry under {@code dify.apps} per Dify app, each with its
 * own API key.
 */
@ConfigurationProperties(DifyProperties.PREFIX)
public class DifyProperties {

    /** The prefix of all Dify properties. */
    public static final String PREFIX = "dify";

    /** The default Service API root, Dify Cloud's. */
    public static final String DEFAULT_BASE_URL = "https://api.dify.ai/v1";

    /**
     * Root URL of Dify's Service API, used by every app that sets none of its own. Self-hosted
     * Dify serves it under /v1 on its own host.
     */
    private String baseUrl = DEFAULT_BASE_URL;

    /**
     * Longest wait for a connection to Dify (TCP and TLS). Connection attempts that time out are
     * retried, as nothing was sent.
     */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /**
     * Longest wait for the whole answer of a blocking call (send, run, and every call that is not
     * a stream); for downloads, the longest wait for any byte. Generous by default, for slow LLM
     * answers. A call that times out is not retried.
     */
    private Duration responseTimeout = Duration.ofMinutes(5);

    /**
     * Longest time a stream may receive nothing at all, keep-alive pings included, before it
     * ends with a DifyStreamIdleTimeoutException. Dify pings about every 10 seconds.
     */
    private Duration streamIdleTimeout = Duration.ofSeconds(60);

    /**
     * Whether cancelling a stream also calls Dify's stop endpoint for its task (with the stream's
     * user), so that Dify stops generating. The connection is closed either way.
     */
    private boolean stopOnCancel = true;

    /**
     * Longest wait for the stop request sent when a stream is cancelled. The request is sent and
     * forgotten: its failure is logged at DEBUG.
     */
    private Duration stopTimeout = Duration.ofSeconds(5);

    /**
     * Largest stream event or JSON answer a Dify client reads into memory. Applies to the Dify
     * clients only; a larger spring.http.codecs.max-in-memory-size wins.
     */
    private DataSize maxInMemorySize = DataSize.ofMegabytes(16);

    /**
     * Retries of failed requests, for every app that does not set its own.
     */
    private final Retry retry = new Retry();

    /**
     * The connection pool the Dify clients share.
     */
    private final Pool pool = new Pool();

    /**
     * TLS of the connections to Dify, for every app that sets none of its own.
     */
    @NestedConfigurationProperty
    private final DifySslProperties ssl = new DifySslProperties();

    /**
     * The HTTP proxy to Dify, for every app that sets none of its own.
     */
    @NestedConfigurationProperty
    private final DifyProxyProperties proxy = new DifyProxyProperties();

    /**
     * The Dify apps to create clients for, by name. Each name becomes the bean name (and
     * qualifier) of the app's client.
     */
    private Map<String, App> apps = new LinkedHashMap<>();

    public String getBaseUrl() {
        return this.baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getResponseTimeout() {
        return this.responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public Duration getStreamIdleTimeout() {
        return this.streamIdleTimeout;
    }

    public void setStreamIdleTimeout(Duration streamIdleTimeout) {
        this.streamIdleTimeout = streamIdleTimeout;
    }

    public boolean isStopOnCancel() {
        return this.stopOnCancel;
    }

    public void setStopOnCancel(boolean stopOnCancel) {
        this.stopOnCancel = stopOnCancel;
    }

    public Duration getStopTimeout() {
        return this.stopTimeout;
    }

    public void setStopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    public DataSize getMaxInMemorySize() {
        return this.maxInMemorySize;
    }

    public void setMaxInMemorySize(DataSize maxInMemorySize) {
        this.maxInMemorySize = maxInMemorySize;
    }

    public Retry getRetry() {
        return this.retry;
    }

    public Pool getPool() {
        return this.pool;
    }

    public DifySslProperties getSsl() {
        return this.ssl;
    }

    public DifyProxyProperties getProxy() {
        return this.proxy;
    }

    public Map<String, App> getApps() {
        return this.apps;
    }

    public void setApps(Map<String, App> apps) {
        this.apps = apps;
    }

    /**
     * One Dify app.
     */
    public static class App {

        /**
         * The app's API key (Dify console, the app, "API Access"). Required. Keep it out of
         * source control, for example {@code ${SUPPORT_DIFY_KEY}}.
         */
        private @Nullable String apiKey;

        /**
         * The app's type: chat, agent, chatflow, workflow or completion. Chat, agent and chatflow
         * apps get a DifyChatClient, workflow apps a DifyWorkflowClient, completion apps a
         * DifyCompletionClient.
         */
        private DifyAppType type = DifyAppType.CHAT;

        /**
         * Root URL of the Service API for this app, overriding dify.base-url.
         */
        private @Nullable String baseUrl;

        /**
         * The end-user id sent when a request names none. Dify requires a user on every call.
         */
        private @Nullable String user;

        /**
         * Longest wait for a connection to this app's Dify, overriding dify.connect-timeout.
         */
        private @Nullable Duration connectTimeout;

        /**
         * Longest wait for a blocking call's answer, overriding dify.response-timeout.
         */
        private @Nullable Duration responseTimeout;

        /**
         * Longest silence of a stream, overriding dify.stream-idle-timeout.
         */
        private @Nullable Duration streamIdleTimeout;

        /**
         * Whether cancelling a stream stops the task on Dify's side, overriding dify.stop-on-cancel.
         */
        private @Nullable Boolean stopOnCancel;

        /**
         * Longest wait for the stop request sent on cancel, overriding dify.stop-timeout.
         */
        private @Nullable Duration stopTimeout;

        /**
         * Retries of this app's requests; each setting left out is taken from dify.retry.
         */
        private final AppRetry retry = new AppRetry();

        /**
         * TLS of this app's connections, overriding dify.ssl.
         */
        @NestedConfigurationProperty
        private final DifySslProperties ssl = new DifySslProperties();

        /**
         * The HTTP proxy to this app's Dify, overriding dify.proxy.
         */
        @NestedConfigurationProperty
        private final DifyProxyProperties proxy = new DifyProxyProperties();

        public @Nullable String getApiKey() {
            return this.apiKey;
        }

        public void setApiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
        }

        public DifyAppType getType() {
            return this.type;
        }

        public void setType(DifyAppType type) {
            this.type = type;
        }

        public @Nullable String getBaseUrl() {
            return this.baseUrl;
        }

        public void setBaseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public @Nullable String getUser() {
            return this.user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        public @Nullable Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(@Nullable Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public @Nullable Duration getResponseTimeout() {
            return this.responseTimeout;
        }

        public void setResponseTimeout(@Nullable Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
        }

        public @Nullable Duration getStreamIdleTimeout() {
            return this.streamIdleTimeout;
        }

        public void setStreamIdleTimeout(@Nullable Duration streamIdleTimeout) {
            this.streamIdleTimeout = streamIdleTimeout;
        }

        public @Nullable Boolean getStopOnCancel() {
            return this.stopOnCancel;
        }

        public void setStopOnCancel(@Nullable Boolean stopOnCancel) {
            this.stopOnCancel = stopOnCancel;
        }

        public @Nullable Duration getStopTimeout() {
            return this.stopTimeout;
        }

        public void setStopTimeout(@Nullable Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
        }

        public AppRetry getRetry() {
            return this.retry;
        }

        public DifySslProperties getSsl() {
            return this.ssl;
        }

        public DifyProxyProperties getProxy() {
            return this.proxy;
        }

        @Override
        public String toString() {
            return "App[type=" + this.type + ", baseUrl=" + this.baseUrl + ", user=" + this.user + ", apiKey="
                    + ((this.apiKey != null) ? "******" : null) + "]";
        }
    }

    /**
     * Retries of failed requests. Retried: a connection refused, reset or timed out before any
     * answer, and HTTP 429, 502, 503 and 504. Never retried: other errors, a blocking call that
     * timed out after its request was sent, a stream once its first event reached the caller, and
     * an upload read from a one-shot stream.
     */
    public static class Retry {

        /**
         * Whether failed requests are retried at all.
         */
        private boolean enabled = true;

        /**
         * Most times a request is sent, the first included.
         */
        private int maxAttempts = 3;

        /**
         * Wait before the first retry; each further wait doubles.
         */
        private Duration initialBackoff = Duration.ofMillis(500);

        /**
         * Longest wait between two attempts. A Retry-After header asking for longer ends the
         * retries at once.
         */
        private Duration maxBackoff = Duration.ofSeconds(30);

        /**
         * Random spread of each wait, from 0 (none) to 1 (anywhere from no wait to twice the wait).
         */
        private double jitter = 0.5;

        /**
         * Whether requests Dify must not receive twice (chat and completion messages, workflow
         * runs, human-input submissions, speech and transcription, uploads, new annotations) are
         * also retried on HTTP 500, 502 and 504. Off by default: such a status often comes while
         * or after Dify generated the answer, so a retry may pay for it twice and add a second
         * turn to the conversation. They are always retried when no connection could be made and
         * on 429 and 503.
         */
        private boolean generationsOnServerError = false;

        public boolean isGenerationsOnServerError() {
            return this.generationsOnServerError;
        }

        public void setGenerationsOnServerError(boolean generationsOnServerError) {
            this.generationsOnServerError = generationsOnServerError;
        }

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return this.initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public double getJitter() {
            return this.jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }
    }

    /**
     * One app's retry settings; each one left out is taken from dify.retry.
     */
    public static class AppRetry {

        /**
         * Whether this app's failed requests are retried, overriding dify.retry.enabled.
         */
        private @Nullable Boolean enabled;

        /**
         * Most times a request is sent, overriding dify.retry.max-attempts.
         */
        private @Nullable Integer maxAttempts;

        /**
         * Wait before the first retry, overriding dify.retry.initial-backoff.
         */
        private @Nullable Duration initialBackoff;

        /**
         * Longest wait between attempts, overriding dify.retry.max-backoff.
         */
        private @Nullable Duration maxBackoff;

        /**
         * Random spread of each wait, overriding dify.retry.jitter.
         */
        private @Nullable Double jitter;

        /**
         * Whether this app's generations are also retried on HTTP 500, 502 and 504 (at the risk
         * of paying for one twice), overriding dify.retry.generations-on-server-error.
         */
        private @Nullable Boolean generationsOnServerError;

        public @Nullable Boolean getGenerationsOnServerError() {
            return this.generationsOnServerError;
        }

        public void setGenerationsOnServerError(@Nullable Boolean generationsOnServerError) {
            this.generationsOnServerError = generationsOnServerError;
        }

        public @Nullable Boolean getEnabled() {
            return this.enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Integer getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public @Nullable Duration getInitialBackoff() {
            return this.initialBackoff;
        }

        public void setInitialBackoff(@Nullable Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public @Nullable Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(@Nullable Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public @Nullable Double getJitter() {
            return this.jitter;
        }

        public void setJitter(@Nullable Double jitter) {
            this.jitter = jitter;
        }
    }

    /**
     * The connection pool the Dify clients share. Its limits are per Dify host: by default 1,000
     * requests and streams run at once against one host before any waits for a connection.
     */
    public static class Pool {

        /**
         * Most connections open to one Dify host at once; each running request or open stream
         * holds one.
         */
        private int maxConnections = 1000;

        /**
         * Most requests that may wait for a connection when all are in use; more fail at once
         * with a DifyConnectionException. -1 for no limit.
         */
        private int pendingAcquireMaxCount = 1000;

        /**
         * Longest a request waits for a connection when all are in use.
         */
        private Duration pendingAcquireTimeout = Duration.ofSeconds(45);

        /**
         * How long an unused connection is kept open. Keep it below the idle timeout of Dify's
         * proxy or load balancer (nginx in Dify's docker setup: 65 s).
         */
        private Duration maxIdleTime = Duration.ofSeconds(30);

        /**
         * How often idle connections are closed in the background; 0 to close them only when
         * the pool is next used.
         */
        private Duration evictionInterval = Duration.ofSeconds(30);

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
}
