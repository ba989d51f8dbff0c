package io.github.difyspring.client.testserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.WorkflowRuns;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.chat.Message;
import io.github.difyspring.client.chat.MessageQuery;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.HumanInputAction;
import io.github.difyspring.client.core.HumanInputField;
import io.github.difyspring.client.core.PauseReason;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.HumanInputFormFilledEvent;
import io.github.difyspring.client.event.HumanInputRequiredEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.event.WorkflowPausedEvent;
import io.github.difyspring.client.workflow.HumanInputForm;
import io.github.difyspring.client.workflow.HumanInputSubmission;
import io.github.difyspring.client.workflow.ResumeOptions;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.client.workflow.WorkflowRunResponse;
import io.github.difyspring.test.HumanInputPause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Runs of the test double that pause for human input, through the clients' {@code workflowRuns()}:
 * the pause (streamed and blocking), the form read by its token, the submission, and the resumed
 * stream with the rest of the run and its end.
 */
class HumanInputThroughClientTests extends ThroughClientSupport {

    private static final String WORKFLOW_KEY = "app-review-workflow-key";

    private static final String CHATFLOW_KEY = "app-review-chatflow-key";

    private static HumanInputPause publishForm() {
        return HumanInputPause.form("Publish this draft? {{#$output.comment#}}")
            .titled("Editor Review")
            .paragraph("comment", "Looks good")
            .select("channel", "blog", "newsletter")
            .action("approve", "Approve")
            .action("reject", "Reject")
            .thenAnswers("Published on the blog.");
    }

    @Test
    void aStreamedWorkflowPausesOnTheFormAndResumesWithTheRestOnceItIsSubmitted() {
        this.dify.workflowApp("review", WORKFLOW_KEY).answers("Draft ready.").pausesFor(publishForm())
            .outputs(Map.of("status", "published"));
        DifyWorkflowClient workflow = workflowClient("review", WORKFLOW_KEY);

        List<DifyEvent> paused = collect(workflow.stream(WorkflowRunRequest.of(Map.of("draft", "d-1"))));

        assertThat(assemble(paused).text()).isEqualTo("Draft ready.");
        assertThat(ofType(paused, WorkflowFinishedEvent.class)).as("a paused run has not finished").isEmpty();
        HumanInputRequiredEvent required = ofType(paused, HumanInputRequiredEvent.class).get(0);
        assertThat(required.data().nodeTitle()).isEqualTo("Editor Review");
        WorkflowPausedEvent pause = (WorkflowPausedEvent) paused.get(paused.size() - 1);
        assertThat(pause.data().status()).isEqualTo("paused");
        PauseReason reason = pause.data().reasons().get(0);
        assertThat(reason.type()).isEqualTo(PauseReason.HUMAN_INPUT_REQUIRED);
        assertThat(reason.formToken()).isEqualTo(required.data().formToken()).isNotBlank();
        String runId = assemble(paused).workflowRunId();
        assertThat(runId).isEqualTo(pause.workflowRunId());

        WorkflowRuns runs = workflow.workflowRuns();
        HumanInputForm form = runs.humanInputForm(reason.formToken()).block(TIMEOUT);
        assertThat(form.formContent()).isEqualTo("Publish this draft? {{#$output.comment#}}");
        assertThat(form.inputs()).extracting(HumanInputField::outputVariableName).containsExactly("comment", "channel");
        assertThat(form.inputs().get(1).optionSource().options()).containsExactly("blog", "newsletter");
        assertThat(form.resolvedDefaultValues()).containsEntry("comment", "Looks good");
        assertThat(form.userActions()).extracting(HumanInputAction::id).containsExactly("approve", "reject");
        assertThat(form.expirationTime()).isPositive();

        runs.submitHumanInputForm(reason.formToken(), HumanInputSubmission.of("approve", Map.of("comment", "Ship it", "channel", "blog")))
            .block(TIMEOUT);
        List<DifyEvent> resumed = collect(runs.resumeStream(runId, ResumeOptions.defaults()));

        HumanInputFormFilledEvent filled = ofType(resumed, HumanInputFormFilledEvent.class).get(0);
        assertThat(filled.data().actionId()).isEqualTo("approve");
        assertThat(filled.data().actionText()).isEqualTo("Approve");
        assertThat(filled.data().submittedData()).containsEntry("comment", "Ship it").containsEntry("channel", "blog");
        assertThat(assemble(resumed).text()).isEqualTo("Published on the blog.");
        WorkflowFinishedEvent finished = (WorkflowFinishedEvent) resumed.get(resumed.size() - 1);
        assertThat(finished.workflowRunId()).isEqualTo(runId);
        assertThat(finished.data().status()).isEqualTo("succeeded");
        assertThat(finished.data().outputs()).containsExactlyEntriesOf(Map.of("status", "published"));
        assertThat(runs.runDetail(runId).block(TIMEOUT).status()).isEqualTo("succeeded");
        assertThat(this.dify.requests().app("review").to("POST", "/form/human_input/" + reason.formToken()).single().body())
            .containsEntry("action", "approve").containsEntry("user", USER);
    }

    @Test
    void aBlockingRunAnswersWithThePauseAndAFormTakesOneSubmission() {
        this.dify.workflowApp("review", WORKFLOW_KEY).pausesFor(publishForm());
        DifyWorkflowClient workflow = workflowClient("review", WORKFLOW_KEY);
        WorkflowRuns runs = workflow.workflowRuns();

        WorkflowRunResponse response = workflow.run(WorkflowRunRequest.of(Map.of())).block(TIMEOUT);

        assertThat(response.isPaused()).isTrue();
        assertThat(response.data().status()).isEqualTo("paused");
        String token = response.data().reasons().get(0).formToken();
        runs.submitHumanInputForm(token, HumanInputSubmission.of("reject", Map.of("comment", "Not yet", "channel", "blog"))).block(TIMEOUT);
        Throwable second = catchThrowable(() -> runs.submitHumanInputForm(token, HumanInputSubmission.of("approve", Map.of()))
            .block(TIMEOUT));
        assertThat(second).isInstanceOf(DifyApiException.class);
        assertThat(((DifyApiException) second).getStatusCode().value()).isEqualTo(412);
        assertThat(((DifyApiException) second).getCode()).isEqualTo("human_input_form_submitted");
        List<DifyEvent> resumed = collect(runs.resumeStream(response.workflowRunId(), ResumeOptions.defaults()));
        assertThat(ofType(resumed, HumanInputFormFilledEvent.class).get(0).data().actionId()).isEqualTo("reject");
    }

    @Test
    void aResumedStreamOpenedBeforeTheSubmissionWaitsForIt() throws Exception {
        this.dify.workflowApp("review", WORKFLOW_KEY).pausesFor(publishForm());
        DifyWorkflowClient workflow = workflowClient("review", WORKFLOW_KEY);
        StreamedAnswer paused = assemble(collect(workflow.stream(WorkflowRunRequest.of(Map.of()))));
        String token = paused.pause().reasons().get(0).formToken();

        CompletableFuture<List<DifyEvent>> resumed = workflow.workflowRuns().resumeStream(paused.workflowRunId(), ResumeOptions.defaults())
            .collectList().toFuture();
        this.dify.awaitRequests(1, (request) -> request.path().endsWith("/events"), TIMEOUT);
        workflow.workflowRuns().submitHumanInputForm(token, HumanInputSubmission.of("approve", Map.of("comment", "ok", "channel", "blog")))
            .block(TIMEOUT);

        List<DifyEvent> events = resumed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertAllTyped(events);
        assertThat(assemble(events).text()).isEqualTo("Published on the blog.");
        assertThat(assemble(events).run().status()).isEqualTo("succeeded");
    }

    @Test
    void aChatflowPausesMidAnswerAndTheResumedStreamFinishesTheMessage() {
        this.dify.chatflowApp("review", CHATFLOW_KEY).answers("Draft ready.").pausesFor(publishForm());
        DifyChatClient chatflow = chatClient("review", DifyAppType.CHATFLOW, CHATFLOW_KEY);

        List<DifyEvent> paused = collect(chatflow.stream(ChatRequest.of("Write the release note")));
        StreamedAnswer before = assemble(paused);
        assertThat(before.text()).isEqualTo("Draft ready.");
        assertThat(before.messageEnded()).as("the message goes on after the pause").isFalse();
        assertThat(before.pause()).isNotNull();
        String token = before.pause().reasons().get(0).formToken();

        WorkflowRuns runs = chatflow.workflowRuns();
        assertThat(runs.humanInputForm(token).block(TIMEOUT).userActions()).extracting(HumanInputAction::id).contains("approve");
        runs.submitHumanInputForm(token, HumanInputSubmission.of("approve", Map.of("comment", "Ship it", "channel", "blog"))).block(TIMEOUT);
        List<DifyEvent> resumed = collect(runs.resumeStream(before.workflowRunId(), ResumeOptions.defaults()));

        StreamedAnswer after = assemble(resumed);
        assertThat(after.text()).isEqualTo("Published on the blog.");
        assertThat(after.messageEnded()).isTrue();
        assertThat(ofType(resumed, MessageEndEvent.class).get(0).messageId()).isEqualTo(before.messageId());
        assertThat(after.run().status()).isEqualTo("succeeded");
        String whole = before.text() + after.text();
        List<Message> history = chatflow.conversations().messages(MessageQuery.of(before.conversationId())).collectList().block(TIMEOUT);
        assertThat(history).extracting(Message::answer).containsExactly(whole);
        assertThat(after.run().outputs()).as("the answer node's output is the whole answer").containsEntry("answer", whole);
    }

    @Test
    void aBlockingChatflowAnswersWithThePartialAnswerAndThePause() {
        this.dify.chatflowApp("review", CHATFLOW_KEY).answers("Draft ready.").pausesFor(publishForm());
        DifyChatClient chatflow = chatClient("review", DifyAppType.CHATFLOW, CHATFLOW_KEY);

        ChatResponse answer = chatflow.send(ChatRequest.of("Write the release note")).block(TIMEOUT);

        assertThat(answer.isPaused()).isTrue();
        assertThat(answer.answer()).isEqualTo("Draft ready.");
        assertThat(answer.workflowRunId()).isNotBlank();
        PauseReason reason = answer.pause().reasons().get(0);
        assertThat(reason.nodeTitle()).isEqualTo("Editor Review");
        assertThat(reason.actions()).extracting(HumanInputAction::id).containsExactly("approve", "reject");
        assertThat(chatflow.workflowRuns().humanInputForm(reason.formToken()).block(TIMEOUT).formContent())
            .isEqualTo("Publish this draft? {{#$output.comment#}}");
    }
}
