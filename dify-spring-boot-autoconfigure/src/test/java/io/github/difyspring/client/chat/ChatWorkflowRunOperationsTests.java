package io.github.difyspring.client.chat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.HumanInputFormFilledEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.workflow.HumanInputForm;
import io.github.difyspring.client.workflow.HumanInputSubmission;
import io.github.difyspring.client.workflow.ResumeOptions;
import io.github.difyspring.client.workflow.WorkflowLog;
import io.github.difyspring.client.workflow.WorkflowLogQuery;
import io.github.difyspring.client.workflow.WorkflowLogStatus;
import io.github.difyspring.client.workflow.WorkflowRunDetail;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The workflow-run operations a chatflow's {@link DifyChatClient} offers: the same requests as a
 * workflow app's, through the chat client.
 */
class ChatWorkflowRunOperationsTests extends DifyClientTestSupport {

    private static final String RUN_ID = "fb47b2e6-5e43-4f90-be01-d5c5a088d156";

    private static DifyChatClient chatflow() {
        return chatClient(DifyAppType.CHATFLOW);
    }

    @Test
    void runDetailOfAChatflowRun() {
        wireMock.stubFor(get(urlEqualTo("/v1/workflows/run/" + RUN_ID))
            .willReturn(json(200, responseExample("GET", "/workflows/run/{workflow_run_id}", 200, "workflowRunDetail"))));

        WorkflowRunDetail detail = chatflow().workflowRuns().runDetail(RUN_ID).block(TIMEOUT);

        wireMock.verify(1, difyGet("/v1/workflows/run/" + RUN_ID));
        assertThat(detail).isNotNull();
        assertThat(detail.inputs()).containsExactly(Map.entry("query", "Translate this to French"));
        assertThat(detail.status()).isEqualTo("succeeded");
    }

    @Test
    void runDetailOnAnAppThatIsNotAChatflowFailsWithBadRequest() {
        wireMock.stubFor(get(urlEqualTo("/v1/workflows/run/" + RUN_ID))
            .willReturn(json(400, responseExample("GET", "/workflows/run/{workflow_run_id}", 400, "not_workflow_app"))));

        DifyBadRequestException ex = failure(chatClient(DifyAppType.CHAT).workflowRuns()
            .runDetail(RUN_ID), DifyBadRequestException.class);

        assertThat(ex.getCode()).isEqualTo("not_workflow_app");
    }

    @Test
    void workflowLogsOfAChatflow() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs"))
            .willReturn(json(200, responseExample("GET", "/workflows/logs", 200, "workflowLogs"))));

        List<WorkflowLog> logs = chatflow().workflowRuns().workflowLogPage(WorkflowLogQuery.builder()
            .status(WorkflowLogStatus.STOPPED)
            .keyword("refund").build()).block(TIMEOUT).data();

        wireMock.verify(1, difyGet("/v1/workflows/logs?keyword=refund&status=stopped"));
        assertThat(logs).singleElement().satisfies((log) -> assertThat(log.workflowRun().id()).isEqualTo(RUN_ID));
    }

    @Test
    void allWorkflowLogsOfAChatflowPageByNumber() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs")).withQueryParam("page", equalTo("1"))
            .willReturn(json(200, "{\"page\": 1, \"has_more\": true, \"data\": [{\"id\": \"l-1\"}]}")));
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs")).withQueryParam("page", equalTo("2"))
            .willReturn(json(200, "{\"page\": 2, \"has_more\": false, \"data\": [{\"id\": \"l-2\"}]}")));

        List<WorkflowLog> logs = chatflow().workflowRuns().workflowLogs(WorkflowLogQuery.all()).collectList().block(TIMEOUT);

        assertThat(logs).extracting(WorkflowLog::id).containsExactly("l-1", "l-2");
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v1/workflows/logs")));
    }

    @Test
    void resumeStreamOfAChatflowDecodesItsChatEvents() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflow/" + RUN_ID + "/events"))
            .willReturn(eventStream(exampleStream("service_streamWorkflowEvents_resumedRunChatflow.sse.txt"))));

        List<DifyEvent> events = collect(chatflow().forUser("abc-123").workflowRuns()
            .resumeStream(RUN_ID, ResumeOptions.defaults().withStateSnapshot()));

        wireMock.verify(1, difyGet("/v1/workflow/" + RUN_ID + "/events?user=abc-123&include_state_snapshot=true")
            .withHeader("Accept", equalTo("text/event-stream")));
        assertThat(events).extracting(DifyEvent::type).containsExactly("human_input_form_filled", "node_started",
                "reasoning_chunk", "reasoning_chunk", "message", "node_finished", "message_end", "workflow_finished");
        assertThat(events.get(0)).asInstanceOf(type(HumanInputFormFilledEvent.class))
            .satisfies((filled) -> assertThat(filled.conversationId()).isEqualTo("9d3a2f1b-6c7d-4e8f-a0b1-c2d3e4f5a6b7"));
        assertThat(events.get(4)).asInstanceOf(type(MessageEvent.class))
            .satisfies((message) -> assertThat(message.answer()).isEqualTo("Approved"));
        assertThat(events.get(6)).isInstanceOf(MessageEndEvent.class);
        assertThat(events.get(7)).isInstanceOf(WorkflowFinishedEvent.class);
    }

    @Test
    void resumeStreamOfAChatflowWithTheDefaultUser() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflow/" + RUN_ID + "/events"))
            .willReturn(eventStream(exampleStream("service_streamWorkflowEvents_resumedRunChatflow.sse.txt"))));

        collect(chatflow().workflowRuns().resumeStream(RUN_ID, ResumeOptions.defaults()));

        wireMock.verify(1, getRequestedFor(urlEqualTo("/v1/workflow/" + RUN_ID + "/events?user=" + DEFAULT_USER)));
    }

    @Test
    void humanInputFormOfAChatflow() {
        wireMock.stubFor(get(urlEqualTo("/v1/form/human_input/tok_1"))
            .willReturn(json(200, responseExample("GET", "/form/human_input/{form_token}", 200, "success"))));

        HumanInputForm form = chatflow().workflowRuns().humanInputForm("tok_1").block(TIMEOUT);

        wireMock.verify(1, difyGet("/v1/form/human_input/tok_1"));
        assertThat(form).isNotNull();
        assertThat(form.userActions()).hasSize(2);
    }

    @Test
    void submittingAChatflowsHumanInputForm() {
        stubJson("/v1/form/human_input/tok_1", 200, "{}");

        chatflow().workflowRuns().submitHumanInputForm("tok_1", HumanInputSubmission.builder("approve")
            .input("feedback", "ok").user("abc-123")
            .build()).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/form/human_input/tok_1")
            .withRequestBody(equalToJson("{\"inputs\": {\"feedback\": \"ok\"}, \"action\": \"approve\", \"user\": \"abc-123\"}"))
            .withRequestBody(matchesRequestSchema("POST", "/form/human_input/{form_token}")));
    }

    @Test
    void submittingAnUnknownFormFailsWithNotFound() {
        stubJson("/v1/form/human_input/gone", 404, responseExample("POST", "/form/human_input/{form_token}", 404, "not_found"));

        failure(chatflow().workflowRuns()
            .submitHumanInputForm("gone", HumanInputSubmission.of("approve", Map.of())), DifyNotFoundException.class);
    }
}
