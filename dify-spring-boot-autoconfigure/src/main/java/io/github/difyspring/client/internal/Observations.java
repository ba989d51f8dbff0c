package io.github.difyspring.client.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.HasUsage;
import io.github.difyspring.client.core.Usage;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.observation.DefaultDifyObservationConvention;
import io.github.difyspring.client.observation.DifyObservationContext;
import io.github.difyspring.client.observation.DifyObservationConvention;
import io.github.difyspring.client.observation.DifyObservationDocumentation;
import io.github.difyspring.client.observation.DifyOutcome;

/**
 * One Micrometer observation per operation of an app: a blocking call from subscription to answer,
 * a stream from subscription to its end (completed, failed or cancelled), each a child of the
 * caller's observation in the Reactor context and the parent of the WebClient's own
 * {@code http.client.requests} observations. The usage an answer or event reports (tokens, price)
 * and a stream's time to its first event go on the observation's context for the meters.
 */
final class Observations {

    private static final Log logger = LogFactory.getLog(Observations.class);

    private static final DifyObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultDifyObservationConvention();

    private final DifyApp app;

    private final ObservationRegistry observationRegistry;

    private final @Nullable DifyObservationConvention observationConvention;

    Observations(DifyApp app, ObservationRegistry observationRegistry, @Nullable DifyObservationConvention observationConvention) {
        this.app = app;
        this.observationRegistry = observationRegistry;
        this.observationConvention = observationConvention;
    }

    /**
     * Observes a blocking call from subscription to answer, error or cancellation, as a child of
     * the caller's observation in the Reactor context, and makes it the parent of the WebClient's
     * own {@code http.client.requests} observations (one per attempt).
     */
    <T> Mono<T> observe(DifyCall call, Mono<T> answer) {
        if (this.observationRegistry.isNoop()) {
            // Nothing would record it: not even a context is made, so an unobserved call costs nothing here.
            return answer;
        }
        return Mono.deferContextual((reactorContext) -> {
            DifyObservationContext context = new DifyObservationContext(this.app, call.operation(), false);
            Observation observation = newObservation(context, reactorContext);
            if (observation.isNoop()) {
                return answer;
            }
            ObservationEnd end = new ObservationEnd(observation, context);
            observation.start();
            return answer.doOnSuccess((value) -> {
                if (value != null) {
                    reportUsage(context, value, call.isRawUsageMetered());
                }
                end.complete();
            })
                .doOnError(end::fail)
                .doOnCancel(end::cancel)
                .contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    /**
     * Observes a stream from subscription to completion, error or cancellation: a stream of events,
     * with the time to its first event and the usage its last events report, or the bytes of a
     * download, which is a blocking answer read piece by piece.
     */
    <E> Flux<E> observe(DifyCall call, boolean eventStream, Flux<E> stream) {
        if (this.observationRegistry.isNoop()) {
            return stream;
        }
        return Flux.deferContextual((reactorContext) -> {
            DifyObservationContext context = new DifyObservationContext(this.app, call.operation(), eventStream);
            Observation observation = newObservation(context, reactorContext);
            if (observation.isNoop()) {
                return stream;
            }
            ObservationEnd end = new ObservationEnd(observation, context);
            AtomicBoolean first = new AtomicBoolean(true);
            long start = System.nanoTime();
            observation.start();
            return stream.doOnNext((element) -> {
                if (eventStream && first.compareAndSet(true, false)) {
                    context.setTimeToFirstEvent(Duration.ofNanos(System.nanoTime() - start));
                    observation.event(DifyObservationDocumentation.Events.FIRST_EVENT);
                }
                reportUsage(context, element, call.isRawUsageMetered());
            })
                .doOnComplete(end::complete)
                .doOnError(end::fail)
                .doOnCancel(end::cancel)
                .contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    private Observation newObservation(DifyObservationContext context, ContextView reactorContext) {
        Observation observation = DifyObservationDocumentation.OPERATION.observation(this.observationConvention,
                DEFAULT_OBSERVATION_CONVENTION, () -> context, this.observationRegistry);
        Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        return observation;
    }

    /**
     * Hands the observation the usage an answer or event reports: typed answers and events say it
     * themselves; raw ones are read only when the call asks for it, and then only those that can
     * carry it (the end of a message or run, a blocking answer).
     */
    private void reportUsage(DifyObservationContext context, Object answer, boolean decodeRaw) {
        if (!(answer instanceof HasUsage) && !decodeRaw) {
            return;
        }
        try {
            Usage usage = null;
            if (answer instanceof HasUsage reported) {
                usage = reported.usage();
            }
            else if (answer instanceof DifyRawEvent raw && MessageEndEvent.TYPE.equals(raw.type())) {
                usage = DifyJson.<MessageEndEvent>read(raw.json(), MessageEndEvent.class).usage();
            }
            else if (answer instanceof DifyRawEvent raw && WorkflowFinishedEvent.TYPE.equals(raw.type())) {
                usage = DifyJson.<WorkflowFinishedEvent>read(raw.json(), WorkflowFinishedEvent.class).usage();
            }
            else if (answer instanceof String json) {
                usage = DifyJson.<BlockingAnswerUsage>read(json, BlockingAnswerUsage.class).usage();
            }
            if (usage != null) {
                context.reportUsage(usage);
            }
        }
        catch (RuntimeException ex) {
            // Metrics never fail a call: an answer whose usage cannot be read counts no tokens.
            logger.debug("Dify app '" + this.app.name() + "': could not read the usage of an answer", ex);
        }
    }

    /**
     * Ends an observation once, however the call ends; before the signal goes on to the caller,
     * so the observation is stopped when the caller sees the answer.
     */
    private static final class ObservationEnd {

        private final Observation observation;

        private final DifyObservationContext context;

        private final AtomicBoolean ended = new AtomicBoolean();

        ObservationEnd(Observation observation, DifyObservationContext context) {
            this.observation = observation;
            this.context = context;
        }

        void complete() {
            end(DifyOutcome.SUCCESS, null);
        }

        void fail(Throwable error) {
            end(DifyOutcome.ERROR, error);
        }

        void cancel() {
            end(DifyOutcome.CANCELLED, null);
        }

        private void end(DifyOutcome outcome, @Nullable Throwable error) {
            if (!this.ended.compareAndSet(false, true)) {
                return;
            }
            this.context.setOutcome(outcome);
            if (error != null) {
                if (error instanceof DifyApiException api) {
                    this.context.setErrorCode(api.getCode());
                }
                else if (error instanceof DifyStreamException stream) {
                    this.context.setErrorCode(stream.getCode());
                }
                this.observation.error(error);
            }
            this.observation.stop();
        }
    }
}
