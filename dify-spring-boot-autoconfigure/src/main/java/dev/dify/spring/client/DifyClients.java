package dev.dify.spring.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.springframework.web.reactive.function.client.WebClient;

import dev.dify.spring.client.chat.DifyChatClient;
import dev.dify.spring.client.completion.DifyCompletionClient;
import dev.dify.spring.client.workflow.DifyWorkflowClient;

/**
 * All configured Dify apps' clients, looked up by app name at run time, for code that picks the
 * app from data (a tenant, a route) rather than by injection. The clients are built once, when the
 * registry is created.
 */
public class DifyClients {

    private final Map<String, DifyApp> apps = new LinkedHashMap<>();

    private final Map<String, Object> clients = new LinkedHashMap<>();

    /**
     * Builds the clients of the given apps. Each app's builder is a clone of
     * {@code webClientBuilder}, handed to the customizers before its client is built.
     * @param apps the apps, with unique names
     * @param webClientBuilder the builder every app's builder is cloned from
     * @param customizers adjust each app's builder, in order
     */
    public DifyClients(List<DifyApp> apps, WebClient.Builder webClientBuilder, List<DifyClientCustomizer> customizers) {
        for (DifyApp app : apps) {
            if (this.apps.containsKey(app.name())) {
                throw new IllegalArgumentException("Two Dify apps are named '" + app.name() + "'");
            }
            WebClient.Builder builder = webClientBuilder.clone();
            customizers.forEach((customizer) -> customizer.customize(app.name(), builder));
            this.apps.put(app.name(), app);
            this.clients.put(app.name(), createClient(app, builder));
        }
    }

    private static Object createClient(DifyApp app, WebClient.Builder builder) {
        return switch (app.type()) {
            case CHAT, AGENT, CHATFLOW -> new DifyChatClient(app, builder);
            case WORKFLOW -> new DifyWorkflowClient(app, builder);
            case COMPLETION -> new DifyCompletionClient(app, builder);
        };
    }

    /**
     * The client of a chat, agent or chatflow app.
     * @param name the app's configured name
     * @return its client
     * @throws NoSuchElementException when no app has that name
     * @throws IllegalArgumentException when the app is of another type
     */
    public DifyChatClient chat(String name) {
        return client(name, DifyChatClient.class, "chat");
    }

    /**
     * The client of a workflow app.
     * @param name the app's configured name
     * @return its client
     * @throws NoSuchElementException when no app has that name
     * @throws IllegalArgumentException when the app is of another type
     */
    public DifyWorkflowClient workflow(String name) {
        return client(name, DifyWorkflowClient.class, "workflow");
    }

    /**
     * The client of a text generator (completion) app.
     * @param name the app's configured name
     * @return its client
     * @throws NoSuchElementException when no app has that name
     * @throws IllegalArgumentException when the app is of another type
     */
    public DifyCompletionClient completion(String name) {
        return client(name, DifyCompletionClient.class, "completion");
    }

    private <T> T client(String name, Class<T> type, String accessor) {
        Object client = this.clients.get(name);
        if (client == null) {
            throw new NoSuchElementException("No Dify app is named '" + name + "'; configured apps: " + names());
        }
        if (!type.isInstance(client)) {
            DifyApp app = this.apps.get(name);
            throw new IllegalArgumentException("Dify app '" + name + "' is a " + app.type() + " app, not a " + accessor
                    + " app; use " + accessorFor(app.type()) + "(\"" + name + "\")");
        }
        return type.cast(client);
    }

    private static String accessorFor(DifyAppType type) {
        return switch (type) {
            case CHAT, AGENT, CHATFLOW -> "chat";
            case WORKFLOW -> "workflow";
            case COMPLETION -> "completion";
        };
    }

    /**
     * The configured app names, in configuration order.
     * @return the names
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(this.apps.keySet());
    }

    /**
     * The configured app of a name.
     * @param name the app's configured name
     * @return the app (its {@code toString()} never shows the key)
     * @throws NoSuchElementException when no app has that name
     */
    public DifyApp app(String name) {
        DifyApp app = this.apps.get(name);
        if (app == null) {
            throw new NoSuchElementException("No Dify app is named '" + name + "'; configured apps: " + names());
        }
        return app;
    }

    @Override
    public String toString() {
        return "DifyClients" + this.apps.values();
    }
}
