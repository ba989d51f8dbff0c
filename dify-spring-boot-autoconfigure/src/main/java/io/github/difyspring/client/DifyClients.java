package io.github.difyspring.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.observation.DifyObservationConvention;

/**
 * All configured Dify apps' clients, looked up by app name at run time, for code that picks the
 * app from data (a tenant, a route) rather than by injection. The clients are built once, when the
 * registry is created, on one shared {@link DifyConnectionPool connection pool}; closing the
 * registry closes the pool and its connections.
 *
 * <p>This is also the way to build clients without Spring Boot: it gives them the pool (1,000
 * connections per Dify host by default) and each app's connect timeout, which a client built
 * directly on a {@code WebClient.Builder} gets only from that builder's own connector. Each app's
 * connector is made by a {@link DifyConnectorFactory} on the pool, so an app with its own TLS or
 * proxy settings keeps the pool too.
 */
public class DifyClients implements AutoCloseable {

    /** The name of the connection pool, as Reactor Netty's logs and metrics show it. */
    public static final String POOL_NAME = "dify";

    private final Map<String, DifyApp> apps = new LinkedHashMap<>();

    /** The app names, without the knowledge entry; the apps never change after construction. */
    private final Set<String> names;

    private final Map<String, Object> clients = new LinkedHashMap<>();

    private final DifyConnectionPool pool;

    /**
     * Builds the clients of the given apps on a connection pool with the
     * {@link DifyPoolOptions#defaults() default options}.
     * @param apps the apps, with unique names
     * @param webClientBuilder the builder every app's builder is cloned from
     * @param customizers adjust each app's builder, in order
     * @see #DifyClients(List, WebClient.Builder, List, DifyPoolOptions)
     */
    public DifyClients(List<DifyApp> apps, WebClient.Builder webClientBuilder, List<DifyClientCustomizer> customizers) {
        this(apps, webClientBuilder, customizers, DifyPoolOptions.defaults());
    }

    /**
     * Builds the clients of the given apps. Each app's builder is a clone of
     * {@code webClientBuilder} with a connector on the shared pool and the app's connect timeout
     * (made by {@link DifyConnectorFactory#pooled()}), handed to the customizers before its client
     * is built; a customizer that sets another connector takes the app off the pool.
     * @param apps the apps, with unique names
     * @param webClientBuilder the builder every app's builder is cloned from
     * @param customizers adjust each app's builder, in order
     * @param poolOptions the connection pool's size, waiting limits and idle eviction
     */
    public DifyClients(List<DifyApp> apps, WebClient.Builder webClientBuilder, List<DifyClientCustomizer> customizers,
            DifyPoolOptions poolOptions) {
        this(apps, webClientBuilder, customizers, poolOptions, ObservationRegistry.NOOP, null);
    }

    /**
     * Builds the clients of the given apps, like
     * {@link #DifyClients(List, WebClient.Builder, List, DifyPoolOptions)}, with every operation of
     * every app observed.
     * @param apps the apps, with unique names
     * @param webClientBuilder the builder every app's builder is cloned from
     * @param customizers adjust each app's builder, in order
     * @param poolOptions the connection pool's size, waiting limits and idle eviction
     * @param observationRegistry where the observations of the apps' operations go
     * @param observationConvention names and tags them, or {@code null} for the
     * {@link io.github.difyspring.client.observation.DefaultDifyObservationConvention default}
     */
    public DifyClients(List<DifyApp> apps, WebClient.Builder webClientBuilder, List<DifyClientCustomizer> customizers,
            DifyPoolOptions poolOptions, ObservationRegistry observationRegistry,
            @Nullable DifyObservationConvention observationConvention) {
        this(apps, webClientBuilder, customizers, poolOptions, observationRegistry, observationConvention,
                DifyConnectorFactory.pooled());
    }

    /**
     * Builds the clients of the given apps, like
     * {@link #DifyClients(List, WebClient.Builder, List, DifyPoolOptions, ObservationRegistry, DifyObservationConvention)},
     * with each app's connector made by the given factory on the shared pool. The Spring Boot
     * starter passes one that applies the app's SSL bundle and proxy.
     * @param apps the apps, with unique names
     * @param webClientBuilder the builder every app's builder is cloned from
     * @param customizers adjust each app's builder, in order
     * @param poolOptions the connection pool's size, waiting limits and idle eviction
     * @param observationRegistry where the observations of the apps' operations go
     * @param observationConvention names and tags them, or {@code null} for the
     * {@link io.github.difyspring.client.observation.DefaultDifyObservationConvention default}
     * @param connectorFactory makes each app's connector on the pool, once per app, before the
     * customizers run
     */
    public DifyClients(List<DifyApp> apps, WebClient.Builder webClientBuilder, List<DifyClientCustomizer> customizers,
            DifyPoolOptions poolOptions, ObservationRegistry observationRegistry,
            @Nullable DifyObservationConvention observationConvention, DifyConnectorFactory connectorFactory) {
        this.pool = new DifyConnectionPool(POOL_NAME, poolOptions);
        try {
            for (DifyApp app : apps) {
                if (this.apps.containsKey(app.name())) {
                    throw new IllegalArgumentException("Two Dify apps are named '" + app.name() + "'");
                }
                WebClient.Builder builder = webClientBuilder.clone();
                builder.clientConnector(connectorFactory.connector(app, this.pool));
                customizers.forEach((customizer) -> customizer.customize(app.name(), builder));
                this.apps.put(app.name(), app);
                this.clients.put(app.name(), createClient(app, builder, observationRegistry, observationConvention));
            }
            Set<String> names = new LinkedHashSet<>();
            this.apps.forEach((name, app) -> {
                if (app.type() != DifyAppType.KNOWLEDGE) {
                    names.add(name);
                }
            });
            this.names = Collections.unmodifiableSet(names);
        }
        catch (RuntimeException ex) {
            this.pool.close();
            throw ex;
        }
    }

    private static Object createClient(DifyApp app, WebClient.Builder builder, ObservationRegistry registry,
            @Nullable DifyObservationConvention convention) {
        return switch (app.type()) {
            case CHAT, AGENT, CHATFLOW -> new DifyChatClient(app, builder, registry, convention);
            case WORKFLOW -> new DifyWorkflowClient(app, builder, registry, convention);
            case COMPLETION -> new DifyCompletionClient(app, builder, registry, convention);
            case KNOWLEDGE -> new DifyKnowledgeClient(app, builder, registry, convention);
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

    /**
     * The client of a workspace's knowledge bases.
     * @param name its configured name ({@code knowledge} for {@code dify.knowledge.*} with the
     * Spring Boot starter)
     * @return its client
     * @throws NoSuchElementException when nothing has that name
     * @throws IllegalArgumentException when the name is an app's
     */
    public DifyKnowledgeClient knowledge(String name) {
        return client(name, DifyKnowledgeClient.class, "knowledge");
    }

    /**
     * The client of an app of any type, for the operations every app offers (its info, parameters,
     * files, feedback, annotations).
     * @param name the app's configured name
     * @return its client
     * @throws NoSuchElementException when no app has that name
     */
    public DifyAppClient client(String name) {
        return client(name, DifyAppClient.class, "");
    }

    private <T> T client(String name, Class<T> type, String accessor) {
        Object client = this.clients.get(name);
        if (client == null) {
            throw new NoSuchElementException("No Dify app is named '" + name + "'; configured apps: " + names());
        }
        if (!type.isInstance(client)) {
            DifyApp app = this.apps.get(name);
            String wanted = accessor.isEmpty() ? "an app" : "a " + accessor + " app";
            String found = (app.type() == DifyAppType.KNOWLEDGE) ? "the workspace's knowledge bases" : "a " + app.type() + " app";
            throw new IllegalArgumentException("Dify app '" + name + "' is " + found + ", not " + wanted + "; use "
                    + accessorFor(app.type()) + "(\"" + name + "\")");
        }
        return type.cast(client);
    }

    private static String accessorFor(DifyAppType type) {
        return switch (type) {
            case CHAT, AGENT, CHATFLOW -> "chat";
            case WORKFLOW -> "workflow";
            case COMPLETION -> "completion";
            case KNOWLEDGE -> "knowledge";
        };
    }

    /**
     * The configured app names, in configuration order; a workspace's knowledge bases are not an
     * app and are not among them (see {@link #knowledge(String)}).
     * @return the names
     */
    public Set<String> names() {
        return this.names;
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

    /**
     * The connection pool the clients share, with its live figures.
     * @return the pool
     */
    public DifyConnectionPool connectionPool() {
        return this.pool;
    }

    /**
     * Closes the connection pool: open connections are closed and the clients can no longer be
     * used. The Spring Boot starter does this when the application context closes.
     */
    @Override
    public void close() {
        this.pool.close();
    }

    @Override
    public String toString() {
        return "DifyClients" + this.apps.values();
    }
}
