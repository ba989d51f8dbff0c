package io.github.difyspring.benchmarks.contenders;

import reactor.core.publisher.Mono;

/**
 * A client that can also make its calls without a thread waiting for each: many subscriptions at
 * once, as a WebFlux application makes them.
 */
public interface ReactiveCalls {

    /**
     * Sends one message; nothing happens until subscribed.
     * @return the length of the answer, which must not be empty
     */
    Mono<Integer> callLater();
}
