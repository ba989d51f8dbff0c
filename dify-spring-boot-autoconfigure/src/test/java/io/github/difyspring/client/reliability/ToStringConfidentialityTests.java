package io.github.difyspring.client.reliability;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No object a Dify registry is made of prints the key: the registry, its clients, transports, apps
 * and pool, and everything they hold down to the WebClient, its filters, connector and Reactor
 * Netty's HTTP client, whose {@code toString()} is called on every object reachable from the
 * registry (strings aside: the key is one).
 */
class ToStringConfidentialityTests extends DifyClientTestSupport {

    private static final int MAX_OBJECTS = 50_000;

    @Test
    void noReachableObjectPrintsTheKey() {
        try (DifyClients clients = new DifyClients(List.of(app(DifyAppType.CHAT), app(DifyAppType.AGENT), app(DifyAppType.WORKFLOW),
                app(DifyAppType.COMPLETION)), WebClient.builder(), List.of())) {
            clients.chat("chat-app").info().onErrorComplete().block(TIMEOUT);

            List<String> offenders = new ArrayList<>();
            int visited = walk(clients, (object, text) -> {
                if (text.contains(API_KEY)) {
                    offenders.add(object.getClass().getName());
                }
            });

            System.out.println("ToStringConfidentialityTests: toString() of " + visited + " objects checked");
            assertThat(visited).as("objects visited").isGreaterThan(200);
            assertThat(offenders).as("objects whose toString() shows the key").isEmpty();
        }
    }

    @Test
    void theWalkWouldSeeAKeyInAToString() {
        Object leaky = new Object() {
            final DifyApp app = DifyClientTestSupport.app(DifyAppType.CHAT);

            @Override
            public String toString() {
                return "Leaky[" + this.app.apiKey() + "]";
            }
        };
        List<String> offenders = new ArrayList<>();

        walk(List.of(leaky), (object, text) -> {
            if (text.contains(API_KEY)) {
                offenders.add(object.getClass().getName());
            }
        });

        assertThat(offenders).contains(leaky.getClass().getName());
    }

    private interface Visitor {

        void visit(Object object, String text);
    }

    private static int walk(Object root, Visitor visitor) {
        Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> queue = new java.util.LinkedList<>();
        queue.add(root);
        while (!queue.isEmpty() && seen.size() < MAX_OBJECTS) {
            Object object = queue.poll();
            if (object == null || !seen.add(object) || skipped(object.getClass())) {
                continue;
            }
            String text;
            try {
                text = String.valueOf(object);
            }
            catch (RuntimeException ex) {
                text = "";
            }
            visitor.visit(object, text);
            if (object instanceof Collection<?> collection) {
                queue.addAll(copy(collection));
            }
            else if (object instanceof Map<?, ?> map) {
                queue.addAll(copy(map.keySet()));
                queue.addAll(copy(map.values()));
            }
            else if (object.getClass().isArray() && !object.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(object); i++) {
                    queue.add(Array.get(object, i));
                }
            }
            for (Class<?> type = object.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        field.setAccessible(true);
                        queue.add(field.get(object));
                    }
                    catch (RuntimeException | IllegalAccessException ex) {
                        // a JDK internal: not ours to print
                    }
                }
            }
        }
        return seen.size();
    }

    private static List<Object> copy(Collection<?> collection) {
        try {
            return new ArrayList<>(collection);
        }
        catch (RuntimeException ex) {
            return List.of();
        }
    }

    /** Strings are the key itself; threads, class loaders and the like lead out of the registry. */
    private static boolean skipped(Class<?> type) {
        return CharSequence.class.isAssignableFrom(type) || type == Class.class || Thread.class.isAssignableFrom(type)
                || ClassLoader.class.isAssignableFrom(type) || type.getName().startsWith("java.lang.ref.")
                || type.getName().startsWith("java.lang.invoke.") || type.getName().startsWith("jdk.")
                || type.getName().startsWith("sun.") || type.getName().startsWith("java.util.concurrent.locks.");
    }
}
