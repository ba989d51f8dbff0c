package io.github.difyspring.client.observation;

/**
 * How a Dify client operation ended, as its observation's {@code outcome} tag says.
 */
public enum DifyOutcome {

    /** The answer arrived whole, or the stream completed. */
    SUCCESS,

    /** The call failed: an error answer, an {@code error} event, a time limit, the connection. */
    ERROR,

    /** The caller cancelled the call (for a stream, before the server closed it). */
    CANCELLED
}
