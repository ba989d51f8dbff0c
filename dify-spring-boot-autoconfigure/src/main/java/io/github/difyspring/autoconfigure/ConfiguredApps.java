package io.github.difyspring.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyPoolOptions;

/**
 * Turns the {@code dify.*} properties into checked {@link DifyApp}s, refusing anything that would
 * fail later or leak: a wrong property stops startup with {@link InvalidDifyPropertyException},
 * naming the property and the fix.
 */
final class ConfiguredApps {

    private static final Log logger = LogFactory.getLog(ConfiguredApps.class);

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** The name of the knowledge client's entry in the registry: {@code DifyClients.knowledge("knowledge")}. */
    static final String KNOWLEDGE_NAME = "knowledge";

    static final String KNOWLEDGE_PREFIX = DifyProperties.PREFIX + ".knowledge";

    /** How Dify's app API keys start; a knowledge base key starts with {@code dataset-}. */
    private static final String APP_KEY_PREFIX = "app-";

    private ConfiguredApps() {
    }

    /**
     * Checks the properties and builds one app per {@code dify.apps} entry, warning about every app
     * whose key would go over plain http to another machine.
     * @param properties the bound properties
     * @return the apps, in configuration order
     */
    static List<DifyApp> from(DifyProperties properties) {
        int maxInMemorySize = maxInMemorySize(properties);
        List<DifyApp> apps = new ArrayList<>();
        properties.getApps().forEach((name, app) -> {
            String prefix = checkName(name);
            EffectiveSettings settings = new EffectiveSettings(properties, prefix, app);
            String apiKey = apiKey(prefix + ".api-key", app.getApiKey());
            EffectiveSettings.Setting<String> baseUrl = settings.get("base-url", DifyClientSettings::getBaseUrl,
                    DifyProperties.DEFAULT_BASE_URL);
            URI url = baseUrl(baseUrl.property(), baseUrl.value());
            warnIfPlainHttp(name, url, baseUrl.property());
            apps.add(new DifyApp(name, app.getType(), url, apiKey, app.getUser(), settings.options(maxInMemorySize)));
        });
        DifyProperties.Knowledge knowledge = properties.getKnowledge();
        if (knowledge.getApiKey() != null) {
            apps.add(knowledge(properties, knowledge, maxInMemorySize));
        }
        return apps;
    }

    /**
     * The workspace's knowledge bases, from {@code dify.knowledge.*}: a knowledge base API key,
     * never an app's.
     */
    private static DifyApp knowledge(DifyProperties properties, DifyProperties.Knowledge knowledge, int maxInMemorySize) {
        String prefix = KNOWLEDGE_PREFIX;
        if (properties.getApps().containsKey(KNOWLEDGE_NAME)) {
            throw new InvalidDifyPropertyException(DifyProperties.PREFIX + ".apps." + KNOWLEDGE_NAME, "the app name '" + KNOWLEDGE_NAME
                    + "' is the name of the knowledge client of " + prefix, "Rename the app under dify.apps.", null);
        }
        String apiKey = apiKey(prefix + ".api-key", knowledge.getApiKey());
        if (apiKey.startsWith(APP_KEY_PREFIX)) {
            throw new InvalidDifyPropertyException(prefix + ".api-key", "it is an app's API key (it starts with '" + APP_KEY_PREFIX
                    + "'), which the Knowledge API refuses", "Set " + prefix + ".api-key to the workspace's knowledge base API key "
                            + "(Dify console > Knowledge > Service API > API Key), which starts with 'dataset-'.", null);
        }
        EffectiveSettings settings = new EffectiveSettings(properties, prefix, knowledge);
        EffectiveSettings.Setting<String> baseUrl = settings.get("base-url", DifyClientSettings::getBaseUrl,
                DifyProperties.DEFAULT_BASE_URL);
        URI url = baseUrl(baseUrl.property(), baseUrl.value());
        warnIfPlainHttp(KNOWLEDGE_NAME, url, baseUrl.property());
        return new DifyApp(KNOWLEDGE_NAME, DifyAppType.KNOWLEDGE, url, apiKey, null, settings.options(maxInMemorySize));
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
        DifyPoolProperties pool = properties.getPool();
        String prefix = DifyProperties.PREFIX + ".pool.";
        if (pool.getMaxConnections() < 1) {
            throw new InvalidDifyPropertyException(prefix + "max-connections", "it is " + pool.getMaxConnections()
                    + ", so no request could ever be sent", "Set " + prefix + "max-connections to 1 or more (the default is " + DifyPoolOptions.DEFAULT_MAX_CONNECTIONS + ").", null);
        }
        if (pool.getPendingAcquireMaxCount() < -1) {
            throw new InvalidDifyPropertyException(prefix + "pending-acquire-max-count", "it is " + pool.getPendingAcquireMaxCount(),
                    "Set " + prefix + "pending-acquire-max-count to 0 or more, or to -1 for no limit.", null);
        }
        EffectiveSettings.positive(prefix + "pending-acquire-timeout", pool.getPendingAcquireTimeout());
        EffectiveSettings.positive(prefix + "max-idle-time", pool.getMaxIdleTime());
        Duration eviction = pool.getEvictionInterval();
        if (eviction == null || eviction.isNegative()) {
            throw new InvalidDifyPropertyException(prefix + "eviction-interval", "it is " + eviction,
                    "Set " + prefix + "eviction-interval to a duration such as 30s, or to 0 to evict only when the pool is used.", null);
        }
        return new DifyPoolOptions(pool.getMaxConnections(), pool.getPendingAcquireMaxCount(), pool.getPendingAcquireTimeout(),
                pool.getMaxIdleTime(), eviction);
    }

    /**
     * Warns when an app's key goes over plain http to a host other than this machine, where it can
     * be read on the way. Never shows the key.
     */
    private static void warnIfPlainHttp(String app, URI url, String property) {
        if ("http".equalsIgnoreCase(url.getScheme()) && !isLoopback(url.getHost())) {
            logger.warn("Dify app '" + app + "' sends its API key over plain http to " + url.getHost()
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

    private static String apiKey(String property, @Nullable String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            boolean knowledge = property.startsWith(KNOWLEDGE_PREFIX + ".");
            throw new InvalidDifyPropertyException(property, knowledge ? "the knowledge client has no API key" : "the app has no API key",
                    "Set " + property + " to " + (knowledge ? "the workspace's knowledge base API key (Dify console > Knowledge > "
                            + "Service API)" : "the app's API key (Dify console > the app > API Access)") + ", preferably from "
                            + "an environment variable, such as: api-key: " + (knowledge ? "${DIFY_KNOWLEDGE_KEY}" : "${MY_APP_DIFY_KEY}"),
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
