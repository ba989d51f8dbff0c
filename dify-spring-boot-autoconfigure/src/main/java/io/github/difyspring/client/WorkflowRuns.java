package io.github.difyspring.client;

import java.time.format.DateTimeFormatter;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.Paging;
import io.github.difyspring.client.internal.RequestSupport;
import io.github.difyspring.client.workflow.HumanInputForm;
import io.github.difyspring.client.workflow.HumanInputSubmission;
import io.github.difyspring.client.workflow.ResumeOptions;
import io.github.difyspring.client.workflow.WorkflowLog;
import io.github.difyspring.client.workflow.WorkflowLogQuery;
import io.github.difyspring.client.workflow.WorkflowRunDetail;

/**
 * The operations on workflow runs that chatflow and workflow apps share: a run's detail, the
 * workflow logs, resuming a run's event stream, and human-input forms. Both
 * {@link DifyWorkflowClient} and {@link io.github.difyspring.client.DifyChatClient} offer them;
 * use those. Non-blocking: every method returns a {@link Mono} or {@link Flux} that does nothing
 * until subscribed.
 */
public final class WorkflowRuns {

    /** Dify's page size for workflow logs when a query names none. */
    private static final int DEFAULT_LOG_PAGE_SIZE = 20;

    private static final ParameterizedTypeReference<NumberedPage<WorkflowLog>> LOG_PAGE = new ParameterizedTypeReference<>() {
    };

    private final DifyTransport transport;

    private final DifyApp app;

    /**
     * Creates the operations on the runs of one app.
     * @param transport the app's transport
     * @param app the app, with the end user the operations act for
     */
    WorkflowRuns(DifyTransport transport, DifyApp app) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.app = Objects.requireNonNull(app, "app");
    }

    /**
     * Reads a workflow run: {@code GET /workflows/run/{workflow_run_id}}.
     * @param workflowRunId the run id, from a run's answer or events, or a chatflow message's metadata
     * @return the run
     */
    public Mono<WorkflowRunDetail> runDetail(String workflowRunId) {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/workflows/run/{workflow_run_id}")
                .pathVariable("workflow_run_id", workflowRunId), WorkflowRunDetail.class));
    }

    /**
     * Reads one page of the workflow logs: {@code GET /workflows/logs}.
     * @param query the page and the filters
     * @return the page
     */
    public Mono<NumberedPage<WorkflowLog>> workflowLogPage(WorkflowLogQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/workflows/logs")
                .query("keyword", query.keyword())
                .query("status", (query.status() != null) ? query.status().wireName() : null)
                .query("page", query.page())
                .query("limit", query.limit())
                .query("created_at__before", (query.createdBefore() != null)
                        ? DateTimeFormatter.ISO_INSTANT.format(query.createdBefore()) : null)
                .query("created_at__after", (query.createdAfter() != null)
                        ? DateTimeFormatter.ISO_INSTANT.format(query.createdAfter()) : null)
                .query("created_by_end_user_session_id", query.createdByEndUserSessionId())
                .query("created_by_account", query.createdByAccount()), LOG_PAGE));
    }

    /**
     * Streams the workflow logs the query matches, from its page on, fetching a page only when its
     * entries are wanted: {@code workflowLogs(query).take(50)} reads only the pages it needs.
     * @param query the first page, the page size and the filters
     * @return the entries, in the server's order (newest first)
     */
    public Flux<WorkflowLog> workflowLogs(WorkflowLogQuery query) {
        Objects.requireNonNull(query, "query");
        int first = (query.page() != null) ? query.page() : 1;
        int size = (query.limit() != null) ? query.limit() : DEFAULT_LOG_PAGE_SIZE;
        return Paging.numberedPages(first, size, (number) -> workflowLogPage(query.withPage(number)));
    }

    /**
     * Resumes the event stream of a run, after a pause or a dropped connection:
     * {@code GET /workflow/{workflow_run_id}/events}. The events are those of the original stream
     * (workflow or chatflow events); a run that already finished sends one
     * {@code workflow_finished} and closes. The {@code Flux} completes when the server closes the
     * stream; cancelling it closes the connection, and stops nothing: this stream only watches a run
     * that may have been started elsewhere (stop it with the client's {@code stop}).
     * The run must have been started by this client's end user.
     * @param workflowRunId the run id
     * @param options whether to replay the nodes that already ran and whether to stay open across
     * pauses; {@link ResumeOptions#defaults()} for Dify's defaults
     * @return the events
     */
    public Flux<DifyEvent> resumeStream(String workflowRunId, ResumeOptions options) {
        return Flux.defer(() -> this.transport.events(resumeCall(workflowRunId, options)));
    }

    /**
     * The same resumed stream as {@link #resumeStream(String, ResumeOptions)}, each event as Dify
     * sent it, untyped: for passing the rest of a paused run through to a browser. As there,
     * cancelling it closes the connection and stops nothing.
     * @param workflowRunId the run id
     * @param options whether to replay the nodes that already ran and whether to stay open across pauses
     * @return the events, as received
     */
    public Flux<DifyRawEvent> resumeRawStream(String workflowRunId, ResumeOptions options) {
        return Flux.defer(() -> this.transport.rawEvents(resumeCall(workflowRunId, options)));
    }

    private DifyCall resumeCall(String workflowRunId, ResumeOptions options) {
        Objects.requireNonNull(options, "options");
        return DifyCall.get("/workflow/{workflow_run_id}/events")
            .pathVariable("workflow_run_id", workflowRunId)
            .query("user", RequestSupport.user(this.app, null))
            .query("include_state_snapshot", options.includeStateSnapshot() ? true : null)
            .query("continue_on_pause", options.continueOnPause() ? true : null);
    }

    /**
     * Reads a human-input form a paused run waits on: {@code GET /form/human_input/{form_token}}.
     * @param formToken the token from the {@code human_input_required} event
     * @return the form
     */
    public Mono<HumanInputForm> humanInputForm(String formToken) {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/form/human_input/{form_token}")
                .pathVariable("form_token", formToken), HumanInputForm.class));
    }

    /**
     * Submits a human-input form, which resumes the paused run:
     * {@code POST /form/human_input/{form_token}}. Follow the resumed run with
     * {@link #resumeStream(String, ResumeOptions)}. A form takes one submission: a second
     * one fails with HTTP 412 ({@code human_input_form_submitted}), as does one after the form
     * expired ({@code human_input_form_expired}).
     * @param formToken the token from the {@code human_input_required} event
     * @param submission the button pressed and the fields' values
     * @return completes when Dify accepted the submission
     */
    public Mono<Void> submitHumanInputForm(String formToken, HumanInputSubmission submission) {
        Objects.requireNonNull(submission, "submission");
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.post("/form/human_input/{form_token}").notIdempotent()
                .pathVariable("form_token", formToken)
                .json(RequestBodies.humanInput(submission, RequestSupport.user(this.app, submission.user())))));
    }

    @Override
    public String toString() {
        return "WorkflowRuns[" + this.app + "]";
    }

}
