package io.github.difyspring.client.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyResponseTimeoutException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.error.DifyStreamIdleTimeoutException;

/**
 * How a stream may live and how it ends: it may stay silent (no byte, pings included) for no longer
 * than the idle limit; and when the client stops reading a stream that Dify did not end itself (a
 * cancel, the idle limit, an event over the size limit, a cut connection, a failure downstream),
 * Dify is asked to stop the stream's task, as the user who started it, so it stops generating and
 * spending tokens. The stop is sent once, on the stop timeout, and forgotten.
 */
final class StreamLifecycle {

    private static final Log logger = LogFactory.getLog(StreamLifecycle.class);

    private final String appName;

    private final DifyClientOptions options;

    private final Function<DifyCall, Mono<Void>> sender;

    private final ErrorMapping errors;

    /**
     * @param appName the app, for errors and logs
     * @param options the app's idle limit and stop settings
     * @param sender sends a request whose answer is only acknowledged, for the stop
     * @param errors translates the stop's failures, for the log
     */
    StreamLifecycle(String appName, DifyClientOptions options, Function<DifyCall, Mono<Void>> sender, ErrorMapping errors) {
        this.appName = appName;
        this.options = options;
        this.sender = sender;
        this.errors = errors;
    }

    /**
     * The idle limit of a stream.
     * @param operation the request, named by the time-out
     * @return the limit, to put on the stream's request
     */
    SilenceLimit idleLimit(String operation) {
        Duration idle = this.options.streamIdleTimeout();
        return new SilenceLimit(idle, () -> new DifyStreamIdleTimeoutException(this.appName, operation, idle));
    }

    /**
     * A stream that asks Dify to stop its task when the client stops reading it before Dify ended it.
     * @param <E> the element type
     * @param call the request, which names the stop endpoint and its user
     * @param stream the stream, after its retries
     * @param taskIdOf reads the task id of an element
     * @return the stream
     */
    <E> Flux<E> stoppedWhenAbandoned(DifyCall call, Flux<E> stream, Function<E, @Nullable String> taskIdOf) {
        return Flux.defer(() -> {
            AtomicReference<@Nullable String> taskId = new AtomicReference<>();
            AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
            return stream.doOnNext((element) -> {
                if (taskId.get() == null) {
                    taskId.compareAndSet(null, taskIdOf.apply(element));
                }
            })
                .doOnError(failure::set)
                // doFinally, not doOnCancel: an operator downstream may cancel a stream that has
                // already failed; what counts is how the stream itself ended.
                .doFinally((signal) -> {
                    String abandoned = abandonment(signal, failure.get());
                    if (abandoned != null) {
                        stop(call, taskId.get(), abandoned);
                    }
                });
        });
    }

    /**
     * Why the client stopped reading a stream Dify may still be generating, or {@code null} when
     * Dify ended it: it closed the stream, sent an {@code error} event (the task is over), or
     * answered with an HTTP error (no task was started).
     * @param signal how the stream ended
     * @param failure its failure, when it failed
     * @return the reason, for the log, or {@code null}
     */
    static @Nullable String abandonment(SignalType signal, @Nullable Throwable failure) {
        if (signal == SignalType.CANCEL) {
            return "its stream was cancelled";
        }
        if (signal == SignalType.ON_ERROR && failure != null && !(failure instanceof DifyStreamException)
                && !(failure instanceof DifyApiException)) {
            return "its stream failed (" + failure.getClass().getSimpleName() + ")";
        }
        return null;
    }

    private void stop(DifyCall call, @Nullable String taskId, String why) {
        String stopPath = call.stopPath();
        String user = call.stopUser();
        if (!this.options.stopOnCancel() || stopPath == null || user == null) {
            return;
        }
        if (taskId == null) {
            debug(call.operation() + " ended before its first event, as " + why + "; no task to stop");
            return;
        }
        DifyCall stop = DifyCall.post(stopPath).pathVariable("task_id", taskId).json(Map.of("user", user));
        Duration limit = this.options.stopTimeout();
        this.sender.apply(stop)
            .timeout(limit, Mono.error(() -> new DifyResponseTimeoutException(this.appName, stop.operation(), limit)))
            .onErrorMap((ex) -> this.errors.translate(ex, stop.operation()))
            .subscribe(null, (stopFailure) -> debug("stopping task " + taskId + " after " + why + " failed: " + stopFailure.getMessage()),
                    () -> debug("stopped task " + taskId + " after " + why));
    }

    private void debug(String message) {
        if (logger.isDebugEnabled()) {
            logger.debug("Dify app '" + this.appName + "': " + message);
        }
    }
}
