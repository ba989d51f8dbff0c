package io.github.difyspring.client.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README.md's coverage table has a row, with a client method and tests, for every app-level
 * operation of the spec.
 */
class ReadmeCoverageTableTests {

    @Test
    void everyOperationHasARowWithAMethodAndTests() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../README.md")).stream().filter((line) -> line.startsWith("| `")).toList();
        for (String endpoint : new DifyOpenApiSpec().operations().values()) {
            assertThat(rows).as("README row for %s", endpoint)
                .filteredOn((row) -> row.startsWith("| `" + endpoint + "` |"))
                .singleElement()
                .satisfies((row) -> {
                    String[] cells = row.split("\\|");
                    assertThat(cells[2]).as("client method of %s", endpoint).contains("(").doesNotContain("MISSING");
                    assertThat(cells[3]).as("tests of %s", endpoint).contains("Test");
                });
        }
    }
}
