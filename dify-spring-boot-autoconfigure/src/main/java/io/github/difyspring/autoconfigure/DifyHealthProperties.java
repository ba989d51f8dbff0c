package io.github.difyspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Dify apps' health contributor, under {@code management.health.dify}.
 * {@code management.health.dify.enabled=false} turns it off.
 */
@ConfigurationProperties(prefix = DifyHealthProperties.PREFIX)
public class DifyHealthProperties {

    /** The prefix of these properties. */
    public static final String PREFIX = "management.health.dify";

    /**
     * How long each app's health check may wait for Dify's answer to GET /info before the app is
     * reported DOWN. Keep it short: a health probe must answer quickly.
     */
    private Duration timeout = Duration.ofSeconds(3);

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
