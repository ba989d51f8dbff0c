package io.github.difyspring.client;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.workflow.HumanInputForm;
import io.github.difyspring.client.workflow.HumanInputSubmission;
import io.github.difyspring.client.workflow.ResumeOptions;
import io.github.difyspring.client.workflow.WorkflowLog;
import io.github.difyspring.client.workflow.WorkflowLogQuery;
import io.github.difyspring.client.workflow.WorkflowRunDetail;

/**
 * The operations on workflow runs that workflow and chatflow apps share: run detail, run logs,
 * stream resume and human-input forms. {@link DifyWorkflowClient} and
 * {@link io.github.difyspring.client.DifyChatClient} (for chatflow apps; other chat apps answer
 * HTTP 400) offer them all.
 */
public interface WorkflowRunOperations {

    /**
     * The same operations as an object of their own, bound to this client's app.
     * @return the workflow-run operations
     */
    WorkflowRuns workflowRuns();

    /**
     * Reads a run: its status, inputs, outputs and cost ({@code GET /workflows/run/{workflow_run_id}}).
     * @param workflowRunId the run id, from a run's answer or the {@code workflow_run_id} of its events
     * @return the run
     */
    default Mono<WorkflowRunDetail> runDetail(String workflowRunId) {
        return workflowRuns().runDetail(workflowRunId);
    }

    /**
     * Reads one page of the app's run logs, filtered ({@code GET /workflows/logs}).
     * @param query the page and the filters
     * @return the page
     */
    default Mono<NumberedPage<WorkflowLog>> workflowLogPage(WorkflowLogQuery query) {
        return workflowRuns().workflowLogPage(query);
    }

    /**
     * Streams the run logs a query matches, from its page on, fetching each page only when its
     * entries are wanted: {@code workflowLogs(query).take(50)} reads only the pages it needs.
     * @param query the first page, the page size and the filters
     * @return the entries, in the server's order (newest first)
     */
    default Flux<WorkflowLog> workflowLogs(WorkflowLogQuery query) {
        return workflowRuns().workflowLogs(query);
    }

    /**
     * Resumes the event stream of a run after a pause or a dropped connection
     * ({@code GET /workflow/{workflow_run_id}/events}), with Dify's defaults.
     * @param workflowRunId the run id
     * @param user the user who started the run, or {@code null} for the app's default user
     * @return the events; completes when the server closes the stream
     */
    default Flux<DifyEvent> resumeStream(String workflowRunId, @Nullable String user) {
        return workflowRuns().resumeStream(workflowRunId, user, ResumeOptions.defaults());
    }

    /**
     * Resumes the event stream of a run after a pause or a dropped connection
     * ({@code GET /workflow/{workflow_run_id}/events}).
     * @param workflowRunId the run id
     * @param user the user who started the run, or {@code null} for the app's default user
     * @param options whether to replay the nodes that already ran and whether to stay open across pauses
     * @return the events; completes when the server closes the stream
     */
    default Flux<DifyEvent> resumeStream(String workflowRunId, @Nullable String user, ResumeOptions options) {
        return workflowRuns().resumeStream(workflowRunId, user, options);
    }

    /**
     * Reads the human-input form a paused run waits on ({@code GET /form/human_input/{form_token}}).
     * @param formToken the token from the {@code human_input_required} event
     * @return the form
     */
    default Mono<HumanInputForm> humanInputForm(String formToken) {
        return workflowRuns().humanInputForm(formToken);
    }

    /**
     * Submits a human-input form, which resumes the paused run
     * ({@code POST /form/human_input/{form_token}}); follow it with
     * {@link #resumeStream(String, String)}. A form takes one submission: another fails with HTTP
     * 412, as does one after the form expired.
     * @param formToken the token from the {@code human_input_required} event
     * @param submission the button pressed and the fields' values
     * @return completes when Dify accepted the submission
     */
    default Mono<Void> submitHumanInputForm(String formToken, HumanInputSubmission submission) {
        return workflowRuns().submitHumanInputForm(formToken, submission);
    }
}
