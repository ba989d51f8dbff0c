package io.github.difyspring.test;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A failure the test server plays on an app's request, for
 * {@link ScriptedApp#onNextRequest(DifyFault)} and {@link ScriptedApp#onEveryRequest(DifyFault)}.
 * An HTTP error, a reset before the answer and a slow first byte apply to any request of the app;
 * the faults inside a stream (an {@code error} event, a reset or a stall after some events) apply
 * to the next streaming message or run, and other requests pass them by.
 */
public final class DifyFault {

    enum Kind {
        HTTP_ERROR, SLOW_FIRST_BYTE, ERROR_EVENT, RESET, STALL
    }

    private final Kind kind;

    private final int status;

    private final String code;

    private final String message;

    private final @Nullable Duration retryAfter;

    private final Duration delay;

    private final int afterEvents;

    private DifyFault(Kind kind, int status, String code, String message, @Nullable Duration retryAfter, Duration delay, int afterEvents) {
        this.kind = kind;
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.message = Objects.requireNonNull(message, "message");
        this.retryAfter = retryAfter;
        this.delay = delay;
        this.afterEvents = afterEvents;
    }

    /**
     * An answer with an HTTP error status and Dify's body {@code {"code", "message", "status"}}
     * (a 401 also with Dify's {@code WWW-Authenticate} challenge).
     * @param status 400 to 599
     * @param code Dify's error code, such as {@code provider_quota_exceeded}
     * @param message the message
     * @return the fault
     */
    public static DifyFault httpError(int status, String code, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An HTTP error status is 400 to 599, not " + status);
        }
        return new DifyFault(Kind.HTTP_ERROR, status, code, message, null, Duration.ZERO, 0);
    }

    /**
     * A 429 with Dify's {@code too_many_requests} body and a {@code Retry-After} header, as a gateway
     * in front of Dify may add (Dify's Service API sends none).
     * @param retryAfter the wait it asks for, in whole seconds
     * @return the fault
     */
    public static DifyFault rateLimited(Duration retryAfter) {
        return new DifyFault(Kind.HTTP_ERROR, 429, "too_many_requests", "Too many requests. Please try again later.",
                requireNotNegative(retryAfter), Duration.ZERO, 0);
    }

    /**
     * No status, header or byte until the wait is over; then the answer.
     * @param delay the wait
     * @return the fault
     */
    public static DifyFault slowFirstByte(Duration delay) {
        return new DifyFault(Kind.SLOW_FIRST_BYTE, 200, "", "", null, requireNotNegative(delay), 0);
    }

    /**
     * The connection is reset (TCP RST) before any answer, as when a proxy or the network fails.
     * @return the fault
     */
    public static DifyFault connectionReset() {
        return new DifyFault(Kind.RESET, 0, "", "", null, Duration.ZERO, -1);
    }

    /**
     * After some events a stream sends Dify's {@code error} event and ends, as when the model fails
     * halfway through an answer.
     * @param afterEvents the answer's events that go first
     * @param status the event's {@code status}, such as 400
     * @param code its {@code code}, such as {@code completion_request_error}
     * @param message its {@code message}
     * @return the fault
     */
    public static DifyFault errorEvent(int afterEvents, int status, String code, String message) {
        return new DifyFault(Kind.ERROR_EVENT, status, code, message, null, Duration.ZERO, requireCount(afterEvents));
    }

    /**
     * After some events a stream's connection is reset (TCP RST), without an end.
     * @param afterEvents the events that go first
     * @return the fault
     */
    public static DifyFault resetAfter(int afterEvents) {
        return new DifyFault(Kind.RESET, 0, "", "", null, Duration.ZERO, requireCount(afterEvents));
    }

    /**
     * After some events a stream goes silent, pings too, and stays open until the client gives up
     * or the server is reset.
     * @param afterEvents the events that go first
     * @return the fault
     */
    public static DifyFault stallAfter(int afterEvents) {
        return new DifyFault(Kind.STALL, 0, "", "", null, Duration.ZERO, requireCount(afterEvents));
    }

    private static int requireCount(int afterEvents) {
        if (afterEvents < 0) {
            throw new IllegalArgumentException("The number of events before the fault must not be negative");
        }
        return afterEvents;
    }

    private static Duration requireNotNegative(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("The wait must not be negative, not " + duration);
        }
        return duration;
    }

    Kind kind() {
        return this.kind;
    }

    /** Whether only a streaming message or run can play it. */
    boolean inStream() {
        return this.kind == Kind.ERROR_EVENT || this.kind == Kind.STALL || (this.kind == Kind.RESET && this.afterEvents >= 0);
    }

    int status() {
        return this.status;
    }

    String code() {
        return this.code;
    }

    String message() {
        return this.message;
    }

    @Nullable Duration retryAfter() {
        return this.retryAfter;
    }

    Duration delay() {
        return this.delay;
    }

    int afterEvents() {
        return this.afterEvents;
    }

    @Override
    public String toString() {
        return switch (this.kind) {
            case HTTP_ERROR -> "HTTP " + this.status + " " + this.code + ((this.retryAfter != null) ? ", Retry-After " + this.retryAfter.toSeconds() : "");
            case SLOW_FIRST_BYTE -> "first byte after " + this.delay;
            case ERROR_EVENT -> "error event " + this.code + " after " + this.afterEvents + " events";
            case RESET -> (this.afterEvents < 0) ? "connection reset" : "reset after " + this.afterEvents + " events";
            case STALL -> "stall after " + this.afterEvents + " events";
        };
    }
}
