package io.github.difyspring.benchmarks.contenders;

/**
 * One contender's client for blocking chat calls ({@code response_mode: blocking}), called from
 * many threads at once.
 */
public interface BlockingClient extends AutoCloseable {

    /**
     * Sends one message and waits for the whole answer.
     * @return the length of the answer, which must not be empty
     * @throws Exception when the call fails or the answer lacks its text or usage
     */
    int call() throws Exception;

    /**
     * Releases the client's connections and threads.
     */
    @Override
    void close();
}
