package io.github.difyspring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyRetryOptions;

/**
 * Retries of failed requests: {@code dify.retry.*} for every app, {@code dify.apps.<name>.retry.*}
 * for one, where each setting left out is taken from {@code dify.retry}. Retried: a connection
 * refused, reset or timed out before any answer, and HTTP 429, 502, 503 and 504. Never retried:
 * other errors, a blocking call that timed out after its request was sent, a stream once its first
 * event reached the caller, and an upload read from a one-shot stream.
 */
public class DifyRetryProperties {

    /**
     * Whether failed requests are retried at all.
     */
    private @Nullable Boolean enabled;

    /**
     * Most times a request is sent, the first included (1: no retry).
     */
    private @Nullable Integer maxAttempts;

    /**
     * Wait before the first retry; each further wait doubles.
     */
    private @Nullable Duration initialBackoff;

    /**
     * Longest wait between two attempts. A Retry-After header asking for longer ends the retries at
     * once.
     */
    private @Nullable Duration maxBackoff;

    /**
     * Random spread of each wait, from 0 (none) to 1 (anywhere from no wait to twice the wait).
     */
    private @Nullable Double jitter;

    /**
     * Whether requests Dify must not receive twice (chat and completion messages, workflow runs,
     * human-input submissions, speech and transcription, uploads, new annotations) are also retried
     * on HTTP 500, 502 and 504. Off by default: such a status often comes while or after Dify
     * generated the answer, so a retry may pay for it twice and add a second turn to the
     * conversation. They are always retried when no connection could be made and on 429 and 503.
     */
    private @Nullable Boolean generationsOnServerError;

    /**
     * Retry settings that are all unset, each one taken from the level above.
     */
    public DifyRetryProperties() {
    }

    /**
     * Retry settings that start from the given options.
     * @param options the options, usually {@link DifyRetryOptions#defaults()}
     */
    DifyRetryProperties(DifyRetryOptions options) {
        this.enabled = options.enabled();
        this.maxAttempts = options.maxAttempts();
        this.initialBackoff = options.initialBackoff();
        this.maxBackoff = options.maxBackoff();
        this.jitter = options.jitter();
        this.generationsOnServerError = options.generationsOnServerError();
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

    public @Nullable Boolean getGenerationsOnServerError() {
        return this.generationsOnServerError;
    }

    public void setGenerationsOnServerError(@Nullable Boolean generationsOnServerError) {
        this.generationsOnServerError = generationsOnServerError;
    }
}
