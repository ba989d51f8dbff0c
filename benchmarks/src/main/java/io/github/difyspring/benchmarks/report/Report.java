package io.github.difyspring.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a run found: the machine it ran on, each scenario's figures, where our client stands
 * against its targets, and anything that broke the harness. Printed as tables and written as JSON
 * with the same figures.
 */
public final class Report {

    private final Map<String, Object> machine = new LinkedHashMap<>();

    private final Map<String, Object> mode;

    private final List<ScenarioReport> scenarios = new ArrayList<>();

    private final List<TargetCheck> targets = new ArrayList<>();

    private final List<String> failures = new ArrayList<>();

    /**
     * Starts a report, recording the machine and JVM it runs on.
     * @param mode the mode's settings
     * @param childJvmOptions the options the child JVMs are started with
     */
    public Report(Map<String, Object> mode, Map<String, List<String>> childJvmOptions) {
        this.mode = mode;
        this.machine.put("date", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        this.machine.put("cores", Runtime.getRuntime().availableProcessors());
        this.machine.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Map<String, Object> jdk = new LinkedHashMap<>();
        jdk.put("version", System.getProperty("java.runtime.version"));
        jdk.put("vendor", System.getProperty("java.vendor"));
        jdk.put("vm", System.getProperty("java.vm.name"));
        this.machine.put("jdk", jdk);
        Map<String, Object> os = new LinkedHashMap<>();
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        this.machine.put("os", os);
        this.machine.put("clientJvmOptions", ManagementFactory.getRuntimeMXBean().getInputArguments());
        this.machine.put("childJvmOptions", childJvmOptions);
    }

    /**
     * Records which build of the library was measured.
     * @param library the checkout and the fingerprints of the library's jars
     */
    public void library(Map<String, Object> library) {
        this.machine.put("library", library);
    }

    /**
     * Adds a scenario's figures.
     * @param scenario the figures
     */
    public void add(ScenarioReport scenario) {
        this.scenarios.add(scenario);
    }

    /**
     * Adds a target check.
     * @param target the check
     */
    public void add(TargetCheck target) {
        this.targets.add(target);
    }

    /**
     * Records that the harness broke: the run will exit non-zero.
     * @param what what broke and how
     */
    public void failure(String what) {
        this.failures.add(what);
    }

    /**
     * What broke the harness.
     * @return the failures, empty when none
     */
    public List<String> failures() {
        return List.copyOf(this.failures);
    }

    /**
     * Prints the tables.
     * @param out where to
     */
    public void print(PrintStream out) {
        @SuppressWarnings("unchecked")
        Map<String, Object> jdk = (Map<String, Object>) this.machine.get("jdk");
        @SuppressWarnings("unchecked")
        Map<String, Object> os = (Map<String, Object>) this.machine.get("os");
        out.println();
        out.println("Dify client benchmarks, " + this.mode.get("name") + " mode, " + this.machine.get("date"));
        out.println(this.machine.get("cores") + " cores, " + jdk.get("vm") + " " + jdk.get("version") + " (" + jdk.get("vendor")
                + "), " + os.get("name") + " " + os.get("version") + " " + os.get("arch") + ", load average at start "
                + String.format("%.2f", (Double) this.machine.get("loadAverageAtStart")));
        out.println("Client JVM: " + String.join(" ", castList(this.machine.get("clientJvmOptions")).stream()
            .filter((option) -> !option.startsWith("-Dbench."))
            .toList())
                + "; the load server and the sample app run in their own JVMs.");
        if (this.machine.get("library") instanceof Map<?, ?> library) {
            out.println("Library: checkout " + library.get("checkout") + ", " + library.get("clientJar") + " sha256 "
                    + library.get("clientJarSha256") + ((library.get("sampleAppLibrarySha256") != null)
                            ? ", in the sample app sha256 " + library.get("sampleAppLibrarySha256") : ""));
            if (Boolean.FALSE.equals(library.get("sameBuildInSampleApp"))) {
                out.println("WARNING: the sample app embeds another build of the library than the client JVM measures.");
            }
        }
        for (ScenarioReport scenario : this.scenarios) {
            out.println();
            out.println(scenario.title());
            printTable(out, scenario);
            for (String line : scenario.countedLines()) {
                out.println("  * " + line);
            }
            for (String note : scenario.notes()) {
                out.println("  ! " + note);
            }
        }
        if (!this.targets.isEmpty()) {
            out.println();
            out.println("Targets (reported, not asserted)");
            for (TargetCheck target : this.targets) {
                out.println("  " + (target.met() ? "[met]    " : "[MISSED] ") + target.description() + ": " + target.actual() + " (target "
                        + target.goal() + ")" + (target.met() ? "" : "; missed by " + target.shortfall()));
            }
        }
        if (!this.failures.isEmpty()) {
            out.println();
            out.println("HARNESS FAILURES (the run exits non-zero)");
            this.failures.forEach((failure) -> out.println("  - " + failure));
        }
        out.println();
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }

    private static void printTable(PrintStream out, ScenarioReport scenario) {
        List<String> headers = new ArrayList<>();
        headers.add("");
        headers.addAll(scenario.columns());
        List<List<String>> lines = new ArrayList<>();
        for (ScenarioReport.Row row : scenario.rows()) {
            List<String> line = new ArrayList<>();
            line.add(row.label());
            line.addAll(row.cells());
            lines.add(line);
        }
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> line : lines) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        out.println("  " + format(headers, widths));
        for (List<String> line : lines) {
            out.println("  " + format(line, widths));
        }
    }

    private static String format(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            text.append((i == 0) ? cell + pad : "  " + pad + cell);
        }
        return text.toString().stripTrailing();
    }

    /**
     * Writes the JSON.
     * @param file where to
     * @throws IOException when it cannot be written
     */
    public void writeJson(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", this.machine);
        json.put("mode", this.mode);
        Map<String, Object> scenarioJson = new LinkedHashMap<>();
        this.scenarios.forEach((scenario) -> scenarioJson.put(scenario.id(), scenario.toJson()));
        json.put("scenarios", scenarioJson);
        json.put("targets", this.targets.stream().map(TargetCheck::toJson).toList());
        json.put("harnessFailures", this.failures);
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, mapper.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
    }
}
