package io.github.difyspring.benchmarks.contenders;

import java.net.URI;
import java.util.Optional;

/**
 * A way of calling Dify that the benchmark measures: our client, or something to compare it with.
 */
public interface Contender {

    /**
     * A short stable id, used as the key in the results JSON.
     * @return the id
     */
    String id();

    /**
     * What the contender is, for the printed table.
     * @return the label
     */
    String label();

    /**
     * A client for streams from one app.
     * @param baseUrl the app's base URL (its path carries the stream profile)
     * @return a new client
     */
    StreamClient streamClient(URI baseUrl);

    /**
     * A client for blocking calls to one app, when the contender can make them.
     * @param baseUrl the app's base URL
     * @return a new client, or empty
     */
    default Optional<BlockingClient> blockingClient(URI baseUrl) {
        return Optional.empty();
    }
}
