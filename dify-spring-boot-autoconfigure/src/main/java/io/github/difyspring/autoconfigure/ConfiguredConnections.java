package io.github.difyspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Turns {@code dify.ssl.*}, {@code dify.proxy.*} and each app's overrides into the connection
 * settings of every app, refusing at startup what could only fail at the first call: an unknown SSL
 * bundle, a proxy without a host or port. Errors name the property and the fix, never a password.
 */
final class ConfiguredConnections {

    private final ConnectionSettings defaults;

    private final Map<String, ConnectionSettings> apps;

    private ConfiguredConnections(ConnectionSettings defaults, Map<String, ConnectionSettings> apps) {
        this.defaults = defaults;
        this.apps = apps;
    }

    /**
     * Resolves and checks the settings of every configured app.
     * @param properties the bound properties
     * @param sslBundles the application's SSL bundles, or {@code null} when there are none
     * @return the settings
     * @throws InvalidDifyPropertyException when a setting is wrong
     */
    static ConfiguredConnections from(DifyProperties properties, @Nullable SslBundles sslBundles) {
        String root = DifyProperties.PREFIX + ".";
        SslBundle globalBundle = sslBundle(root + "ssl.bundle", properties.getSsl().getBundle(), sslBundles);
        ProxySettings globalProxy = globalProxy(root + "proxy", properties.getProxy());
        ConnectionSettings defaults = new ConnectionSettings(globalBundle, globalProxy);
        Map<String, ConnectionSettings> apps = new LinkedHashMap<>();
        properties.getApps().forEach((name, app) -> {
            String prefix = root + "apps." + name + ".";
            SslBundle bundle = sslBundle(prefix + "ssl.bundle", app.getSsl().getBundle(), sslBundles);
            ProxySettings proxy = appProxy(prefix + "proxy", app.getProxy(), globalProxy);
            apps.put(name, new ConnectionSettings((bundle != null) ? bundle : globalBundle, proxy));
        });
        return new ConfiguredConnections(defaults, apps);
    }

    /**
     * Refuses SSL and proxy settings where nothing could apply them, rather than ignoring them.
     * @param properties the bound properties
     * @throws InvalidDifyPropertyException when an SSL bundle or a proxy is configured
     */
    static void requireNone(DifyProperties properties) {
        String action = "Add org.springframework.boot:spring-boot-http-client (it comes with the Dify starter and "
                + "spring-boot-starter-webclient), or remove the setting.";
        String problem = "it needs Spring Boot's HTTP client support, which is not on the classpath";
        if (properties.getSsl().getBundle() != null) {
            throw new InvalidDifyPropertyException(DifyProperties.PREFIX + ".ssl.bundle", problem, action, null);
        }
        if (properties.getProxy().getHost() != null) {
            throw new InvalidDifyPropertyException(DifyProperties.PREFIX + ".proxy.host", problem, action, null);
        }
        properties.getApps().forEach((name, app) -> {
            String prefix = DifyProperties.PREFIX + ".apps." + name + ".";
            if (app.getSsl().getBundle() != null) {
                throw new InvalidDifyPropertyException(prefix + "ssl.bundle", problem, action, null);
            }
            if (app.getProxy().getHost() != null) {
                throw new InvalidDifyPropertyException(prefix + "proxy.host", problem, action, null);
            }
        });
    }

    /**
     * The settings of an app: its own, or for an app that is not configured under
     * {@code dify.apps} (one given to a registry of the application's own), the global ones.
     * @param appName the app's name
     * @return its settings
     */
    ConnectionSettings forApp(String appName) {
        return this.apps.getOrDefault(appName, this.defaults);
    }

    private static @Nullable SslBundle sslBundle(String property, @Nullable String name, @Nullable SslBundles sslBundles) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String define = "spring.ssl.bundle.pem." + name.strip() + " (PEM certificates and keys) or spring.ssl.bundle.jks."
                + name.strip() + " (a Java keystore)";
        if (sslBundles == null) {
            throw new InvalidDifyPropertyException(property, "it names the SSL bundle '" + name
                    + "', but the application has no SSL bundles (Spring Boot's SslAutoConfiguration is not active)",
                    "Define the bundle under " + define + " with Spring Boot's auto-configuration enabled, or remove " + property
                            + ".",
                    null);
        }
        try {
            return sslBundles.getBundle(name.strip());
        }
        catch (NoSuchSslBundleException ex) {
            List<String> known = sslBundles.getBundleNames();
            throw new InvalidDifyPropertyException(property, "there is no SSL bundle named '" + name + "' (configured bundles: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")",
                    "Define it under " + define + ", or set " + property + " to the name of a configured bundle.", ex);
        }
    }

    private static @Nullable ProxySettings globalProxy(String prefix, DifyProxyProperties proxy) {
        if (Boolean.FALSE.equals(proxy.getEnabled())) {
            return null;
        }
        if (proxy.getHost() == null || proxy.getHost().isBlank()) {
            String stray = strayProperty(prefix, proxy);
            if (stray != null || Boolean.TRUE.equals(proxy.getEnabled())) {
                throw new InvalidDifyPropertyException(prefix + ".host", "the proxy has no host, but "
                        + ((stray != null) ? stray : prefix + ".enabled") + " is set",
                        "Set " + prefix + ".host and " + prefix + ".port to the proxy's host and port, or remove the other "
                                + prefix + ".* settings.",
                        null);
            }
            return null;
        }
        return ProxySettings.of(prefix, proxy);
    }

    /**
     * An app's proxy: none when it says so, its own when it names a host (nothing is taken from
     * dify.proxy then, so the global credentials never go to another proxy), else the global one.
     */
    private static @Nullable ProxySettings appProxy(String prefix, DifyProxyProperties proxy, @Nullable ProxySettings global) {
        if (Boolean.FALSE.equals(proxy.getEnabled())) {
            return null;
        }
        if (proxy.getHost() == null || proxy.getHost().isBlank()) {
            String stray = strayProperty(prefix, proxy);
            if (stray != null) {
                throw new InvalidDifyPropertyException(prefix + ".host", stray + " is set, but the app's proxy has no host",
                        "Set " + prefix + ".host and " + prefix + ".port too (an app's proxy replaces dify.proxy as a whole), "
                                + "or move the setting to dify.proxy.",
                        null);
            }
            return global;
        }
        return ProxySettings.of(prefix, proxy);
    }

    private static @Nullable String strayProperty(String prefix, DifyProxyProperties proxy) {
        if (proxy.getPort() != null) {
            return prefix + ".port";
        }
        if (proxy.getUsername() != null) {
            return prefix + ".username";
        }
        if (proxy.getPassword() != null) {
            return prefix + ".password";
        }
        if (!proxy.getNonProxyHosts().isEmpty()) {
            return prefix + ".non-proxy-hosts";
        }
        return null;
    }

    /**
     * How one app connects: the SSL bundle of its https connections and its proxy, each
     * {@code null} for none.
     * @param sslBundle the SSL bundle, or {@code null} for the JVM's trusted CAs
     * @param proxy the proxy, or {@code null} to connect directly
     */
    record ConnectionSettings(@Nullable SslBundle sslBundle, @Nullable ProxySettings proxy) {
    }
}
