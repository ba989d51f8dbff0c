package dev.dify.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.dify.spring.client.DifyAppType;

/**
 * Configuration of the Dify clients: one entry under {@code dify.apps} per Dify app, each with its
 * own API key.
 */
@ConfigurationProperties(DifyProperties.PREFIX)
public class DifyProperties {

    /** The prefix of all Dify properties. */
    public static final String PREFIX = "dify";

    /** The default Service API root, Dify Cloud's. */
    public static final String DEFAULT_BASE_URL = "https://api.dify.ai/v1";

    /**
     * Root URL of Dify's Service API, used by every app that sets none of its own. Self-hosted
     * Dify serves it under /v1 on its own host.
     */
    private String baseUrl = DEFAULT_BASE_URL;

    /**
     * The Dify apps to create clients for, by name. Each name becomes the bean name (and
     * qualifier) of the app's client.
     */
    private Map<String, App> apps = new LinkedHashMap<>();

    public String getBaseUrl() {
        return this.baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Map<String, App> getApps() {
        return this.apps;
    }

    public void setApps(Map<String, App> apps) {
        this.apps = apps;
    }

    /**
     * One Dify app.
     */
    public static class App {

        /**
         * The app's API key (Dify console, the app, "API Access"). Required. Keep it out of
         * source control, for example {@code ${SUPPORT_DIFY_KEY}}.
         */
        private @Nullable String apiKey;

        /**
         * The app's type: chat, agent, chatflow, workflow or completion. Chat, agent and chatflow
         * apps get a DifyChatClient, workflow apps a DifyWorkflowClient, completion apps a
         * DifyCompletionClient.
         */
        private DifyAppType type = DifyAppType.CHAT;

        /**
         * Root URL of the Service API for this app, overriding dify.base-url.
         */
        private @Nullable String baseUrl;

        /**
         * The end-user id sent when a request names none. Dify requires a user on every call.
         */
        private @Nullable String user;

        public @Nullable String getApiKey() {
            return this.apiKey;
        }

        public void setApiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
        }

        public DifyAppType getType() {
            return this.type;
        }

        public void setType(DifyAppType type) {
            this.type = type;
        }

        public @Nullable String getBaseUrl() {
            return this.baseUrl;
        }

        public void setBaseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public @Nullable String getUser() {
            return this.user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        @Override
        public String toString() {
            return "App[type=" + this.type + ", baseUrl=" + this.baseUrl + ", user=" + this.user + ", apiKey="
                    + ((this.apiKey != null) ? "******" : null) + "]";
        }
    }
}
