package io.github.difyspring.sample.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's "Testing your application" shows {@link SupportEndpointsTests} as it is, so the example
 * a user copies is a test that runs on every build.
 */
class ReadmeTestingSectionTests {

    @Test
    void readmeShowsTheTestAsItIs() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/github/difyspring/sample/testing/SupportEndpointsTests.java"));
        String withoutPackage = source.substring(source.indexOf('\n', source.indexOf("package ")) + 1).strip();
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains("```java\n" + withoutPackage + "\n```");
    }
}
