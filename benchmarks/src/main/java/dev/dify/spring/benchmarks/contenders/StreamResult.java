package dev.dify.spring.benchmarks.contenders;

/**
 * What a contender received of one stream.
 *
 * @param messageEvents the {@code message} events delivered to the caller
 * @param endWithUsage whether the closing {@code message_end} arrived with its token usage
 */
public record StreamResult(long messageEvents, boolean endWithUsage) {
}
