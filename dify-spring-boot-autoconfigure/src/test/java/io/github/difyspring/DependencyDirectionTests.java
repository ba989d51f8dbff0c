package io.github.difyspring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients stay usable without Spring Boot: nothing under {@code io.github.difyspring.client} may
 * import Spring Boot or the auto-configuration, and the public client API exposes no Jackson
 * databind or Reactor Netty types.
 */
class DependencyDirectionTests {

    private static final Path CLIENT_SOURCES = Path.of("src/main/java/io/github/difyspring/client");

    @Test
    void clientCodeImportsNeitherSpringBootNorTheAutoConfiguration() throws IOException {
        assertThat(importsOf(CLIENT_SOURCES)).isNotEmpty()
            .noneMatch((line) -> line.contains("org.springframework.boot"))
            .noneMatch((line) -> line.contains("io.github.difyspring.autoconfigure"));
    }

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

    private static List<String> importsOf(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter((file) -> file.toString().endsWith(".java")).flatMap((file) -> {
                try {
                    return Files.readAllLines(file).stream().filter((line) -> line.startsWith("import ")).map((line) -> file + ": " + line);
                }
                catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }).toList();
        }
    }
}
