package io.github.difyspring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import io.github.difyspring.client.DifyAppClient;
import io.github.difyspring.client.app.AppInfo;
import io.github.difyspring.client.error.DifyApiException;

/**
 * The health of one Dify app: whether its key is accepted and the app answers, checked with a
 * {@code GET /info} bounded by a short timeout (no retries: a probe must answer quickly). UP
 * with the app's name and mode as Dify describes them; DOWN with the HTTP status and Dify's error
 * code when Dify refuses the call (a revoked key answers 401, a disabled app 403 or 404), and DOWN
 * when Dify does not answer in time or cannot be reached.
 */
public class DifyAppHealthIndicator implements ReactiveHealthIndicator {

    private final DifyAppClient client;

    private final Duration timeout;

    /**
     * Creates the indicator of one app.
     * @param client the app's client
     * @param timeout how long to wait for Dify's answer
     */
    public DifyAppHealthIndicator(DifyAppClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        return this.client.info()
            .timeout(this.timeout)
            .map(this::up)
            .onErrorResume((ex) -> Mono.just(down(ex)));
    }

    private Health up(AppInfo info) {
        Health.Builder health = Health.up().withDetail("type", this.client.app().type().configName());
        if (info.name() != null) {
            health.withDetail("name", info.name());
        }
        if (info.mode() != null) {
            health.withDetail("mode", info.mode());
        }
        return health.build();
    }

    private Health down(Throwable ex) {
        Health.Builder health = Health.down().withDetail("type", this.client.app().type().configName());
        if (ex instanceof DifyApiException api) {
            health.withDetail("status", api.getStatusCode().value());
            if (api.getCode() != null) {
                health.withDetail("code", api.getCode());
            }
            if (api.getDifyMessage() != null) {
                health.withDetail("message", api.getDifyMessage());
            }
        }
        else if (ex instanceof TimeoutException) {
            health.withDetail("error", "no answer from GET /info within " + this.timeout.toMillis() + " ms");
        }
        else {
            // Dify exceptions name the app and the operation, never the key.
            health.withDetail("error", ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        return health.build();
    }
}
