package io.github.difyspring.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.difyspring.benchmarks.contenders.Contender;
import io.github.difyspring.benchmarks.contenders.DifyChatClientContender;
import io.github.difyspring.benchmarks.contenders.ImfangsContender;
import io.github.difyspring.benchmarks.contenders.RawWebClientContender;
import io.github.difyspring.benchmarks.contenders.WireLimitContender;
import io.github.difyspring.benchmarks.measure.ChildJvm;
import io.github.difyspring.benchmarks.measure.ClientJvmProbe;
import io.github.difyspring.benchmarks.measure.LibraryFingerprint;
import io.github.difyspring.benchmarks.report.Report;
import io.github.difyspring.benchmarks.scenarios.BenchContext;
import io.github.difyspring.benchmarks.scenarios.BlockingScenario;
import io.github.difyspring.benchmarks.scenarios.ConcurrencyScenario;
import io.github.difyspring.benchmarks.scenarios.PassthroughScenario;
import io.github.difyspring.benchmarks.scenarios.ThroughputScenario;
import io.github.difyspring.benchmarks.server.LoadServer;
import io.github.difyspring.client.DifyChatClient;

/**
 * Runs the benchmarks and reports them: {@code BenchmarkRunner [quick|full] [scenario...]}, where
 * the scenarios are {@code throughput}, {@code concurrency}, {@code passthrough} and
 * {@code blocking} (all by default). Use {@code benchmarks/run}, which builds what is needed and
 * fixes the JVM options.
 *
 * <p>This JVM holds only the clients being measured; the load server and the sample app run in
 * child JVMs, stopped at the end whatever happens. The exit status is 1 when the harness broke (a
 * contender failed unexpectedly, a scenario gave no figures, the JSON could not be written), never
 * because a target was missed.
 */
public final class BenchmarkRunner {

    private static final List<String> SCENARIOS = List.of("throughput", "concurrency", "passthrough", "blocking");

    /** The load server's JVM options: enough heap for 1,000 streams, the same collector as the client. */
    private static final List<String> LOAD_SERVER_JVM_OPTIONS = List.of("-Xms512m", "-Xmx1g", "-XX:+UseG1GC");

    private BenchmarkRunner() {
    }

    /**
     * Runs the benchmarks.
     * @param args the mode, then optionally the scenarios to run
     */
    public static void main(String[] args) {
        BenchMode mode = BenchMode.named((args.length > 0) ? args[0] : "full");
        List<String> scenarios = (args.length > 1) ? List.of(Arrays.copyOfRange(args, 1, args.length)) : SCENARIOS;
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("Unknown scenario '" + scenario + "': use any of " + SCENARIOS);
            }
        }
        Path results = Path.of(System.getProperty("bench.results", "benchmarks/target/bench-results.json"));
        Path workDirectory = results.toAbsolutePath().getParent();
        Path sampleAppJar = Path.of(System.getProperty("bench.sampleAppJar", "dify-sample-app/target/dify-sample-app.jar"));
        Map<String, List<String>> childOptions = new LinkedHashMap<>();
        childOptions.put("loadServer", LOAD_SERVER_JVM_OPTIONS);
        childOptions.put("sampleApp", PassthroughScenario.SAMPLE_APP_JVM_OPTIONS);
        Report report = new Report(mode.asMap(), childOptions);
        report.library(library(sampleAppJar));
        List<Contender> contenders = List.of(DifyChatClientContender.withDefaults(), new RawWebClientContender(), new ImfangsContender(),
                new WireLimitContender());
        long started = System.nanoTime();
        try (ClientJvmProbe probe = new ClientJvmProbe(); LoadServerJvm loadServer = LoadServerJvm.start(workDirectory)) {
            BenchContext context = new BenchContext(mode, contenders, loadServer.port(), probe, report, workDirectory, sampleAppJar);
            for (String scenario : scenarios) {
                long scenarioStart = System.nanoTime();
                System.out.println("Running " + scenario + " (" + mode.name() + ")...");
                try {
                    switch (scenario) {
                        case "throughput" -> ThroughputScenario.run(context);
                        case "concurrency" -> ConcurrencyScenario.run(context);
                        case "passthrough" -> {
                            if (!Files.isRegularFile(sampleAppJar)) {
                                throw new IllegalStateException("The sample app's jar is missing: " + sampleAppJar
                                        + " (build it with ./mvnw -pl dify-sample-app -am package)");
                            }
                            PassthroughScenario.run(context);
                        }
                        case "blocking" -> BlockingScenario.run(context);
                        default -> throw new IllegalStateException(scenario);
                    }
                }
                catch (Exception ex) {
                    report.failure(scenario + ": " + ex);
                    ex.printStackTrace();
                }
                System.out.println("  " + scenario + " took " + Duration.ofNanos(System.nanoTime() - scenarioStart).toSeconds() + " s");
            }
        }
        catch (RuntimeException ex) {
            report.failure("setting up: " + ex);
            ex.printStackTrace();
        }
        report.print(System.out);
        System.out.println("Measured in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s.");
        int status = report.failures().isEmpty() ? 0 : 1;
        try {
            report.writeJson(results);
            System.out.println("Figures written to " + results);
        }
        catch (Exception ex) {
            System.err.println("Could not write " + results + ": " + ex);
            status = 1;
        }
        System.exit(status);
    }

    private static Map<String, Object> library(Path sampleAppJar) {
        Map<String, Object> library = new LinkedHashMap<>();
        library.put("checkout", System.getProperty("bench.checkout", "unknown"));
        Path clientJar = LibraryFingerprint.locationOf(DifyChatClient.class);
        String clientSha = LibraryFingerprint.sha256(clientJar);
        library.put("clientJar", clientJar.getFileName().toString());
        library.put("clientJarSha256", clientSha);
        if (Files.isRegularFile(sampleAppJar)) {
            LibraryFingerprint.nestedSha256(sampleAppJar, "dify-spring-boot-autoconfigure-").ifPresent((sampleSha) -> {
                library.put("sampleAppLibrarySha256", sampleSha);
                library.put("sameBuildInSampleApp", sampleSha.equals(clientSha));
            });
        }
        return library;
    }

    /** The load server's JVM and the port it listens on. */
    private record LoadServerJvm(ChildJvm jvm, int port) implements AutoCloseable {

        static LoadServerJvm start(Path workDirectory) {
            int port = ChildJvm.freePort();
            List<String> mainAndArgs = List.of("-cp", System.getProperty("java.class.path"), LoadServer.class.getName(),
                    Integer.toString(port));
            List<String> options = new ArrayList<>(LOAD_SERVER_JVM_OPTIONS);
            options.add("-Dbench.logFile=" + workDirectory.resolve("load-server-warnings.log"));
            ChildJvm jvm = ChildJvm.start("load-server", options, mainAndArgs, workDirectory);
            try {
                jvm.awaitReady(port, Duration.ofMinutes(1), null);
            }
            catch (RuntimeException ex) {
                jvm.close();
                throw ex;
            }
            return new LoadServerJvm(jvm, port);
        }

        @Override
        public void close() {
            this.jvm.close();
        }
    }
}
