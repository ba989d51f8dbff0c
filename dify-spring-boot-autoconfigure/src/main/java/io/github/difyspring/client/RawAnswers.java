package io.github.difyspring.client;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;

/**
 * What the raw views of the generating clients share: a generation's blocking answer as Dify's JSON
 * text, and its stream as untyped events, each read for its usage only when the view was asked to.
 *
 * @param <R> the client's request type
 */
abstract class RawAnswers<R> {

    /** Makes a generation's call: blocking ({@code false}) or streaming ({@code true}). */
    interface Calls<R> {

        DifyCall call(R request, boolean streaming);
    }

    private final DifyTransport transport;

    private final Calls<R> calls;

    private final boolean usageMetered;

    RawAnswers(DifyTransport transport, Calls<R> calls, boolean usageMetered) {
        this.transport = transport;
        this.calls = calls;
        this.usageMetered = usageMetered;
    }

    final Mono<String> answer(R request) {
        return Mono.defer(() -> this.transport.json(call(request, false), String.class));
    }

    final Flux<DifyRawEvent> events(R request) {
        return Flux.defer(() -> this.transport.rawEvents(call(request, true)));
    }

    private DifyCall call(R request, boolean streaming) {
        return this.calls.call(request, streaming).rawUsageMetered(this.usageMetered);
    }

    @Override
    public String toString() {
        return getClass().getEnclosingClass().getSimpleName() + ".Raw[" + this.transport.app() + "]";
    }
}
