package io.github.difyspring.test;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.StringUtils;

/**
 * Starts a {@link DifyTestServer} for a test context, adds to it the apps and the knowledge
 * workspace the context's properties configure, points their base URLs at it and makes it the
 * bean {@value #BEAN_NAME}, closed with the context.
 */
class DifyTestServerContextCustomizer implements ContextCustomizer {

    /** The name of the server's bean. */
    static final String BEAN_NAME = "difyTestServer";

    /** The name of the property source that points the clients at the server. */
    static final String PROPERTY_SOURCE_NAME = "difyTestServer";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (!(beanFactory instanceof DefaultSingletonBeanRegistry registry)) {
            throw new IllegalStateException("@AutoConfigureDifyTestServer needs a context whose bean factory can close the server, not "
                    + beanFactory.getClass().getName());
        }
        ConfigurableEnvironment environment = context.getEnvironment();
        Binder binder = Binder.get(environment);
        Map<String, App> apps = binder.bind("dify.apps", Bindable.mapOf(String.class, App.class)).orElseGet(Map::of);
        String knowledgeKey = binder.bind("dify.knowledge.api-key", String.class).orElse(null);
        DifyTestServer server = DifyTestServer.start();
        try {
            apps.forEach((name, app) -> {
                String apiKey = app.apiKey();
                DifyAppMode mode = mode(app.type());
                // Without a key, or of a type the library refuses, the app fails the library's own checks, which explain it.
                if (StringUtils.hasText(apiKey) && mode != null) {
                    add(() -> server.app(name, apiKey, mode), "dify.apps." + name + ".api-key");
                }
            });
            if (StringUtils.hasText(knowledgeKey)) {
                add(() -> server.knowledge(knowledgeKey), "dify.knowledge.api-key");
            }
            Map<String, Object> urls = new LinkedHashMap<>();
            urls.put("dify.base-url", server.baseUrl());
            // An app or the knowledge workspace may name its own base URL, which wins over dify.base-url.
            apps.keySet().forEach((name) -> urls.put("dify.apps." + name + ".base-url", server.baseUrl()));
            if (StringUtils.hasText(knowledgeKey)) {
                urls.put("dify.knowledge.base-url", server.baseUrl());
            }
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, urls));
            beanFactory.registerSingleton(BEAN_NAME, server);
            // Closed when the context closes, and also when its refresh fails.
            registry.registerDisposableBean(BEAN_NAME, server::close);
        }
        catch (RuntimeException ex) {
            server.close();
            throw ex;
        }
    }

    private static void add(Runnable adding, String property) {
        try {
            adding.run();
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("@AutoConfigureDifyTestServer cannot add " + property + ": " + ex.getMessage()
                    + ". The Dify test server tells apps apart by their keys: give each its own key in the test's properties.", ex);
        }
    }

    /**
     * The mode of an app type as the library binds it: in any case, ignoring anything but letters
     * and digits, chat when none is given. A type the library refuses (such as {@code knowledge})
     * is left to the library to report, with its own failure analysis.
     */
    private static @Nullable DifyAppMode mode(@Nullable String type) {
        if (type == null) {
            return DifyAppMode.CHAT;
        }
        try {
            return DifyAppMode.of(type.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    /**
     * The settings of {@code dify.apps.<name>} the server needs.
     * @param apiKey the app's key
     * @param type the app's type, as configured
     */
    record App(@Nullable String apiKey, @Nullable String type) {
    }
}
