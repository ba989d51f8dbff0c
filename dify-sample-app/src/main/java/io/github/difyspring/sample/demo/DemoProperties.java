package io.github.difyspring.sample.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The offline demo: a simulated Dify on loopback that the demo apps talk to.
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
     * The pause between two words of a simulated answer.
     */
    private Duration wordDelay = Duration.ofMillis(60);

    /**
     * The pause between two steps of the simulated workflow.
     */
    private Duration stepDelay = Duration.ofMillis(400);

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

    public Duration getStepDelay() {
        return this.stepDelay;
    }

    public void setStepDelay(Duration stepDelay) {
        this.stepDelay = stepDelay;
    }

    public Duration getPingInterval() {
        return this.pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }
}
