package io.github.difyspring;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java example in README.md compiles against this build. Each block is compiled as the kind
 * of code it is: a class as a source file; declarations that begin with an annotation
 * ({@code @Bean}, {@code @Autowired}) as members; anything else as the body of a method of a class
 * that has the names the examples take as given ({@link ReadmeExampleContext}).
 */
class ReadmeExamplesTests {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    private static final String IMPORTS = """
            import java.net.URI;
            import java.nio.file.Path;
            import java.time.Duration;
            import java.util.*;
            import reactor.core.publisher.*;
            import org.springframework.beans.factory.annotation.*;
            import org.springframework.context.annotation.Bean;
            import org.springframework.stereotype.Service;
            import org.springframework.web.reactive.function.client.WebClient;
            import io.github.difyspring.client.*;
            import io.github.difyspring.client.chat.*;
            import io.github.difyspring.client.completion.*;
            import io.github.difyspring.client.core.*;
            import io.github.difyspring.client.error.*;
            import io.github.difyspring.client.event.*;
            import io.github.difyspring.client.file.*;
            import io.github.difyspring.client.knowledge.*;
            import io.github.difyspring.client.workflow.*;
            """;

    @TempDir
    private Path output;

    @Test
    void everyJavaExampleCompiles() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        List<JavaFileObject> sources = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(readme);
        while (block.find()) {
            sources.add(source("ReadmeExample" + (sources.size() + 1), block.group(1).stripIndent()));
        }
        assertThat(sources).as("Java examples in README.md").hasSizeGreaterThanOrEqualTo(10);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-classpath", classPath(), "-d", this.output.toString(), "-proc:none", "-Xlint:none");
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null, sources).call();

            assertThat(diagnostics.getDiagnostics()).filteredOn((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                .extracting((diagnostic) -> diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": "
                        + diagnostic.getMessage(Locale.ROOT))
                .isEmpty();
            assertThat(compiled).isTrue();
        }
    }

    /** One example as a compilation unit of the kind it is. */
    private static JavaFileObject source(String name, String code) {
        String unit;
        if (Pattern.compile("^(@\\w+\\s+)*(public\\s+)?(final\\s+)?class\\s", Pattern.MULTILINE).matcher(code).find()) {
            unit = IMPORTS + code;
        }
        else {
            List<String> members = new ArrayList<>();
            List<String> statements = new ArrayList<>();
            boolean inMembers = code.startsWith("@");
            for (String line : code.lines().toList()) {
                if (inMembers && line.isBlank() && !members.isEmpty() && members.get(members.size() - 1).endsWith(";")) {
                    inMembers = false;
                }
                (inMembers ? members : statements).add(line);
            }
            unit = IMPORTS + "class " + name + " extends io.github.difyspring.ReadmeExampleContext {\n" + String.join("\n", members)
                    + "\nvoid example() throws Exception {\n" + String.join("\n", statements) + "\n}\n}\n";
        }
        String className = unit.replaceAll("(?s).*?class\\s+(\\w+).*", "$1");
        return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit;
            }
        };
    }

    /** The test's class path: surefire names it in a property of its own, as it may run from a manifest-only jar. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path", "") + File.pathSeparator;
    }
}
