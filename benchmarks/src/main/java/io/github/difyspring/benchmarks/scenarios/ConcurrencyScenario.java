package io.github.difyspring.benchmarks.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.difyspring.benchmarks.contenders.Contender;
import io.github.difyspring.benchmarks.contenders.DifyChatClientContender;
import io.github.difyspring.benchmarks.contenders.StreamClient;
import io.github.difyspring.benchmarks.contenders.StreamResult;
import io.github.difyspring.benchmarks.measure.ClientJvmProbe;
import io.github.difyspring.benchmarks.measure.Distribution;
import io.github.difyspring.benchmarks.report.ScenarioReport;
import io.github.difyspring.benchmarks.report.TargetCheck;
import io.github.difyspring.benchmarks.server.StreamProfile;
import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.core.DifyPoolOptions;

/**
 * Scenario 2: many streams at once through one client instance, each paced like an LLM answer.
 * Ideally they all finish in the time one stream takes. A contender still running at the cap is
 * stopped and reported with the streams it completed by then.
 */
public final class ConcurrencyScenario {

    /** Threads that may come and go without the client's doing: the JVM's JIT compiler threads. */
    private static final int THREAD_JITTER = 4;

    private static final long MIB = 1024 * 1024;

    private ConcurrencyScenario() {
    }

    /**
     * Runs the scenario.
     * @param context the benchmark's context
     */
    public static void run(BenchContext context) {
        StreamProfile profile = new StreamProfile(context.mode().concurrentStreamEvents(), 16,
                context.mode().concurrentStreamSpacingMillis(), 25, false);
        int streams = context.mode().concurrentStreams();
        int warmupStreams = context.mode().concurrencyWarmupStreams();
        Duration cap = context.mode().concurrencyCap();
        Duration ideal = profile.duration();
        ScenarioReport report = new ScenarioReport("concurrency",
                "2. Concurrency: " + Figures.count(streams) + " streams at once through one client instance, each "
                        + profile.events() + " events " + profile.spacingMillis() + " ms apart (one stream alone: "
                        + Figures.decimal(ideal.toMillis() / 1e3, 1) + " s); capped at " + cap.toSeconds() + " s",
                List.of("wall s", "x ideal", "completed", "lost", "errors", "1st event p50/p99 s", "heap after GC MiB", "threads",
                        "+threads", "+threads at " + warmupStreams));
        report.setting("streams", streams)
            .setting("eventsPerStream", profile.events())
            .setting("spacingMillis", profile.spacingMillis())
            .setting("idealWallSeconds", ideal.toMillis() / 1e3)
            .setting("capSeconds", cap.toSeconds())
            .setting("smallerRunStreams", warmupStreams)
            .setting("order", "every contender's smaller run first (also a warm-up), then the big runs in the order of a second round")
            .counted("wall s: from opening the first stream to the end of the last (or the cap); x ideal: wall time over one stream's "
                    + Figures.decimal(ideal.toMillis() / 1e3, 1) + " s.")
            .counted("lost: message events missing from completed streams, plus completed streams without message_end and its usage.")
            .counted("1st event: when completed streams delivered their first event, from the start of the run: how long "
                    + "opening them (and waiting for a connection) took.")
            .counted("heap after GC: the largest heap in use right after a collection during the run (GC notifications); one full "
                    + "collection is forced half a stream (" + Figures.decimal(ideal.toMillis() / 2e3, 1) + " s) after the last stream "
                    + "was opened, so the figure shows what the open streams hold; the JSON also has the largest used heap sampled "
                    + "every " + ClientJvmProbe.SAMPLE_MILLIS + " ms, garbage included. A full GC runs before each contender.")
            .counted("threads: peak live threads of the client JVM (sampled); +threads: peak minus live threads before the run; "
                    + "+threads at " + warmupStreams + ": the same for a run of " + warmupStreams + " streams just before.");
        List<Contender> runs = new ArrayList<>(context.contenders());
        boolean beyondPool = streams > DifyPoolOptions.DEFAULT_MAX_CONNECTIONS;
        if (beyondPool) {
            runs.add(DifyChatClientContender.withPool(streams));
        }
        // First every contender's smaller run, which also warms up what they share (Reactor Netty, WebClient),
        // then the big runs, in the order of a second round.
        Map<String, Outcome> smallRuns = new LinkedHashMap<>();
        for (Contender contender : runs) {
            try {
                smallRuns.put(contender.id(), runStreams(context, contender, profile, warmupStreams, cap));
            }
            catch (Exception ex) {
                context.report().failure("concurrency: " + contender.label() + " failed its run of " + warmupStreams + " streams: " + ex);
            }
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Contender contender : BenchContext.roundRobin(1, runs)) {
            Outcome small = smallRuns.get(contender.id());
            if (small == null) {
                continue;
            }
            try {
                outcomes.put(contender.id(), runStreams(context, contender, profile, streams, cap).withSmallerRun(small));
            }
            catch (Exception ex) {
                context.report().failure("concurrency: " + contender.label() + " failed: " + ex);
            }
        }
        for (Contender contender : runs) {
            Outcome outcome = outcomes.get(contender.id());
            if (outcome == null) {
                continue;
            }
            addRow(report, contender, outcome, smallRuns.get(contender.id()), ideal, streams);
            if (outcome.completed() == 0) {
                context.report().failure("concurrency: " + contender.label() + " completed no stream (" + outcome.firstError() + ")");
            }
        }
        if (beyondPool) {
            report.note("The last row is not a contender: our client with its pool raised to " + streams
                    + " connections per host, to show what the default pool size (" + DifyPoolOptions.DEFAULT_MAX_CONNECTIONS
                    + ") does to " + streams + " concurrent streams.");
        }
        context.report().add(report);
        if (!report.hasFigures()) {
            context.report().failure("concurrency: no figures");
        }
        Outcome ours = outcomes.get(ThroughputScenario.OURS);
        if (ours != null) {
            addTargets(context, ours, ideal, streams);
        }
    }

    private static Outcome runStreams(BenchContext context, Contender contender, StreamProfile profile, int streams, Duration cap)
            throws InterruptedException {
        StreamClient client = contender.streamClient(profile.baseUrl(context.loadServerPort()));
        try {
            int threadsBefore = context.probe().begin();
            long start = System.nanoTime();
            List<CompletableFuture<StreamResult>> futures = new ArrayList<>(streams);
            for (int i = 0; i < streams; i++) {
                futures.add(client.open());
            }
            // Every stream's end, failed or not: a failure is a figure here, not a reason to stop waiting.
            CompletableFuture<Void> allEnded = CompletableFuture.allOf(futures.stream()
                .map((future) -> future.handle((result, failure) -> null))
                .toArray(CompletableFuture[]::new));
            boolean capped = false;
            try {
                // Half a stream after the last was opened, the streams are in full flow: a collection
                // then shows what they hold, however lazily the collector would otherwise run.
                long midRun = Math.min(profile.duration().toNanos() / 2, cap.toNanos() - (System.nanoTime() - start));
                try {
                    allEnded.get(midRun, TimeUnit.NANOSECONDS);
                }
                catch (TimeoutException ex) {
                    System.gc();
                }
                allEnded.get(Math.max(0, cap.toNanos() - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException ex) {
                capped = true;
            }
            long wall = System.nanoTime() - start;
            ClientJvmProbe.Window window = context.probe().end();
            int completed = 0;
            int errors = 0;
            long lost = 0;
            String firstError = null;
            List<Long> firstEvents = new ArrayList<>();
            for (CompletableFuture<StreamResult> future : futures) {
                if (!future.isDone()) {
                    continue;
                }
                if (future.isCompletedExceptionally()) {
                    errors++;
                    if (firstError == null) {
                        firstError = cause(future);
                    }
                    continue;
                }
                StreamResult result = future.join();
                completed++;
                if (result.firstEventNanos() >= 0) {
                    firstEvents.add(result.firstEventNanos() - start);
                }
                lost += profile.events() - result.messageEvents() + (result.endWithUsage() ? 0 : 1);
            }
            if (capped) {
                client.stopAll();
            }
            Distribution firstEvent = Distribution.of(firstEvents.stream().mapToLong(Long::longValue).toArray());
            return new Outcome(streams, capped, wall, completed, errors, lost, firstError, window, threadsBefore,
                    (firstEvent.count() > 0) ? firstEvent.median() : -1, (firstEvent.count() > 0) ? firstEvent.percentile(99) : -1);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException(ex);
        }
        finally {
            client.close();
        }
    }

    private static String cause(CompletableFuture<StreamResult> future) {
        try {
            future.join();
            return null;
        }
        catch (RuntimeException ex) {
            Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
            return cause.toString();
        }
    }

    private static void addRow(ScenarioReport report, Contender contender, Outcome outcome, Outcome small, Duration ideal, int streams) {
        ClientJvmProbe.Window window = outcome.window();
        double wallSeconds = outcome.wallNanos() / 1e9;
        double ratio = wallSeconds / (ideal.toMillis() / 1e3);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("wallSeconds", Figures.round(wallSeconds, 3));
        figures.put("wallOverIdeal", Figures.round(ratio, 3));
        figures.put("capped", outcome.capped());
        figures.put("streams", streams);
        figures.put("completedStreams", outcome.completed());
        figures.put("unfinishedStreams", streams - outcome.completed() - outcome.errors());
        figures.put("lostEvents", outcome.lost());
        figures.put("errors", outcome.errors());
        figures.put("firstEventP50Seconds", (outcome.firstEventP50Nanos() < 0) ? null : Figures.round(outcome.firstEventP50Nanos() / 1e9, 3));
        figures.put("firstEventP99Seconds", (outcome.firstEventP99Nanos() < 0) ? null : Figures.round(outcome.firstEventP99Nanos() / 1e9, 3));
        figures.put("firstError", outcome.firstError());
        figures.put("peakHeapAfterGcMiB", (window.peakHeapAfterGcBytes() < 0) ? null : Figures.round(window.peakHeapAfterGcBytes() / (double) MIB, 1));
        figures.put("collections", window.collections());
        figures.put("peakSampledHeapMiB", Figures.round(window.peakSampledHeapBytes() / (double) MIB, 1));
        figures.put("threadsBefore", outcome.threadsBefore());
        figures.put("peakThreads", window.peakThreads());
        figures.put("addedThreads", outcome.addedThreads());
        figures.put("addedThreadsAtSmallerRun", small.addedThreads());
        figures.put("smallerRun", Map.of("streams", small.streams(), "wallSeconds", Figures.round(small.wallNanos() / 1e9, 3),
                "completedStreams", small.completed(), "errors", small.errors(), "lostEvents", small.lost()));
        String wall = Figures.decimal(wallSeconds, 2) + (outcome.capped() ? " (capped)" : "");
        report.row(contender.id(), contender.label(), figures,
                List.of(wall, Figures.decimal(ratio, 2) + "x", outcome.completed() + "/" + streams, Figures.count(outcome.lost()),
                        Figures.count(outcome.errors()), firstEvents(outcome), Figures.mebibytes(window.peakHeapAfterGcBytes()),
                        Integer.toString(window.peakThreads()),
                        "+" + outcome.addedThreads(), "+" + small.addedThreads()));
        if (outcome.capped()) {
            report.note(contender.label() + ": capped at " + Figures.decimal(wallSeconds, 0) + " s, " + outcome.completed() + "/" + streams
                    + " streams completed" + ((outcome.errors() > 0) ? ", " + outcome.errors() + " failed" : "") + ".");
        }
        if (outcome.firstError() != null) {
            report.note(contender.label() + ": first error: " + outcome.firstError());
        }
    }

    private static String firstEvents(Outcome outcome) {
        if (outcome.firstEventP50Nanos() < 0) {
            return "n/a";
        }
        return Figures.decimal(outcome.firstEventP50Nanos() / 1e9, 2) + "/" + Figures.decimal(outcome.firstEventP99Nanos() / 1e9, 2);
    }

    private static void addTargets(BenchContext context, Outcome ours, Duration ideal, int streams) {
        String label = "DifyChatClient, " + Figures.count(streams) + " concurrent streams";
        context.report().add(TargetCheck.of("concurrency-errors", label + ": errors", "0", Integer.toString(ours.errors()),
                ours.errors() == 0 && ours.completed() + ours.errors() == streams, ours.errors() + " errors, "
                        + (streams - ours.completed() - ours.errors()) + " unfinished"));
        context.report().add(TargetCheck.of("concurrency-lost-events", label + ": lost events", "0",
                Figures.count(ours.lost()) + " (" + ours.completed() + "/" + streams + " completed)",
                ours.lost() == 0 && ours.completed() == streams, Figures.count(ours.lost()) + " events"));
        double idealSeconds = ideal.toMillis() / 1e3;
        double wallSeconds = ours.wallNanos() / 1e9;
        context.report().add(TargetCheck.of("concurrency-wall-time", label + ": wall time", "<= 1.5x one stream ("
                + Figures.decimal(1.5 * idealSeconds, 1) + " s)", Figures.decimal(wallSeconds, 2) + " s = "
                + Figures.decimal(wallSeconds / idealSeconds, 2) + "x", wallSeconds <= 1.5 * idealSeconds,
                Figures.decimal(wallSeconds - 1.5 * idealSeconds, 2) + " s"));
        ClientJvmProbe.Window window = ours.window();
        boolean afterGc = window.peakHeapAfterGcBytes() >= 0;
        long heap = afterGc ? window.peakHeapAfterGcBytes() : window.peakSampledHeapBytes();
        context.report().add(TargetCheck.of("concurrency-peak-heap", label + ": peak heap (" + (afterGc ? "after GC" : "sampled, no GC ran") + ")",
                "< 512 MiB", Figures.mebibytes(heap) + " MiB", heap < 512 * MIB, Figures.mebibytes(heap - 512 * MIB) + " MiB"));
        int allowed = ours.smallerAddedThreads() + THREAD_JITTER;
        context.report().add(TargetCheck.of("concurrency-threads", label + ": live threads added (vs a run of "
                + ours.smallerStreams() + " streams)", "no growth with streams (<= +" + allowed + ")", "+" + ours.addedThreads()
                + " at " + streams + " vs +" + ours.smallerAddedThreads() + " at " + ours.smallerStreams(),
                ours.addedThreads() <= allowed, (ours.addedThreads() - allowed) + " threads"));
    }

    /** One run of many streams. */
    private record Outcome(int streams, boolean capped, long wallNanos, int completed, int errors, long lost, String firstError,
            ClientJvmProbe.Window window, int threadsBefore, long firstEventP50Nanos, long firstEventP99Nanos, int smallerAddedThreads,
            int smallerStreams) {

        Outcome(int streams, boolean capped, long wallNanos, int completed, int errors, long lost, String firstError,
                ClientJvmProbe.Window window, int threadsBefore, long firstEventP50Nanos, long firstEventP99Nanos) {
            this(streams, capped, wallNanos, completed, errors, lost, firstError, window, threadsBefore, firstEventP50Nanos,
                    firstEventP99Nanos, -1, -1);
        }

        int addedThreads() {
            return this.window.peakThreads() - this.threadsBefore;
        }

        Outcome withSmallerRun(Outcome small) {
            return new Outcome(this.streams, this.capped, this.wallNanos, this.completed, this.errors, this.lost, this.firstError,
                    this.window, this.threadsBefore, this.firstEventP50Nanos, this.firstEventP99Nanos, small.addedThreads(),
                    small.streams());
        }
    }
}
