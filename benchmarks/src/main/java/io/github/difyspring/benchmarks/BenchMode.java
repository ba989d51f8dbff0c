package io.github.difyspring.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much each scenario does: {@code quick} proves in seconds that the harness works (CI),
 * {@code full} gives the figures worth quoting.
 *
 * @param name {@code quick} or {@code full}
 * @param throughputEvents the events of the one throughput stream
 * @param throughputWarmups throughput rounds run first and discarded
 * @param throughputRounds throughput rounds measured
 * @param concurrentStreams the streams run at once
 * @param concurrencyWarmupStreams the streams of each contender's smaller run first, whose threads the big run is compared with
 * @param concurrentStreamEvents the events of each concurrent stream
 * @param concurrentStreamSpacingMillis the pause between them
 * @param concurrencyCap the longest a contender may take before it is stopped
 * @param passthroughSerialStreams streams per path, one at a time
 * @param passthroughSerialWarmups streams per path first, discarded
 * @param passthroughClients the concurrent clients of the passthrough's busy case
 * @param passthroughWaves waves of that many streams per path
 * @param passthroughWarmupWaves waves of that many streams per path first, discarded: the sample app is a fresh JVM
 * @param blockingCalls blocking calls per measured round
 * @param blockingWarmupCalls blocking calls of the discarded first round
 * @param blockingConcurrency the threads making blocking calls at once
 * @param blockingRounds measured rounds of blocking calls
 */
public record BenchMode(String name, int throughputEvents, int throughputWarmups, int throughputRounds, int concurrentStreams,
        int concurrencyWarmupStreams, int concurrentStreamEvents, int concurrentStreamSpacingMillis, Duration concurrencyCap,
        int passthroughSerialStreams, int passthroughSerialWarmups, int passthroughClients, int passthroughWaves,
        int passthroughWarmupWaves, int blockingCalls, int blockingWarmupCalls, int blockingConcurrency, int blockingRounds) {

    /** About a minute of measuring: small counts, a 15 s cap, 20 clients instead of 200 in front of the sample app. */
    public static final BenchMode QUICK = new BenchMode("quick", 20_000, 1, 1, 100, 10, 100, 20, Duration.ofSeconds(15), 10, 3,
            20, 1, 1, 1_000, 200, 200, 1);

    /** A few minutes of measuring, plus the cap of a contender that cannot keep up. */
    public static final BenchMode FULL = new BenchMode("full", 200_000, 4, 5, 1_000, 100, 100, 20, Duration.ofMinutes(5), 50, 10,
            200, 5, 5, 10_000, 2_000, 200, 2);

    /**
     * The mode of a name.
     * @param name {@code quick} or {@code full}
     * @return the mode
     * @throws IllegalArgumentException for another name
     */
    public static BenchMode named(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("Unknown mode '" + name + "': use quick or full");
        };
    }

    /**
     * The settings, for the results JSON.
     * @return name to value
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", this.name);
        map.put("throughputEvents", this.throughputEvents);
        map.put("throughputWarmupRounds", this.throughputWarmups);
        map.put("throughputMeasuredRounds", this.throughputRounds);
        map.put("concurrentStreams", this.concurrentStreams);
        map.put("concurrencyWarmupStreams", this.concurrencyWarmupStreams);
        map.put("concurrentStreamEvents", this.concurrentStreamEvents);
        map.put("concurrentStreamSpacingMillis", this.concurrentStreamSpacingMillis);
        map.put("concurrencyCapSeconds", this.concurrencyCap.toSeconds());
        map.put("passthroughSerialStreams", this.passthroughSerialStreams);
        map.put("passthroughSerialWarmups", this.passthroughSerialWarmups);
        map.put("passthroughClients", this.passthroughClients);
        map.put("passthroughWaves", this.passthroughWaves);
        map.put("passthroughWarmupWaves", this.passthroughWarmupWaves);
        map.put("blockingCalls", this.blockingCalls);
        map.put("blockingWarmupCalls", this.blockingWarmupCalls);
        map.put("blockingConcurrency", this.blockingConcurrency);
        map.put("blockingMeasuredRounds", this.blockingRounds);
        return map;
    }
}
