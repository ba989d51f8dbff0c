package io.github.difyspring.benchmarks.contenders;

/**
 * What a contender received of one stream.
 *
 * @param messageEvents the {@code message} events delivered to the caller
 * @param endWithUsage whether the closing {@code message_end} arrived with its token usage
 * @param firstEventNanos when the first {@code message} event reached the caller, on
 * {@link System#nanoTime()}'s clock; -1 when none did
 */
public record StreamResult(long messageEvents, boolean endWithUsage, long firstEventNanos) {
}
