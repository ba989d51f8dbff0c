package io.github.difyspring.benchmarks.scenarios;

import java.time.Duration;
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

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.difyspring.benchmarks.contenders.BlockingClient;
import io.github.difyspring.benchmarks.contenders.Contender;
import io.github.difyspring.benchmarks.contenders.ReactiveCalls;
import io.github.difyspring.benchmarks.measure.ClientJvmProbe;
import io.github.difyspring.benchmarks.measure.Distribution;
import io.github.difyspring.benchmarks.report.ScenarioReport;
import io.github.difyspring.benchmarks.server.StreamProfile;

/**
 * Scenario 4: blocking chat calls ({@code response_mode: blocking}) made many at once. As a Spring
 * MVC application or a batch job makes them, each of a fixed pool of threads calls, waits for the
 * answer and calls again; every contender gets the same threads. Our client is also measured the
 * WebFlux way, as that many concurrent subscriptions and no waiting threads.
 */
public final class BlockingScenario {

    /** The blocking answers do not depend on the profile; the path only has to carry one. */
    private static final StreamProfile ANY_PROFILE = new StreamProfile(1, 16, 0, 0, false);

    private static final Duration ROUND_LIMIT = Duration.ofMinutes(10);

    private BlockingScenario() {
    }

    /**
     * Runs the scenario.
     * @param context the benchmark's context
     */
    public static void run(BenchContext context) {
        int concurrency = context.mode().blockingConcurrency();
        int calls = context.mode().blockingCalls();
        List<Entry> entries = new ArrayList<>();
        List<BlockingClient> clients = new ArrayList<>();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(concurrency, (task) -> {
            Thread thread = new Thread(task, "bench-caller-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Contender contender : context.contenders()) {
                contender.blockingClient(ANY_PROFILE.baseUrl(context.loadServerPort())).ifPresent((client) -> {
                    clients.add(client);
                    entries.add(new Entry(contender.id(), contender.label(), (count, samples) -> onThreads(callers, concurrency, client,
                            count, samples)));
                    if (client instanceof ReactiveCalls reactive) {
                        entries.add(new Entry(contender.id() + "-subscriptions", contender.label().replace(" (ours)", "")
                                + ", " + concurrency + " subscriptions (no threads)", (count, samples) -> onSubscriptions(reactive,
                                        concurrency, count, samples)));
                    }
                });
            }
            for (int round = 0; round <= context.mode().blockingRounds(); round++) {
                boolean measured = round > 0;
                for (Entry entry : BenchContext.roundRobin(round, entries)) {
                    if (entry.samples.failed) {
                        continue;
                    }
                    try {
                        Samples into = measured ? entry.samples : new Samples();
                        context.probe().begin();
                        long start = System.nanoTime();
                        entry.driver.run(measured ? calls : context.mode().blockingWarmupCalls(), into);
                        into.wallNanos += System.nanoTime() - start;
                        ClientJvmProbe.Window window = context.probe().end();
                        into.allocated += window.allocatedBytes();
                        into.cpuNanos += window.cpuNanos();
                    }
                    catch (Exception ex) {
                        entry.samples.failed = true;
                        context.report().failure("blocking: " + entry.label + " failed: " + ex);
                    }
                }
            }
        }
        finally {
            callers.shutdownNow();
            clients.forEach(BlockingClient::close);
        }
        report(context, entries, calls, concurrency);
    }

    /** Each thread of the pool calls, waits for the answer, calls again, until the round's calls are made. */
    private static void onThreads(ExecutorService callers, int threads, BlockingClient client, int calls, Samples into) throws Exception {
        long[] latencies = new long[calls];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
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
                        firstError.compareAndSet(null, ex.toString());
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(ROUND_LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
        into.add(latencies, firstError.get());
    }

    /** That many calls subscribed at once; each one's end subscribes the next. */
    private static void onSubscriptions(ReactiveCalls client, int concurrency, int calls, Samples into) {
        long[] latencies = new long[calls];
        AtomicReference<String> firstError = new AtomicReference<>();
        Flux.range(0, calls).flatMap((call) -> Mono.defer(() -> {
            long begin = System.nanoTime();
            return client.callLater().doOnNext((length) -> latencies[call] = System.nanoTime() - begin);
        }).onErrorResume((ex) -> {
            latencies[call] = -1;
            firstError.compareAndSet(null, ex.toString());
            return Mono.empty();
        }), concurrency).blockLast(ROUND_LIMIT);
        into.add(latencies, firstError.get());
    }

    private static void report(BenchContext context, List<Entry> entries, int calls, int concurrency) {
        ScenarioReport report = new ScenarioReport("blocking",
                "4. Blocking calls: " + Figures.count(calls) + " blocking chat calls, " + concurrency + " at once, "
                        + context.mode().blockingRounds() + " measured round(s) after one of " + Figures.count(context.mode().blockingWarmupCalls()),
                List.of("calls", "errors", "p50 ms", "p99 ms", "calls/s", "alloc KB/call", "CPU us/call"));
        report.setting("callsPerRound", calls)
            .setting("concurrency", concurrency)
            .setting("measuredRounds", context.mode().blockingRounds())
            .setting("warmupCalls", context.mode().blockingWarmupCalls())
            .counted("Threads: each of " + concurrency + " threads makes one call after the other: ours as send(request).block(), the "
                    + "imfangs client as sendChatMessage(message); the same threads for both. Subscriptions: " + concurrency
                    + " send(request) Monos subscribed at once (flatMap), no thread waiting.")
            .counted("p50/p99: latency of a call as its caller sees it, over every measured call; calls/s: successful calls over "
                    + "the wall time of the rounds.")
            .counted("alloc KB/call: bytes allocated by every thread of the client JVM (the calling threads included), per call; "
                    + "CPU us/call: CPU time of the whole client JVM per call.");
        for (Entry entry : entries) {
            Samples s = entry.samples;
            if (s.latencies.isEmpty()) {
                continue;
            }
            Distribution latency = Distribution.of(s.latencies.stream().mapToLong(Long::longValue).toArray());
            double perSecond = latency.count() / (s.wallNanos / 1e9);
            double allocatedKb = s.allocated / 1024.0 / s.calls;
            double cpuMicros = s.cpuNanos / 1e3 / s.calls;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("calls", s.calls);
            figures.put("errors", s.errors);
            figures.put("firstError", s.firstError);
            figures.put("latencyP50Millis", Figures.toMillis(latency.median()));
            figures.put("latencyP99Millis", Figures.toMillis(latency.percentile(99)));
            figures.put("callsPerSecond", Figures.round(perSecond, 1));
            figures.put("allocatedKiBPerCall", Figures.round(allocatedKb, 1));
            figures.put("cpuMicrosPerCall", Figures.round(cpuMicros, 1));
            report.row(entry.id, entry.label, figures,
                    List.of(Figures.count(s.calls), Figures.count(s.errors), Figures.millis(latency.median()),
                            Figures.millis(latency.percentile(99)), Figures.count(Math.round(perSecond)), Figures.decimal(allocatedKb, 1),
                            Figures.decimal(cpuMicros, 0)));
            if (s.firstError != null) {
                report.note(entry.label + ": first error: " + s.firstError);
            }
        }
        context.report().add(report);
        if (!report.hasFigures()) {
            context.report().failure("blocking: no figures");
        }
    }

    /** Makes one round of calls. */
    @FunctionalInterface
    private interface Driver {

        void run(int calls, Samples into) throws Exception;
    }

    /** One row of the table: a contender, or our client driven another way. */
    private static final class Entry {

        final String id;

        final String label;

        final Driver driver;

        final Samples samples = new Samples();

        Entry(String id, String label, Driver driver) {
            this.id = id;
            this.label = label;
            this.driver = driver;
        }
    }

    /** One row's measured calls. */
    private static final class Samples {

        final List<Long> latencies = new ArrayList<>();

        long calls;

        long errors;

        long wallNanos;

        long allocated;

        long cpuNanos;

        String firstError;

        boolean failed;

        void add(long[] latencies, String firstError) {
            int ok = 0;
            for (long latency : latencies) {
                if (latency >= 0) {
                    this.latencies.add(latency);
                    ok++;
                }
            }
            this.calls += latencies.length;
            this.errors += latencies.length - ok;
            if (this.firstError == null) {
                this.firstError = firstError;
            }
            if (ok == 0) {
                throw new IllegalStateException("every call failed; the first: " + firstError);
            }
        }
    }
}
