package io.github.difyspring.benchmarks.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.difyspring.benchmarks.contenders.Contender;
import io.github.difyspring.benchmarks.contenders.StreamClient;
import io.github.difyspring.benchmarks.contenders.StreamResult;
import io.github.difyspring.benchmarks.measure.ClientJvmProbe;
import io.github.difyspring.benchmarks.measure.Distribution;
import io.github.difyspring.benchmarks.report.ScenarioReport;
import io.github.difyspring.benchmarks.report.TargetCheck;
import io.github.difyspring.benchmarks.server.DifyWire;
import io.github.difyspring.benchmarks.server.StreamProfile;
import io.github.difyspring.client.DifyChatClient;

/**
 * Scenario 1: one stream of many small {@code message} events, sent as fast as the load server can:
 * how many events per second each contender delivers to its caller, and what it allocates and
 * spends in CPU per event.
 */
public final class ThroughputScenario {

    static final String FLOOR = "webclient-raw";

    static final String OURS = "dify-chat-client";

    static final String PEER = "imfangs-dify-java-client";

    private static final int ANSWER_CHARS = 16;

    private static final int PING_EVERY = 1_000;

    private ThroughputScenario() {
    }

    /**
     * Runs the scenario.
     * @param context the benchmark's context
     */
    public static void run(BenchContext context) {
        StreamProfile profile = new StreamProfile(context.mode().throughputEvents(), ANSWER_CHARS, 0, PING_EVERY, false);
        int eventBytes = DifyWire.messageEvent(DifyWire.AnswerIds.random(), DifyWire.answer(ANSWER_CHARS, -1)).length;
        Map<String, Samples> samples = new LinkedHashMap<>();
        Map<String, StreamClient> clients = new LinkedHashMap<>();
        try {
            for (Contender contender : context.contenders()) {
                clients.put(contender.id(), contender.streamClient(profile.baseUrl(context.loadServerPort())));
                samples.put(contender.id(), new Samples());
            }
            int rounds = context.mode().throughputWarmups() + context.mode().throughputRounds();
            for (int round = 0; round < rounds; round++) {
                boolean measured = round >= context.mode().throughputWarmups();
                for (Contender contender : BenchContext.roundRobin(round, context.contenders())) {
                    Samples forContender = samples.get(contender.id());
                    if (forContender.failed) {
                        continue;
                    }
                    try {
                        runOnce(context.probe(), clients.get(contender.id()), profile, measured ? forContender : null);
                    }
                    catch (Exception ex) {
                        forContender.failed = true;
                        context.report().failure("throughput: " + contender.label() + " failed: " + ex);
                    }
                }
            }
        }
        finally {
            clients.values().forEach(StreamClient::close);
        }
        report(context, profile, eventBytes, samples);
    }

    private static void runOnce(ClientJvmProbe probe, StreamClient client, StreamProfile profile, Samples samples) throws Exception {
        probe.begin();
        long start = System.nanoTime();
        StreamResult result = client.open().get(5, TimeUnit.MINUTES);
        long elapsed = System.nanoTime() - start;
        ClientJvmProbe.Window window = probe.end();
        if (samples == null) {
            return;
        }
        long delivered = result.messageEvents();
        samples.eventsPerSecond.add(Math.round(delivered / (elapsed / 1e9)));
        samples.allocatedPerEvent.add(window.allocatedBytes() / Math.max(1, delivered));
        samples.cpuNanosPerEvent.add(window.cpuNanos() / Math.max(1, delivered));
        samples.lost += profile.events() - delivered;
        if (!result.endWithUsage()) {
            samples.missingEnds++;
        }
    }

    private static void report(BenchContext context, StreamProfile profile, int eventBytes, Map<String, Samples> samples) {
        ScenarioReport report = new ScenarioReport("streamThroughput",
                "1. Stream throughput: one stream of " + Figures.count(profile.events()) + " message events (" + eventBytes
                        + " bytes each on the wire), as fast as the server sends; median of " + context.mode().throughputRounds()
                        + " rounds after " + context.mode().throughputWarmups() + " warm-up",
                List.of("events/s", "min..max events/s", "vs floor", "alloc B/event", "CPU us/event", "lost"));
        report.setting("events", profile.events())
            .setting("answerChars", profile.answerChars())
            .setting("eventBytesOnWire", eventBytes)
            .setting("pingEvery", profile.pingEvery())
            .setting("warmupRounds", context.mode().throughputWarmups())
            .setting("measuredRounds", context.mode().throughputRounds())
            .counted("events/s: message events delivered to the caller per second, from the request to the end of the stream.")
            .counted("alloc B/event: bytes allocated by every thread of the client JVM (caller, event loops, OkHttp threads...) "
                    + "except the benchmark's sampling thread, divided by the events; the load server is another JVM.")
            .counted("CPU us/event: CPU time of the whole client JVM (GC and JIT included) per event.");
        Long floorRate = median(samples.get(FLOOR).eventsPerSecond);
        for (Contender contender : context.contenders()) {
            Samples s = samples.get(contender.id());
            if (s.eventsPerSecond.isEmpty()) {
                continue;
            }
            Distribution rate = Distribution.of(toArray(s.eventsPerSecond));
            long allocated = median(s.allocatedPerEvent);
            long cpu = median(s.cpuNanosPerEvent);
            Double ratio = (floorRate != null) ? Figures.round(rate.median() / (double) floorRate, 3) : null;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("eventsPerSecond", rate.median());
            figures.put("eventsPerSecondMin", rate.min());
            figures.put("eventsPerSecondMax", rate.max());
            figures.put("eventsPerSecondRounds", s.eventsPerSecond);
            figures.put("ratioToFloor", ratio);
            figures.put("allocatedBytesPerEvent", allocated);
            figures.put("cpuMicrosPerEvent", Figures.round(cpu / 1e3, 3));
            figures.put("lostEvents", s.lost);
            figures.put("streamsWithoutMessageEnd", s.missingEnds);
            report.row(contender.id(), contender.label(), figures,
                    List.of(Figures.count(rate.median()), Figures.count(rate.min()) + ".." + Figures.count(rate.max()),
                            (ratio != null) ? Figures.decimal(ratio, 2) + "x" : "n/a", Figures.count(allocated),
                            Figures.decimal(cpu / 1e3, 2), Figures.count(s.lost)));
        }
        context.report().add(report);
        if (!report.hasFigures()) {
            context.report().failure("throughput: no figures");
        }
        Long ours = median(samples.get(OURS).eventsPerSecond);
        Long peer = median(samples.get(PEER).eventsPerSecond);
        if (ours != null && floorRate != null) {
            double ratio = ours / (double) floorRate;
            context.report().add(TargetCheck.of("throughput-vs-floor", "Stream throughput of DifyChatClient vs the raw WebClient floor",
                    ">= 0.80x", Figures.decimal(ratio, 2) + "x (" + Figures.count(ours) + " vs " + Figures.count(floorRate) + " events/s)",
                    ratio >= 0.8, Figures.decimal(0.8 - ratio, 2) + "x (" + Figures.count(Math.round(0.8 * floorRate) - ours)
                            + " events/s short of " + Figures.count(Math.round(0.8 * floorRate)) + ")"));
        }
        if (ours != null && peer != null) {
            context.report().add(TargetCheck.of("throughput-vs-imfangs", "Stream throughput of DifyChatClient vs the imfangs client",
                    "ahead", Figures.decimal(ours / (double) peer, 2) + "x (" + Figures.count(ours) + " vs " + Figures.count(peer)
                            + " events/s)", ours > peer, Figures.count(peer - ours) + " events/s behind"));
        }
    }

    private static Long median(List<Long> values) {
        return values.isEmpty() ? null : Distribution.of(toArray(values)).median();
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** One contender's measured rounds. */
    private static final class Samples {

        final List<Long> eventsPerSecond = new ArrayList<>();

        final List<Long> allocatedPerEvent = new ArrayList<>();

        final List<Long> cpuNanosPerEvent = new ArrayList<>();

        long lost;

        int missingEnds;

        boolean failed;
    }
}
