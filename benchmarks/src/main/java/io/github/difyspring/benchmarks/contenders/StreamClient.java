package io.github.difyspring.benchmarks.contenders;

import java.util.concurrent.CompletableFuture;

/**
 * One contender's client for one app (one base URL, hence one stream profile), used as that
 * client's users use it. Streams run side by side through the same instance.
 */
public interface StreamClient extends AutoCloseable {

    /**
     * Starts one chat stream without waiting for it.
     * @return completes with what was received when the stream ends, or exceptionally when it fails
     */
    CompletableFuture<StreamResult> open();

    /**
     * Stops every stream still running (a scenario's time cap was reached).
     */
    void stopAll();

    /**
     * Releases the client's connections and threads.
     */
    @Override
    void close();
}
