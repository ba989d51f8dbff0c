package io.github.difyspring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP proxy the connections to Dify go through: {@code dify.proxy.*} for every app,
 * {@code dify.apps.<name>.proxy.*} for one. An app that sets its own host uses only its own
 * settings; one with {@code enabled=false} connects directly. The JVM's proxy system properties are
 * not used.
 */
public class DifyProxyProperties {

    /**
     * Whether to use a proxy. Unset: a proxy is used when a host is set (for an app, its own or
     * dify.proxy.host). False: connect to Dify directly (for an app, even when dify.proxy.host is
     * set).
     */
    private @Nullable Boolean enabled;

    /**
     * Host name or address of the HTTP proxy. Connections are tunnelled through it with CONNECT,
     * for http and https alike. An app that sets its own host takes none of the dify.proxy.*
     * settings, so the global credentials never go to another proxy.
     */
    private @Nullable String host;

    /**
     * Port of the HTTP proxy. Required with a host.
     */
    private @Nullable Integer port;

    /**
     * User name for the proxy's Basic authentication (Proxy-Authorization header).
     */
    private @Nullable String username;

    /**
     * Password for the proxy's Basic authentication. Never logged, and masked by Actuator's
     * configprops and env endpoints.
     */
    private @Nullable String password;

    /**
     * Hosts reached directly rather than through the proxy, such as localhost, *.internal or
     * 10.0.*. Each entry is a host name or address, matched ignoring case, in which * stands for
     * any characters.
     */
    private List<String> nonProxyHosts = new ArrayList<>();

    public @Nullable Boolean getEnabled() {
        return this.enabled;
    }

    public void setEnabled(@Nullable Boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getHost() {
        return this.host;
    }

    public void setHost(@Nullable String host) {
        this.host = host;
    }

    public @Nullable Integer getPort() {
        return this.port;
    }

    public void setPort(@Nullable Integer port) {
        this.port = port;
    }

    public @Nullable String getUsername() {
        return this.username;
    }

    public void setUsername(@Nullable String username) {
        this.username = username;
    }

    public @Nullable String getPassword() {
        return this.password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public List<String> getNonProxyHosts() {
        return this.nonProxyHosts;
    }

    public void setNonProxyHosts(List<String> nonProxyHosts) {
        this.nonProxyHosts = nonProxyHosts;
    }

    @Override
    public String toString() {
        return "DifyProxyProperties[enabled=" + this.enabled + ", host=" + this.host + ", port=" + this.port + ", username="
                + this.username + ", password=" + ((this.password != null) ? "******" : null) + ", nonProxyHosts="
                + this.nonProxyHosts + "]";
    }
}
