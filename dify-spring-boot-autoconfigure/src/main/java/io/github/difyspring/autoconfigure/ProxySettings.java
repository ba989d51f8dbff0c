package io.github.difyspring.autoconfigure;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A checked HTTP proxy: where it is, its credentials and the hosts that bypass it. Its
 * {@link #toString()} never shows the password.
 *
 * @param host the proxy's host
 * @param port the proxy's port
 * @param username the user of its Basic authentication, or {@code null} for none
 * @param password that user's password, or {@code null}
 * @param nonProxyHosts the hosts reached directly, each a pattern in which {@code *} is any
 * characters, matched ignoring case
 */
record ProxySettings(String host, int port, @Nullable String username, @Nullable String password, List<Pattern> nonProxyHosts) {

    /**
     * Checks one set of proxy properties that has a host.
     * @param prefix the properties' prefix, such as {@code dify.proxy}
     * @param proxy the properties
     * @return the settings
     * @throws InvalidDifyPropertyException when a value is wrong (never showing the password)
     */
    static ProxySettings of(String prefix, DifyProxyProperties proxy) {
        String host = (proxy.getHost() != null) ? proxy.getHost().strip() : "";
        if (host.isEmpty() || host.contains("/") || host.contains("@") || host.chars().anyMatch((c) -> c <= ' ' || c == 0x7f)) {
            throw new InvalidDifyPropertyException(prefix + ".host", "'" + host + "' is not a host name or address",
                    "Set " + prefix + ".host to the proxy's host only, such as proxy.example.com (no scheme, path or "
                            + "credentials), and its port in " + prefix + ".port.",
                    null);
        }
        Integer port = proxy.getPort();
        if (port == null || port < 1 || port > 65535) {
            throw new InvalidDifyPropertyException(prefix + ".port", (port == null) ? "the proxy " + host + " has no port"
                    : "it is " + port + ", not a port number", "Set " + prefix + ".port to the proxy's port (1 to 65535), such as 3128.",
                    null);
        }
        String username = proxy.getUsername();
        if (username == null && proxy.getPassword() != null) {
            throw new InvalidDifyPropertyException(prefix + ".password", "a proxy password is set without a user name",
                    "Set " + prefix + ".username too, or remove " + prefix + ".password.", null);
        }
        List<Pattern> bypass = proxy.getNonProxyHosts().stream().map(String::strip).filter((entry) -> !entry.isEmpty())
            .map(ProxySettings::hostPattern).toList();
        return new ProxySettings(host, port, username, proxy.getPassword(), bypass);
    }

    private static Pattern hostPattern(String entry) {
        StringBuilder regex = new StringBuilder();
        for (String part : entry.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * Whether a connection to an address goes around the proxy.
     * @param address the address of the Dify host, as given in its base URL
     * @return true when it matches a non-proxy host
     */
    boolean bypasses(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) {
            return false;
        }
        String host = inet.getHostString().toLowerCase(Locale.ROOT);
        String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
        return this.nonProxyHosts.stream().anyMatch((pattern) -> pattern.matcher(host).matches() || pattern.matcher(bare).matches());
    }

    @Override
    public String toString() {
        return "ProxySettings[host=" + this.host + ", port=" + this.port + ", username=" + this.username + ", password="
                + ((this.password != null) ? "******" : null) + ", nonProxyHosts=" + this.nonProxyHosts + "]";
    }
}
