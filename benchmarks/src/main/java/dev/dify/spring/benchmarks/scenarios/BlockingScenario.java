package dev.dify.spring.benchmarks.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.dify.spring.benchmarks.contenders.BlockingClient;
import dev.dify.spring.benchmarks.contenders.Contender;
import dev.dify.spring.benchmarks.measure.ClientJvmProbe;
import dev.dify.spring.benchmarks.measure.Distribution;
import dev.dify.spring.benchmarks.report.ScenarioReport;
import dev.dify.spring.benchmarks.server.StreamProfile;

/**
 * Scenario 4: blocking chat calls ({@code response_mode: blocking}) from many threads at once, as a
 * Spring MVC application or a batch job makes them: each of a fixed pool of threads calls, waits
 * for the answer and calls again. Both contenders get the same threads; only the client differs.
 */
public final class BlockingScenario {

    /** The blocking answers do not depend on the profile; the path only has to carry one. */
    private static final StreamProfile ANY_PROFILE = new StreamProfile(1, 16, 0, 0, false);

    private BlockingScenario() {
    }

    /**
     * Runs the scenario.
     * @param context the benchmark's context
     */
    public static void run(BenchContext context) {
        int concurrency = context.mode().blockingConcurrency();
        int calls = context.mode().blockingCalls();
        List<Contender> contenders = new ArrayList<>();
        Map<String, BlockingClient> clients = new LinkedHashMap<>();
        Map<String, Samples> samples = new LinkedHashMap<>();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(concurrency, (task) -> {
            Thread thread = new Thread(task, "bench-caller-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Contender contender : context.contenders()) {
                contender.blockingClient(ANY_PROFILE.baseUrl(context.loadServerPort())).ifPresent((client) -> {
                    contenders.add(contender);
                    clients.put(contender.id(), client);
                    samples.put(contender.id(), new Samples());
                });
            }
            for (int round = 0; round <= context.mode().blockingRounds(); round++) {
                boolean measured = round > 0;
                for (Contender contender : BenchContext.roundRobin(round, contenders)) {
                    Samples into = samples.get(contender.id());
                    if (into.failed) {
                        continue;
                    }
                    try {
                        runRound(context.probe(), callers, clients.get(contender.id()), measured ? calls : context.mode().blockingWarmupCalls(),
                                measured ? into : new Samples());
                    }
                    catch (Exception ex) {
                        into.failed = true;
                        context.report().failure("blocking: " + contender.label() + " failed: " + ex);
                    }
                }
            }
        }
        finally {
            callers.shutdownNow();
            clients.values().forEach(BlockingClient::close);
        }
        report(context, contenders, samples, calls, concurrency);
    }

    private static void runRound(ClientJvmProbe probe, ExecutorService callers, BlockingClient client, int calls, Samples into)
            throws Exception {
        long[] latencies = new long[calls];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        int threads = ((java.util.concurrent.ThreadPoolExecutor) callers).getCorePoolSize();
        probe.begin();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            workers.add(callers.submit(() -> {
                int call;
                while ((call = next.getAndIncrement()) < calls) {
                    long begin = System.nanoTime();
                    try {
                        client.call();
                        latencies[call] = System.nanoTime() - begin;
                    }
                    catch (Exception ex) {
                        latencies[call] = -1;
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, ex.toString());
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(10, TimeUnit.MINUTES);
        }
        long wall = System.nanoTime() - start;
        ClientJvmProbe.Window window = probe.end();
        int ok = 0;
        for (long latency : latencies) {
            if (latency >= 0) {
                into.latencies.add(latency);
                ok++;
            }
        }
        into.calls += calls;
        into.errors += errors.get();
        into.wallNanos += wall;
        into.allocated += window.allocatedBytes();
        if (into.firstError == null) {
            into.firstError = firstError.get();
        }
        if (ok == 0) {
            throw new IllegalStateException("every call failed; the first: " + firstError.get());
        }
    }

    private static void report(BenchContext context, List<Contender> contenders, Map<String, Samples> samples, int calls, int concurrency) {
        ScenarioReport report = new ScenarioReport("blocking",
                "4. Blocking calls: " + Figures.count(calls) + " blocking chat calls from " + concurrency + " threads at once, "
                        + context.mode().blockingRounds() + " measured round(s) after one of " + Figures.count(context.mode().blockingWarmupCalls()),
                List.of("calls", "errors", "p50 ms", "p99 ms", "calls/s", "alloc KB/call"));
        report.setting("callsPerRound", calls)
            .setting("threads", concurrency)
            .setting("measuredRounds", context.mode().blockingRounds())
            .setting("warmupCalls", context.mode().blockingWarmupCalls())
            .counted("Each of " + concurrency + " threads makes one call after the other: ours as send(request).block(), the imfangs "
                    + "client as sendChatMessage(message); the same threads for both.")
            .counted("p50/p99: latency of a call as its thread sees it, over every measured call; calls/s: successful calls over "
                    + "the wall time of the rounds.")
            .counted("alloc KB/call: bytes allocated by every thread of the client JVM (the calling threads included), per call.");
        for (Contender contender : contenders) {
            Samples s = samples.get(contender.id());
            if (s.latencies.isEmpty()) {
                continue;
            }
            Distribution latency = Distribution.of(s.latencies.stream().mapToLong(Long::longValue).toArray());
            double perSecond = latency.count() / (s.wallNanos / 1e9);
            double allocatedKb = s.allocated / 1024.0 / s.calls;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("calls", s.calls);
            figures.put("errors", s.errors);
            figures.put("firstError", s.firstError);
            figures.put("latencyP50Millis", Figures.toMillis(latency.median()));
            figures.put("latencyP99Millis", Figures.toMillis(latency.percentile(99)));
            figures.put("callsPerSecond", Figures.round(perSecond, 1));
            figures.put("allocatedKiBPerCall", Figures.round(allocatedKb, 1));
            report.row(contender.id(), contender.label(), figures,
                    List.of(Figures.count(s.calls), Figures.count(s.errors), Figures.millis(latency.median()),
                            Figures.millis(latency.percentile(99)), Figures.count(Math.round(perSecond)), Figures.decimal(allocatedKb, 1)));
            if (s.firstError != null) {
                report.note(contender.label() + ": first error: " + s.firstError);
            }
        }
        context.report().add(report);
        if (!report.hasFigures()) {
            context.report().failure("blocking: no figures");
        }
    }

    /** One contender's measured calls. */
    private static final class Samples {

        final List<Long> latencies = new ArrayList<>();

        long calls;

        long errors;

        long wallNanos;

        long allocated;

        String firstError;

        boolean failed;
    }
}
