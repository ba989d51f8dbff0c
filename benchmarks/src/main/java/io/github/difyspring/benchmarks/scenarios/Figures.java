package io.github.difyspring.benchmarks.scenarios;

import java.util.Locale;

/**
 * How figures are written in the table.
 */
final class Figures {

    private Figures() {
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%,." + places + "f", value);
    }

    static String millis(long nanos) {
        return decimal(nanos / 1e6, 2);
    }

    static double toMillis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    static String mebibytes(long bytes) {
        return (bytes < 0) ? "n/a" : decimal(bytes / (1024.0 * 1024.0), 1);
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
