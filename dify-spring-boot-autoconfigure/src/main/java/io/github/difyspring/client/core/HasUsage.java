package io.github.difyspring.client.core;

import org.jspecify.annotations.Nullable;

/**
 * An answer or event that reports what the call cost: the end of a message, a finished workflow
 * run, a blocking answer. The observation of a call reads it to count tokens and price.
 */
public interface HasUsage {

    /**
     * The tokens and price this answer reports.
     * @return the usage, or {@code null} when Dify sent none
     */
    @Nullable Usage usage();
}
