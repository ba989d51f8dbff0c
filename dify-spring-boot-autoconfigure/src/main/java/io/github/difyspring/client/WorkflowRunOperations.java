package io.github.difyspring.client;

/**
 * A client whose app runs workflows: {@link DifyWorkflowClient}, and {@link DifyChatClient} for
 * chatflow apps (other chat apps answer the run operations with HTTP 400). For code that handles
 * the runs of either.
 */
public interface WorkflowRunOperations {

    /**
     * The operations on the app's workflow runs: run detail, run logs, stream resume and
     * human-input forms, acting for this client's end user.
     * @return the workflow-runs view
     */
    WorkflowRuns workflowRuns();
}
