package io.github.difyspring.client.workflow;

/**
 * How to resume the event stream of a workflow run. Immutable: start from {@link #defaults()}.
 *
 * @param includeStateSnapshot whether Dify first replays the status of the nodes that already ran
 * ({@code include_state_snapshot}), to show a run's progress so far
 * @param continueOnPause whether the stream stays open across {@code workflow_paused} events
 * ({@code continue_on_pause}), for workflows with several human-input nodes in a row; by default it
 * closes at the first pause
 */
public record ResumeOptions(boolean includeStateSnapshot, boolean continueOnPause) {

    private static final ResumeOptions DEFAULTS = new ResumeOptions(false, false);

    /**
     * Dify's defaults: no snapshot, close at the first pause.
     * @return the options
     */
    public static ResumeOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options with the snapshot of the nodes that already ran.
     * @return the options
     */
    public ResumeOptions withStateSnapshot() {
        return new ResumeOptions(true, this.continueOnPause);
    }

    /**
     * These options with the stream kept open across pauses.
     * @return the options
     */
    public ResumeOptions withContinueOnPause() {
        return new ResumeOptions(this.includeStateSnapshot, true);
    }
}
