package io.github.difyspring.sample.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The offline demo: the Dify test server on loopback, playing the demo apps, which talk to it.
 */
@ConfigurationProperties("sample.demo")
public class DemoProperties {

    /**
     * Whether to serve the simulated Dify. Unset, it is served exactly when no Dify app has an API
     * key configured.
     */
    private boolean enabled;

    /**
     * The loopback port of the simulated Dify; a free one is picked when unset.
     */
    private int port;

    /**
     * The pause before each event of a demo stream: each word of an answer, each step of the workflow.
     */
    private Duration wordDelay = Duration.ofMillis(60);

    /**
     * How often the simulated Dify sends its {@code event: ping} keep-alive during a stream, as
     * Dify does about every 10 seconds.
     */
    private Duration pingInterval = Duration.ofSeconds(10);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getPort() {
        return this.port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public Duration getWordDelay() {
        return this.wordDelay;
    }

    public void setWordDelay(Duration wordDelay) {
        this.wordDelay = wordDelay;
    }

    public Duration getPingInterval() {
        return this.pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }
}
