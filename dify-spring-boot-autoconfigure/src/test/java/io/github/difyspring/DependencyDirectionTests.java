package io.github.difyspring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public client API exposes no Jackson databind or Reactor Netty types, so an application may
 * swap either without breaking its code. {@link ArchitectureTests} checks the packages themselves.
 */
class DependencyDirectionTests {

    private static final Path CLIENT_SOURCES = Path.of("src/main/java/io/github/difyspring/client");

    @Test
    void publicClientApiExposesNoJacksonOrNettyTypes() throws Exception {
        List<String> signatures = new java.util.ArrayList<>();
        for (Class<?> type : clientClasses()) {
            if (!java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            for (java.lang.reflect.Method method : type.getMethods()) {
                signatures.add(type.getName() + "#" + method.toGenericString());
            }
            for (java.lang.reflect.Constructor<?> constructor : type.getConstructors()) {
                signatures.add(constructor.toGenericString());
            }
        }
        assertThat(signatures).hasSizeGreaterThan(100)
            .noneMatch((signature) -> signature.contains("tools.jackson") || signature.contains("com.fasterxml.jackson.databind"))
            .noneMatch((signature) -> signature.contains("io.netty") || signature.contains("reactor.netty"));
    }

    private static List<Class<?>> clientClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(CLIENT_SOURCES)) {
            for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
                String name = Path.of("src/main/java").relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                if (!name.endsWith("package-info")) {
                    classes.add(Class.forName(name));
                }
            }
        }
        return classes;
    }
}
