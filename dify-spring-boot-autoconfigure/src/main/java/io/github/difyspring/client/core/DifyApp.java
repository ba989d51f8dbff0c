package io.github.difyspring.client.core;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One Dify app as a client sees it: its name, type, where its API is, the key that selects it and
 * how its client behaves on the network. Dify keys are per app, so every app has its own.
 *
 * @param name the app's name in this application, used in bean names, logs and errors
 * @param type the app type, which decides the client
 * @param baseUrl the Service API root, such as {@code https://api.dify.ai/v1}
 * @param apiKey the app's API key; never printed by {@link #toString()}
 * @param defaultUser the end-user id sent when a request names none, or {@code null}
 * @param options the client's time limits, retries and cancellation behaviour
 */
public record DifyApp(String name, DifyAppType type, URI baseUrl, String apiKey, @Nullable String defaultUser,
        DifyClientOptions options) {

    /**
     * Checks that the required parts are present and that the key can be sent in an HTTP header.
     * @throws IllegalArgumentException when the key has a character that could break the header
     * (the message says where, never what the key is)
     */
    public DifyApp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(options, "options");
        int bad = headerBreakingCharacter(apiKey);
        if (bad >= 0) {
            throw new IllegalArgumentException("The API key of Dify app '" + name + "' has a character at position " + (bad + 1)
                    + " that cannot be sent in an HTTP header (a space, a line break or another non-printable character)");
        }
    }

    /**
     * An app with the {@link DifyClientOptions#defaults() default options}.
     * @param name the app's name in this application
     * @param type the app type
     * @param baseUrl the Service API root
     * @param apiKey the app's API key
     * @param defaultUser the end-user id sent when a request names none, or {@code null}
     */
    public DifyApp(String name, DifyAppType type, URI baseUrl, String apiKey, @Nullable String defaultUser) {
        this(name, type, baseUrl, apiKey, defaultUser, DifyClientOptions.defaults());
    }

    /**
     * A copy of this app with other client options.
     * @param options the options
     * @return the copy
     */
    public DifyApp withOptions(DifyClientOptions options) {
        return new DifyApp(this.name, this.type, this.baseUrl, this.apiKey, this.defaultUser, options);
    }

    /**
     * A copy of this app whose requests act for another end user when they name none.
     * @param defaultUser the end-user id
     * @return the copy
     * @throws IllegalArgumentException when the id is blank
     */
    public DifyApp withDefaultUser(String defaultUser) {
        Objects.requireNonNull(defaultUser, "defaultUser");
        if (defaultUser.isBlank()) {
            throw new IllegalArgumentException("The end user of Dify app '" + this.name + "' cannot be blank");
        }
        return new DifyApp(this.name, this.type, this.baseUrl, this.apiKey, defaultUser, this.options);
    }

    /**
     * Finds the first character of a header value that is not printable ASCII: a space, a control
     * character (CR and LF would end the header and start another) or a non-ASCII character.
     * @param value the header value
     * @return its index, or -1 when every character is safe
     */
    public static int headerBreakingCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Describes the app without its key.
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "DifyApp[name=" + this.name + ", type=" + this.type + ", baseUrl=" + this.baseUrl + ", apiKey=******, defaultUser="
                + this.defaultUser + ", options=" + this.options + "]";
    }
}
