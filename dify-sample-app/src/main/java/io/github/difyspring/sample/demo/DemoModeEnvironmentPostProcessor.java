package io.github.difyspring.sample.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import io.github.difyspring.autoconfigure.DifyProperties;

/**
 * Switches the application to its offline demo when no Dify app and no knowledge client has an
 * API key: activates the {@code demo} profile, whose settings ({@code demo-mode.yml}: the apps
 * {@code assistant}, {@code writer} and {@code pipeline}, a workspace's knowledge bases, and the
 * accounts {@code alice} and {@code bob}) are added
 * with the lowest precedence, and picks the loopback port of the simulated Dify those apps talk
 * to. {@code sample.demo.enabled} forces the decision either way.
 *
 * <p>It runs after the configuration files are read, so a key from any source (environment,
 * {@code application.yml}, command line) turns the demo off.
 */
public class DemoModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROFILE = "demo";

    private static final String SETTINGS = "demo-mode.yml";

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        Boolean enabled = binder.bind("sample.demo.enabled", Boolean.class).orElse(null);
        boolean demo = (enabled != null) ? enabled : !anyApiKey(binder);
        if (!demo) {
            return;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sample.demo.enabled", true);
        int port = binder.bind("sample.demo.port", Integer.class).orElse(0);
        settings.put("sample.demo.port", (port > 0) ? port : freeLoopbackPort());
        environment.getPropertySources().addLast(new MapPropertySource("difyDemoMode", settings));
        for (PropertySource<?> source : load()) {
            environment.getPropertySources().addLast(source);
        }
        environment.addActiveProfile(PROFILE);
    }

    private static boolean anyApiKey(Binder binder) {
        Map<String, DifyProperties.App> apps = binder.bind(DifyProperties.PREFIX + ".apps",
                Bindable.mapOf(String.class, DifyProperties.App.class)).orElse(Map.of());
        String knowledgeKey = binder.bind(DifyProperties.PREFIX + ".knowledge.api-key", String.class).orElse(null);
        return apps.values().stream().anyMatch((app) -> app.getApiKey() != null && !app.getApiKey().isBlank())
                || (knowledgeKey != null && !knowledgeKey.isBlank());
    }

    private static List<PropertySource<?>> load() {
        try {
            return new YamlPropertySourceLoader().load("demo-mode.yml (the offline demo)", new ClassPathResource(SETTINGS));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + SETTINGS, ex);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Found no free loopback port for the simulated Dify", ex);
        }
    }
}
