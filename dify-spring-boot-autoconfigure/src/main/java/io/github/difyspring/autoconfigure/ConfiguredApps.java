package io.github.difyspring.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.core.DifyRetryOptions;

/**
 * Turns the {@code dify.*} properties into checked {@link DifyApp}s, refusing anything that would
 * fail later or leak: a wrong property stops startup with {@link InvalidDifyPropertyException},
 * naming the property and the fix.
 */
final class ConfiguredApps {

    private static final Log logger = LogFactory.getLog(ConfiguredApps.class);

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private ConfiguredApps() {
    }

    /**
     * Checks the properties and builds one app per {@code dify.apps} entry.
     * @param properties the bound properties
     * @return the apps, in configuration order
     */
    static List<DifyApp> from(DifyProperties properties) {
        URI defaultBaseUrl = baseUrl(DifyProperties.PREFIX + ".base-url", properties.getBaseUrl());
        int maxInMemorySize = maxInMemorySize(properties);
        List<DifyApp> apps = new ArrayList<>();
        for (Map.Entry<String, DifyProperties.App> entry : properties.getApps().entrySet()) {
            String name = entry.getKey();
            DifyProperties.App app = entry.getValue();
            String prefix = checkName(name);
            String apiKey = apiKey(prefix + ".api-key", app.getApiKey());
            URI baseUrl = (app.getBaseUrl() != null) ? baseUrl(prefix + ".base-url", app.getBaseUrl()) : defaultBaseUrl;
            DifyAppType type = app.getType();
            apps.add(new DifyApp(name, type, baseUrl, apiKey, app.getUser(), options(properties, prefix, app, maxInMemorySize)));
        }
        return apps;
    }

    /**
     * Checks that an app's name can be its client's bean name.
     * @param name the name under {@code dify.apps}
     * @return the prefix of the app's properties, {@code dify.apps.<name>}
     * @throws InvalidDifyPropertyException when it cannot
     */
    static String checkName(String name) {
        String prefix = DifyProperties.PREFIX + ".apps." + name;
        if (!APP_NAME.matcher(name).matches()) {
            throw new InvalidDifyPropertyException(prefix, "the app name '" + name + "' cannot be a bean name",
                    "Rename the app under dify.apps to a name that starts with a letter and has only letters, digits, '-' and '_'.",
                    null);
        }
        return prefix;
    }

    /**
     * Checks the {@code dify.pool.*} properties.
     * @param properties the bound properties
     * @return the pool options
     */
    static DifyPoolOptions pool(DifyProperties properties) {
        DifyProperties.Pool pool = properties.getPool();
        String prefix = DifyProperties.PREFIX + ".pool.";
        if (pool.getMaxConnections() < 1) {
            throw new InvalidDifyPropertyException(prefix + "max-connections", "it is " + pool.getMaxConnections()
                    + ", so no request could ever be sent", "Set " + prefix + "max-connections to 1 or more (the default is " + DifyPoolOptions.DEFAULT_MAX_CONNECTIONS + ").", null);
        }
        if (pool.getPendingAcquireMaxCount() < -1) {
            throw new InvalidDifyPropertyException(prefix + "pending-acquire-max-count", "it is " + pool.getPendingAcquireMaxCount(),
                    "Set " + prefix + "pending-acquire-max-count to 0 or more, or to -1 for no limit.", null);
        }
        positive(prefix + "pending-acquire-timeout", pool.getPendingAcquireTimeout());
        positive(prefix + "max-idle-time", pool.getMaxIdleTime());
        Duration eviction = pool.getEvictionInterval();
        if (eviction == null || eviction.isNegative()) {
            throw new InvalidDifyPropertyException(prefix + "eviction-interval", "it is " + eviction,
                    "Set " + prefix + "eviction-interval to a duration such as 30s, or to 0 to evict only when the pool is used.", null);
        }
        return new DifyPoolOptions(pool.getMaxConnections(), pool.getPendingAcquireMaxCount(), pool.getPendingAcquireTimeout(),
                pool.getMaxIdleTime(), eviction);
    }

    /**
     * Warns, for every app whose key goes over plain http to a host other than this machine, that
     * the key can be read on the way. Never shows the key.
     * @param properties the bound properties
     * @param apps the apps made of them
     */
    static void warnAboutPlainHttp(DifyProperties properties, List<DifyApp> apps) {
        for (DifyApp app : apps) {
            URI url = app.baseUrl();
            if (!"http".equalsIgnoreCase(url.getScheme()) || isLoopback(url.getHost())) {
                continue;
            }
            DifyProperties.App config = properties.getApps().get(app.name());
            String property = (config != null && config.getBaseUrl() != null) ? DifyProperties.PREFIX + ".apps." + app.name() + ".base-url"
                    : DifyProperties.PREFIX + ".base-url";
            logger.warn("Dify app '" + app.name() + "' sends its API key over plain http to " + url.getHost()
                    + ((url.getPort() != -1) ? ":" + url.getPort() : "") + " (" + property
                    + "): anyone on the network path can read the key and the conversations. Use https, unless the network "
                    + "between this application and Dify is private.");
        }
    }

    private static boolean isLoopback(@Nullable String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        // Only literal addresses are checked: looking a name up at startup could block or lie.
        if (IPV4_LITERAL.matcher(name).matches() || name.startsWith("[")) {
            try {
                return InetAddress.getByName(name.replace("[", "").replace("]", "")).isLoopbackAddress();
            }
            catch (UnknownHostException ex) {
                return false;
            }
        }
        return false;
    }

    private static int maxInMemorySize(DifyProperties properties) {
        String property = DifyProperties.PREFIX + ".max-in-memory-size";
        long bytes = (properties.getMaxInMemorySize() != null) ? properties.getMaxInMemorySize().toBytes() : -1;
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw new InvalidDifyPropertyException(property, "it is " + properties.getMaxInMemorySize()
                    + ", not between 1 byte and 2 GB", "Set " + property + " to a size such as 16MB.", null);
        }
        return (int) bytes;
    }

    /**
     * The client options of one app: its own settings where it has them, else the global ones,
     * each checked under the name of the property it came from.
     */
    private static DifyClientOptions options(DifyProperties global, String appPrefix, DifyProperties.App app, int maxInMemorySize) {
        String root = DifyProperties.PREFIX + ".";
        Duration connectTimeout = positive(app.getConnectTimeout(), appPrefix + ".connect-timeout", global.getConnectTimeout(),
                root + "connect-timeout");
        Duration responseTimeout = positive(app.getResponseTimeout(), appPrefix + ".response-timeout", global.getResponseTimeout(),
                root + "response-timeout");
        Duration streamIdleTimeout = positive(app.getStreamIdleTimeout(), appPrefix + ".stream-idle-timeout",
                global.getStreamIdleTimeout(), root + "stream-idle-timeout");
        Duration stopTimeout = positive(app.getStopTimeout(), appPrefix + ".stop-timeout", global.getStopTimeout(),
                root + "stop-timeout");
        boolean stopOnCancel = (app.getStopOnCancel() != null) ? app.getStopOnCancel() : global.isStopOnCancel();
        return new DifyClientOptions(connectTimeout, responseTimeout, streamIdleTimeout, retry(global.getRetry(), appPrefix, app.getRetry()),
                stopOnCancel, stopTimeout, maxInMemorySize);
    }

    private static DifyRetryOptions retry(DifyProperties.Retry global, String appPrefix, DifyProperties.AppRetry app) {
        String globalPrefix = DifyProperties.PREFIX + ".retry.";
        String ownPrefix = appPrefix + ".retry.";
        boolean enabled = (app.getEnabled() != null) ? app.getEnabled() : global.isEnabled();
        String attemptsProperty = (app.getMaxAttempts() != null) ? ownPrefix + "max-attempts" : globalPrefix + "max-attempts";
        int maxAttempts = (app.getMaxAttempts() != null) ? app.getMaxAttempts() : global.getMaxAttempts();
        if (maxAttempts < 1) {
            throw new InvalidDifyPropertyException(attemptsProperty, "it is " + maxAttempts + ", but a request is sent at least once",
                    "Set " + attemptsProperty + " to 1 or more (it counts the first attempt; 1 means no retry), or turn retries off "
                            + "with " + globalPrefix + "enabled=false.", null);
        }
        Duration initialBackoff = positive(app.getInitialBackoff(), ownPrefix + "initial-backoff", global.getInitialBackoff(),
                globalPrefix + "initial-backoff");
        String maxBackoffProperty = (app.getMaxBackoff() != null) ? ownPrefix + "max-backoff" : globalPrefix + "max-backoff";
        Duration maxBackoff = positive(app.getMaxBackoff(), ownPrefix + "max-backoff", global.getMaxBackoff(), globalPrefix + "max-backoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new InvalidDifyPropertyException(maxBackoffProperty, "it is " + maxBackoff + ", shorter than the initial backoff "
                    + initialBackoff, "Set " + maxBackoffProperty + " to at least the initial backoff.", null);
        }
        String jitterProperty = (app.getJitter() != null) ? ownPrefix + "jitter" : globalPrefix + "jitter";
        double jitter = (app.getJitter() != null) ? app.getJitter() : global.getJitter();
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new InvalidDifyPropertyException(jitterProperty, "it is " + jitter + ", outside 0 to 1",
                    "Set " + jitterProperty + " to a fraction between 0 (no spread) and 1.", null);
        }
        boolean generationsOnServerError = (app.getGenerationsOnServerError() != null) ? app.getGenerationsOnServerError()
                : global.isGenerationsOnServerError();
        return new DifyRetryOptions(enabled, maxAttempts, initialBackoff, maxBackoff, jitter, generationsOnServerError);
    }

    private static Duration positive(@Nullable Duration own, String ownProperty, @Nullable Duration global, String globalProperty) {
        return (own != null) ? positive(ownProperty, own) : positive(globalProperty, global);
    }

    private static Duration positive(String property, @Nullable Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidDifyPropertyException(property, "it is " + value + ", not a positive duration",
                    "Set " + property + " to a positive duration, such as 30s or 5m.", null);
        }
        return value;
    }

    private static String apiKey(String property, @Nullable String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidDifyPropertyException(property, "the app has no API key",
                    "Set " + property + " to the app's API key (Dify console > the app > API Access), preferably from "
                            + "an environment variable, such as: api-key: ${MY_APP_DIFY_KEY}",
                    null);
        }
        int bad = DifyApp.headerBreakingCharacter(apiKey);
        if (bad >= 0) {
            // The key itself is never echoed: only where the bad character is.
            char c = apiKey.charAt(bad);
            throw new InvalidDifyPropertyException(property, "the API key contains "
                    + ((c <= ' ' || c == 0x7f) ? "a whitespace or control character" : "a non-ASCII character") + " at position "
                    + (bad + 1) + ", which cannot be sent in an HTTP header",
                    "Copy the key again from the Dify console, without spaces or line breaks.", null);
        }
        return apiKey;
    }

    private static URI baseUrl(String property, String value) {
        String action = "Set " + property + " to the Service API root, such as " + DifyProperties.DEFAULT_BASE_URL
                + " for Dify Cloud or http://<your-host>/v1 for a self-hosted Dify.";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c == 0x7f) {
                // A line break would end the request line or a header: refused, wherever it is.
                throw new InvalidDifyPropertyException(property, "the URL contains a control character (such as a line break) at "
                        + "position " + (i + 1), action, null);
            }
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        }
        catch (URISyntaxException ex) {
            throw new InvalidDifyPropertyException(property, "'" + value + "' is not a valid URL (" + ex.getReason() + ")", action, ex);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw new InvalidDifyPropertyException(property, "'" + value + "' is not an absolute http or https URL", action, null);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidDifyPropertyException(property, "'" + uri.getScheme() + "://" + uri.getHost()
                    + "...' has user info, a query or a fragment, which a base URL cannot have", action, null);
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
