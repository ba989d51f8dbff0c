package io.github.difyspring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

import io.github.difyspring.client.core.DifyClientOptions;

/**
 * The settings every Dify client has, at two levels: {@code dify.*} ({@link DifyProperties}) for
 * every app, and {@code dify.apps.<name>.*} ({@link DifyProperties.App}) for one app, where each
 * setting left unset is taken from {@code dify.*}. The global settings start from the defaults of a
 * client built without Spring Boot ({@link DifyClientOptions#defaults()}); an app's start unset.
 */
public class DifyClientSettings {

    /**
     * Root URL of Dify's Service API. Self-hosted Dify serves it under /v1 on its own host.
     */
    private @Nullable String baseUrl;

    /**
     * Longest wait for a connection to Dify (TCP and TLS). Connection attempts that time out are
     * retried, as nothing was sent.
     */
    private @Nullable Duration connectTimeout;

    /**
     * Longest wait for the whole answer of a blocking call (send, run, and every call that is not
     * a stream); for downloads, the longest wait for any byte. Generous by default, for slow LLM
     * answers. A call that times out is not retried.
     */
    private @Nullable Duration responseTimeout;

    /**
     * Longest time a stream may receive nothing at all, keep-alive pings included, before it ends
     * with a DifyStreamIdleTimeoutException. Dify pings about every 10 seconds.
     */
    private @Nullable Duration streamIdleTimeout;

    /**
     * Whether cancelling a stream also calls Dify's stop endpoint for its task (with the stream's
     * user), so that Dify stops generating. The connection is closed either way.
     */
    private @Nullable Boolean stopOnCancel;

    /**
     * Longest wait for the stop request sent when a stream is cancelled. The request is sent and
     * forgotten: its failure is logged at DEBUG.
     */
    private @Nullable Duration stopTimeout;

    /**
     * Retries of failed requests.
     */
    @NestedConfigurationProperty
    private final DifyRetryProperties retry;

    /**
     * TLS of the connections to Dify.
     */
    @NestedConfigurationProperty
    private final DifySslProperties ssl = new DifySslProperties();

    /**
     * The HTTP proxy to Dify.
     */
    @NestedConfigurationProperty
    private final DifyProxyProperties proxy = new DifyProxyProperties();

    /**
     * Settings that are all unset, each one taken from the level above.
     */
    public DifyClientSettings() {
        this.retry = new DifyRetryProperties();
    }

    /**
     * Settings that start from a base URL and client options, as the global ones do.
     * @param baseUrl the base URL
     * @param options the client options, usually {@link DifyClientOptions#defaults()}
     */
    DifyClientSettings(String baseUrl, DifyClientOptions options) {
        this.baseUrl = baseUrl;
        this.connectTimeout = options.connectTimeout();
        this.responseTimeout = options.responseTimeout();
        this.streamIdleTimeout = options.streamIdleTimeout();
        this.stopOnCancel = options.stopOnCancel();
        this.stopTimeout = options.stopTimeout();
        this.retry = new DifyRetryProperties(options.retry());
    }

    public @Nullable String getBaseUrl() {
        return this.baseUrl;
    }

    public void setBaseUrl(@Nullable String baseUrl) {
        this.baseUrl = baseUrl;
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

    public DifyRetryProperties getRetry() {
        return this.retry;
    }

    public DifySslProperties getSsl() {
        return this.ssl;
    }

    public DifyProxyProperties getProxy() {
        return this.proxy;
    }
}
