package io.github.difyspring.client.error;

import java.time.Duration;

/**
 * The documents of an indexing batch were not all indexed within the time a caller was willing to
 * wait. Dify goes on indexing them: wait again, or look at their status. The message lists the
 * documents still unfinished with their last state, such as one paused in the console.
 */
public class DifyIndexingTimeoutException extends DifyTimeoutException {

    private final String batch;

    /**
     * Creates the exception.
     * @param appName the entry the calls went to
     * @param operation the status request that was polled
     * @param batch the indexing batch
     * @param timeout how long the caller waited
     * @param unfinished the documents not indexed yet, with their last known state
     */
    public DifyIndexingTimeoutException(String appName, String operation, String batch, Duration timeout, String unfinished) {
        super(appName, operation, timeout, "Dify app '" + appName + "': the documents of batch " + batch + " were not indexed within "
                + describe(timeout) + "; unfinished: " + unfinished + ". Dify goes on indexing them");
        this.batch = batch;
    }

    /**
     * The indexing batch that was awaited.
     * @return the batch
     */
    public String getBatch() {
        return this.batch;
    }
}
