package io.github.difyspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;

/**
 * Configuration of the Dify clients: one entry under {@code dify.apps} per Dify app, each with its
 * own API key. The settings every client has ({@link DifyClientSettings}) are set here for every
 * app, starting from the defaults of {@link DifyClientOptions#defaults()}, and under an app for
 * that app alone.
 */
@ConfigurationProperties(DifyProperties.PREFIX)
public class DifyProperties extends DifyClientSettings {

    /** The prefix of all Dify properties. */
    public static final String PREFIX = "dify";

    /** The default Service API root, Dify Cloud's. */
    public static final String DEFAULT_BASE_URL = "https://api.dify.ai/v1";

    /**
     * Largest stream event or JSON answer a Dify client reads into memory. Applies to the Dify
     * clients only; a larger spring.http.codecs.max-in-memory-size wins.
     */
    private DataSize maxInMemorySize = DataSize.ofBytes(DifyClientOptions.defaults().maxInMemorySize());

    /**
     * The connection pool the Dify clients share.
     */
    @NestedConfigurationProperty
    private final DifyPoolProperties pool = new DifyPoolProperties();

    /**
     * The Dify apps to create clients for, by name. Each name becomes the bean name (and
     * qualifier) of the app's client.
     */
    private Map<String, App> apps = new LinkedHashMap<>();

    /**
     * The workspace's knowledge bases (Dify's Knowledge API), with its knowledge base API key and
     * any of the settings of {@code dify.*} that differ for it. Without an api-key there is no
     * knowledge client.
     */
    private final Knowledge knowledge = new Knowledge();

    /**
     * Properties that start from Dify Cloud's base URL and the client defaults.
     */
    public DifyProperties() {
        super(DEFAULT_BASE_URL, DifyClientOptions.defaults());
    }

    public DataSize getMaxInMemorySize() {
        return this.maxInMemorySize;
    }

    public void setMaxInMemorySize(DataSize maxInMemorySize) {
        this.maxInMemorySize = maxInMemorySize;
    }

    public DifyPoolProperties getPool() {
        return this.pool;
    }

    public Map<String, App> getApps() {
        return this.apps;
    }

    public void setApps(Map<String, App> apps) {
        this.apps = apps;
    }

    public Knowledge getKnowledge() {
        return this.knowledge;
    }

    /**
     * One Dify app: its key, type and default user, and any of the settings of {@code dify.*}
     * that differ for it.
     */
    public static class App extends DifyClientSettings {

        /**
         * The app's API key (Dify console, the app, "API Access"). Required. Keep it out of
         * source control, for example {@code ${SUPPORT_DIFY_KEY}}.
         */
        private @Nullable String apiKey;

        /**
         * The app's type: chat, agent, chatflow, workflow or completion. Chat, agent and chatflow
         * apps get a {@link DifyChatClient}, workflow apps a {@link DifyWorkflowClient},
         * completion apps a {@link DifyCompletionClient}.
         */
        private DifyAppType type = DifyAppType.CHAT;

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

        public @Nullable String getUser() {
            return this.user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        @Override
        public String toString() {
            return "App[type=" + this.type + ", baseUrl=" + getBaseUrl() + ", user=" + this.user + ", apiKey="
                    + ((this.apiKey != null) ? "******" : null) + "]";
        }
    }

    /**
     * A workspace's knowledge bases: the knowledge base API key, and any of the settings of
     * {@code dify.*} that differ for them.
     */
    public static class Knowledge extends DifyClientSettings {

        /**
         * The workspace's knowledge base API key (Dify console, Knowledge, "Service API"), which
         * starts with "dataset-"; an app's key is refused by the Knowledge API. Keep it out of
         * source control, for example {@code ${DIFY_KNOWLEDGE_KEY}}.
         */
        private @Nullable String apiKey;

        public @Nullable String getApiKey() {
            return this.apiKey;
        }

        public void setApiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
        }

        @Override
        public String toString() {
            return "Knowledge[baseUrl=" + getBaseUrl() + ", apiKey=" + ((this.apiKey != null) ? "******" : null) + "]";
        }
    }
}
