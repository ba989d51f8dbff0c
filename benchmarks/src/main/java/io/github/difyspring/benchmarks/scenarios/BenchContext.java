package io.github.difyspring.benchmarks.scenarios;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.difyspring.benchmarks.BenchMode;
import io.github.difyspring.benchmarks.contenders.Contender;
import io.github.difyspring.benchmarks.measure.ClientJvmProbe;
import io.github.difyspring.benchmarks.report.Report;

/**
 * What every scenario works with.
 *
 * @param mode how much to do
 * @param contenders the contenders, in their first-round order
 * @param loadServerPort the load server's loopback port
 * @param probe the watcher of this (the client) JVM
 * @param report where figures, targets and failures go
 * @param workDirectory where logs of child JVMs go
 * @param sampleAppJar the sample app's executable jar
 */
public record BenchContext(BenchMode mode, List<Contender> contenders, int loadServerPort, ClientJvmProbe probe, Report report,
        Path workDirectory, Path sampleAppJar) {

    /**
     * The contenders in the order of a round: each round starts one further along, so that no
     * contender always runs first (on a cold machine) or last (after everyone's garbage).
     * @param round the round, from 0
     * @param contenders the contenders
     * @param <T> their type
     * @return the round's order
     */
    public static <T> List<T> roundRobin(int round, List<T> contenders) {
        List<T> order = new ArrayList<>(contenders.size());
        for (int i = 0; i < contenders.size(); i++) {
            order.add(contenders.get((round + i) % contenders.size()));
        }
        return order;
    }

    /**
     * Finds a contender by id.
     * @param id the id
     * @return the contender
     */
    public Contender contender(String id) {
        return this.contenders.stream().filter((contender) -> contender.id().equals(id)).findFirst().orElseThrow();
    }
}
