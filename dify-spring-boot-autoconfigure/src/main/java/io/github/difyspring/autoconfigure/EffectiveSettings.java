package io.github.difyspring.autoconfigure;

import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyRetryOptions;

/**
 * The settings one app ends up with (or any entry with {@link DifyClientSettings} of its own): for
 * each, its own value, else the global one, else the client default; each checked under the name of
 * the property it came from, so that a wrong value stops startup with
 * {@link InvalidDifyPropertyException} naming the property the user wrote.
 */
final class EffectiveSettings {

    private static final String GLOBAL = DifyProperties.PREFIX + ".";

    private final DifyClientSettings global;

    private final String ownPrefix;

    private final DifyClientSettings own;

    /**
     * Settings of one level over the global ones.
     * @param global the global settings ({@code dify.*})
     * @param ownPrefix the prefix of the level's own properties, such as {@code dify.apps.support}
     * @param own the level's own settings
     */
    EffectiveSettings(DifyClientSettings global, String ownPrefix, DifyClientSettings own) {
        this.global = global;
        this.ownPrefix = ownPrefix + ".";
        this.own = own;
    }

    /**
     * One setting: the level's own value, else the global one, else the fallback.
     * @param <T> the value's type
     * @param name the setting's name below the prefix, such as {@code retry.max-attempts}
     * @param getter reads the setting
     * @param fallback the value when neither level sets it, the client default
     * @return the value and the property it came from
     */
    <T> Setting<T> get(String name, Function<DifyClientSettings, @Nullable T> getter, T fallback) {
        T own = getter.apply(this.own);
        if (own != null) {
            return new Setting<>(this.ownPrefix + name, own);
        }
        T global = getter.apply(this.global);
        return new Setting<>(GLOBAL + name, (global != null) ? global : fallback);
    }

    /**
     * The checked client options.
     * @param maxInMemorySize the in-memory limit, a global setting only
     * @return the options
     * @throws InvalidDifyPropertyException when a value is out of range
     */
    DifyClientOptions options(int maxInMemorySize) {
        DifyClientOptions defaults = DifyClientOptions.defaults();
        Duration connectTimeout = positive(get("connect-timeout", DifyClientSettings::getConnectTimeout, defaults.connectTimeout()));
        Duration responseTimeout = positive(get("response-timeout", DifyClientSettings::getResponseTimeout, defaults.responseTimeout()));
        Duration streamIdleTimeout = positive(get("stream-idle-timeout", DifyClientSettings::getStreamIdleTimeout,
                defaults.streamIdleTimeout()));
        boolean stopOnCancel = get("stop-on-cancel", DifyClientSettings::getStopOnCancel, defaults.stopOnCancel()).value();
        Duration stopTimeout = positive(get("stop-timeout", DifyClientSettings::getStopTimeout, defaults.stopTimeout()));
        return new DifyClientOptions(connectTimeout, responseTimeout, streamIdleTimeout, retry(defaults.retry()), stopOnCancel,
                stopTimeout, maxInMemorySize);
    }

    private DifyRetryOptions retry(DifyRetryOptions defaults) {
        boolean enabled = retry("enabled", DifyRetryProperties::getEnabled, defaults.enabled()).value();
        Setting<Integer> maxAttempts = retry("max-attempts", DifyRetryProperties::getMaxAttempts, defaults.maxAttempts());
        if (maxAttempts.value() < 1) {
            throw new InvalidDifyPropertyException(maxAttempts.property(), "it is " + maxAttempts.value()
                    + ", but a request is sent at least once", "Set " + maxAttempts.property() + " to 1 or more (it counts the "
                            + "first attempt; 1 means no retry), or turn retries off with " + GLOBAL + "retry.enabled=false.",
                    null);
        }
        Duration initialBackoff = positive(retry("initial-backoff", DifyRetryProperties::getInitialBackoff, defaults.initialBackoff()));
        Setting<Duration> maxBackoff = retry("max-backoff", DifyRetryProperties::getMaxBackoff, defaults.maxBackoff());
        if (positive(maxBackoff).compareTo(initialBackoff) < 0) {
            throw new InvalidDifyPropertyException(maxBackoff.property(), "it is " + maxBackoff.value()
                    + ", shorter than the initial backoff " + initialBackoff,
                    "Set " + maxBackoff.property() + " to at least the initial backoff.", null);
        }
        Setting<Double> jitter = retry("jitter", DifyRetryProperties::getJitter, defaults.jitter());
        if (!(jitter.value() >= 0 && jitter.value() <= 1)) {
            throw new InvalidDifyPropertyException(jitter.property(), "it is " + jitter.value() + ", outside 0 to 1",
                    "Set " + jitter.property() + " to a fraction between 0 (no spread) and 1.", null);
        }
        boolean generationsOnServerError = retry("generations-on-server-error", DifyRetryProperties::getGenerationsOnServerError,
                defaults.generationsOnServerError()).value();
        return new DifyRetryOptions(enabled, maxAttempts.value(), initialBackoff, maxBackoff.value(), jitter.value(),
                generationsOnServerError);
    }

    private <T> Setting<T> retry(String name, Function<DifyRetryProperties, @Nullable T> getter, T fallback) {
        return get("retry." + name, (settings) -> getter.apply(settings.getRetry()), fallback);
    }

    private static Duration positive(Setting<Duration> setting) {
        return positive(setting.property(), setting.value());
    }

    /**
     * Checks that a duration is positive.
     * @param property the property it came from
     * @param value the duration
     * @return the duration
     * @throws InvalidDifyPropertyException when it is not
     */
    static Duration positive(String property, @Nullable Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidDifyPropertyException(property, "it is " + value + ", not a positive duration",
                    "Set " + property + " to a positive duration, such as 30s or 5m.", null);
        }
        return value;
    }

    /**
     * The value of a setting and the full name of the property it came from.
     * @param <T> the value's type
     * @param property the property, such as {@code dify.apps.support.connect-timeout}
     * @param value the value
     */
    record Setting<T>(String property, T value) {
    }
}
