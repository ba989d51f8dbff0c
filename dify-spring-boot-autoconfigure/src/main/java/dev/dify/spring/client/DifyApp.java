package dev.dify.spring.client;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One Dify app as a client sees it: its name, type, where its API is and the key that selects it.
 * Dify keys are per app, so every app has its own.
 *
 * @param name the app's name in this application, used in bean names, logs and errors
 * @param type the app type, which decides the client
 * @param baseUrl the Service API root, such as {@code https://api.dify.ai/v1}
 * @param apiKey the app's API key; never printed by {@link #toString()}
 * @param defaultUser the end-user id sent when a request names none, or {@code null}
 */
public record DifyApp(String name, DifyAppType type, URI baseUrl, String apiKey, @Nullable String defaultUser) {

    /**
     * Checks that the required parts are present.
     */
    public DifyApp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /**
     * Describes the app without its key.
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "DifyApp[name=" + this.name + ", type=" + this.type + ", baseUrl=" + this.baseUrl + ", apiKey=******, defaultUser="
                + this.defaultUser + "]";
    }
}
