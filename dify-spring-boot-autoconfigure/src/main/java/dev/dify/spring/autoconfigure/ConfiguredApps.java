package dev.dify.spring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.core.env.Environment;

import dev.dify.spring.client.DifyApp;
import dev.dify.spring.client.DifyAppType;

/**
 * Turns the {@code dify.*} properties into checked {@link DifyApp}s, refusing anything that would
 * fail later or leak: a wrong property stops startup with {@link InvalidDifyPropertyException},
 * naming the property and the fix.
 */
final class ConfiguredApps {

    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private static final String TYPES = "chat, agent, chatflow, workflow or completion";

    private ConfiguredApps() {
    }

    /**
     * Binds the {@code dify.*} properties straight from the environment, for code that runs before
     * the {@link DifyProperties} bean exists.
     * @param environment the environment
     * @return the bound properties
     */
    static DifyProperties bind(Environment environment) {
        try {
            return Binder.get(environment).bind(DifyProperties.PREFIX, DifyProperties.class).orElseGet(DifyProperties::new);
        }
        catch (BindException ex) {
            ConfigurationProperty property = ex.getProperty();
            String name = (property != null) ? property.getName().toString() : ex.getName().toString();
            if (name.endsWith(".type")) {
                throw new InvalidDifyPropertyException(name, "'" + ((property != null) ? property.getValue() : null)
                        + "' is not a Dify app type", "Set " + name + " to one of " + TYPES + ".", ex);
            }
            throw new InvalidDifyPropertyException(name, "it cannot be read: " + rootMessage(ex),
                    "Correct the value of " + name + ".", ex);
        }
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * Checks the properties and builds one app per {@code dify.apps} entry.
     * @param properties the bound properties
     * @return the apps, in configuration order
     */
    static List<DifyApp> from(DifyProperties properties) {
        URI defaultBaseUrl = baseUrl(DifyProperties.PREFIX + ".base-url", properties.getBaseUrl());
        List<DifyApp> apps = new ArrayList<>();
        for (Map.Entry<String, DifyProperties.App> entry : properties.getApps().entrySet()) {
            String name = entry.getKey();
            DifyProperties.App app = entry.getValue();
            String prefix = DifyProperties.PREFIX + ".apps." + name;
            if (!APP_NAME.matcher(name).matches()) {
                throw new InvalidDifyPropertyException(prefix, "the app name '" + name + "' cannot be a bean name",
                        "Rename the app under dify.apps to a name that starts with a letter and has only letters, digits, '-' and '_'.",
                        null);
            }
            String apiKey = apiKey(prefix + ".api-key", app.getApiKey());
            URI baseUrl = (app.getBaseUrl() != null) ? baseUrl(prefix + ".base-url", app.getBaseUrl()) : defaultBaseUrl;
            DifyAppType type = app.getType();
            apps.add(new DifyApp(name, type, baseUrl, apiKey, app.getUser()));
        }
        return apps;
    }

    private static String apiKey(String property, @Nullable String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidDifyPropertyException(property, "the app has no API key",
                    "Set " + property + " to the app's API key (Dify console > the app > API Access), preferably from "
                            + "an environment variable, such as: api-key: ${MY_APP_DIFY_KEY}",
                    null);
        }
        for (int i = 0; i < apiKey.length(); i++) {
            char c = apiKey.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                // The key itself is never echoed: only where the bad character is.
                throw new InvalidDifyPropertyException(property, "the API key contains a whitespace or control character at position "
                        + (i + 1) + ", which cannot be sent in an HTTP header",
                        "Copy the key again from the Dify console, without spaces or line breaks.", null);
            }
        }
        return apiKey;
    }

    private static URI baseUrl(String property, String value) {
        String action = "Set " + property + " to the Service API root, such as " + DifyProperties.DEFAULT_BASE_URL
                + " for Dify Cloud or http://<your-host>/v1 for a self-hosted Dify.";
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
