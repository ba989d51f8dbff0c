package io.github.difyspring.client.observation;

import java.time.Duration;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.Usage;

/**
 * What the observation of one Dify client operation knows: the app, the operation, whether it
 * streams, and, as the call goes on, the time to its first event, the tokens and price Dify
 * reported, and how it ended. Read by {@link DifyObservationConvention conventions} for tags and by
 * {@link DifyMetricsObservationHandler} for the time-to-first-event timer and the usage counters.
 */
public class DifyObservationContext extends Observation.Context {

    private final DifyApp app;

    private final String operation;

    private final boolean streaming;

    private @Nullable Duration timeToFirstEvent;

    private @Nullable Usage usage;

    private DifyOutcome outcome = DifyOutcome.SUCCESS;

    private @Nullable String errorCode;

    /**
     * Creates the context of one operation.
     * @param app the app called
     * @param operation the operation: HTTP method and path template, such as {@code POST /chat-messages}
     * @param streaming whether the answer is a stream of events
     */
    public DifyObservationContext(DifyApp app, String operation, boolean streaming) {
        this.app = app;
        this.operation = operation;
        this.streaming = streaming;
    }

    /**
     * The app called.
     * @return the app (its {@code toString()} never shows the key)
     */
    public DifyApp getApp() {
        return this.app;
    }

    /**
     * The operation: HTTP method and path template, never values.
     * @return such as {@code POST /chat-messages}
     */
    public String getOperation() {
        return this.operation;
    }

    /**
     * Whether the answer is a stream of events rather than one body.
     * @return {@code true} for streams
     */
    public boolean isStreaming() {
        return this.streaming;
    }

    /**
     * How long the stream took to deliver its first event, from the subscription.
     * @return the time, or {@code null} before the first event and for blocking calls
     */
    public @Nullable Duration getTimeToFirstEvent() {
        return this.timeToFirstEvent;
    }

    /**
     * Records when the first event arrived.
     * @param timeToFirstEvent the time from the subscription
     */
    public void setTimeToFirstEvent(Duration timeToFirstEvent) {
        this.timeToFirstEvent = timeToFirstEvent;
    }

    /**
     * The tokens and price Dify reported for the call.
     * @return the usage, or {@code null} when Dify reported none
     */
    public @Nullable Usage getUsage() {
        return this.usage;
    }

    /**
     * Records the usage an answer or event reported. A chatflow reports it twice, at the end of
     * the message (tokens by kind, with prices) and of the workflow run (a total only): the
     * detailed report is kept whatever the order, so nothing is counted twice.
     * @param usage the usage
     */
    public void reportUsage(Usage usage) {
        if (this.usage == null || !isDetailed(this.usage) || isDetailed(usage)) {
            this.usage = usage;
        }
    }

    private static boolean isDetailed(Usage usage) {
        return usage.promptTokens() != null || usage.completionTokens() != null || usage.totalPrice() != null;
    }

    /**
     * How the call ended.
     * @return the outcome; {@link DifyOutcome#SUCCESS} until it ends otherwise
     */
    public DifyOutcome getOutcome() {
        return this.outcome;
    }

    /**
     * Records how the call ended.
     * @param outcome the outcome
     */
    public void setOutcome(DifyOutcome outcome) {
        this.outcome = outcome;
    }

    /**
     * The error code Dify gave a failed call, such as {@code invalid_param} or
     * {@code provider_quota_exceeded}, from an error answer or an {@code error} event.
     * @return the code, or {@code null} when the call did not fail with one
     */
    public @Nullable String getErrorCode() {
        return this.errorCode;
    }

    /**
     * Records the error code Dify gave.
     * @param errorCode the code
     */
    public void setErrorCode(@Nullable String errorCode) {
        this.errorCode = errorCode;
    }
}
