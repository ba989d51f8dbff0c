package io.github.difyspring.benchmarks.measure;

import java.util.Arrays;

/**
 * Order statistics of a set of samples (latencies in nanoseconds or microseconds, rates per round):
 * nearest-rank percentiles of the sorted samples.
 */
public final class Distribution {

    private final long[] sorted;

    private Distribution(long[] sorted) {
        this.sorted = sorted;
    }

    /**
     * The distribution of some samples.
     * @param samples the samples (copied)
     * @param count how many of them to use, from the start
     * @return the distribution
     */
    public static Distribution of(long[] samples, int count) {
        long[] copy = Arrays.copyOf(samples, count);
        Arrays.sort(copy);
        return new Distribution(copy);
    }

    /**
     * The distribution of some samples.
     * @param samples the samples (copied)
     * @return the distribution
     */
    public static Distribution of(long[] samples) {
        return of(samples, samples.length);
    }

    /**
     * The number of samples.
     * @return the count
     */
    public int count() {
        return this.sorted.length;
    }

    /**
     * A percentile, by nearest rank.
     * @param percent 0 to 100
     * @return the sample at that rank
     * @throws IllegalStateException when there are no samples
     */
    public long percentile(double percent) {
        if (this.sorted.length == 0) {
            throw new IllegalStateException("No samples");
        }
        int rank = (int) Math.ceil(percent / 100.0 * this.sorted.length);
        return this.sorted[Math.min(this.sorted.length - 1, Math.max(0, rank - 1))];
    }

    /**
     * The median.
     * @return the 50th percentile
     */
    public long median() {
        return percentile(50);
    }

    /**
     * The smallest sample.
     * @return the minimum
     */
    public long min() {
        return percentile(0);
    }

    /**
     * The largest sample.
     * @return the maximum
     */
    public long max() {
        return percentile(100);
    }
}
