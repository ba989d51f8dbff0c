package io.github.difyspring.client.workflow;

/**
 * The run statuses workflow logs can be filtered by.
 */
public enum WorkflowLogStatus {

    /** Runs that succeeded. */
    SUCCEEDED("succeeded"),

    /** Runs that failed. */
    FAILED("failed"),

    /** Runs that were stopped. */
    STOPPED("stopped");

    private final String wireName;

    WorkflowLogStatus(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The value of the {@code status} query parameter.
     * @return such as {@code succeeded}
     */
    public String wireName() {
        return this.wireName;
    }
}
