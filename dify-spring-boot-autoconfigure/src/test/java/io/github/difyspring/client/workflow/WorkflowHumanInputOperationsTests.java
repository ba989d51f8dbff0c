package io.github.difyspring.client.workflow;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.core.HumanInputAction;
import io.github.difyspring.client.core.HumanInputField;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyNotFoundException;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static io.github.difyspring.client.OpenApiContract.requestExample;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The human-input forms of {@link DifyWorkflowClient}: reading a paused run's form and submitting it.
 */
class WorkflowHumanInputOperationsTests extends DifyClientTestSupport {

    private static final String FORM_PATH = "/form/human_input/{form_token}";

    @Test
    void formIsReadByItsTokenAndMapsTheSpecExample() {
        wireMock.stubFor(get(urlEqualTo("/v1/form/human_input/tok_abc123"))
            .willReturn(json(200, responseExample("GET", FORM_PATH, 200, "success"))));

        HumanInputForm form = workflowClient().workflowRuns().humanInputForm("tok_abc123").block(TIMEOUT);

        wireMock.verify(1, difyGet("/v1/form/human_input/tok_abc123"));
        assertThat(form).isNotNull();
        assertThat(form.formContent()).isEqualTo("Please review the draft, set a priority, and confirm or request changes.");
        assertThat(form.expirationTime()).isEqualTo(1745510400L);
        assertThat(form.resolvedDefaultValues()).containsExactly(Map.entry("feedback", ""));
        assertThat(form.userActions()).containsExactly(new HumanInputAction("approve", "Approve", "primary"),
                new HumanInputAction("reject", "Request changes", "default"));
        assertThat(form.inputs()).extracting(HumanInputField::type).containsExactly("paragraph", "select", "file", "file-list");
        assertThat(form.inputs()).extracting(HumanInputField::outputVariableName)
            .containsExactly("feedback", "priority", "attachment", "attachments");
        HumanInputField paragraph = form.inputs().get(0);
        assertThat(paragraph.defaultValue()).isEqualTo(new HumanInputField.DefaultValue("constant", List.of(), ""));
        assertThat(paragraph.optionSource()).isNull();
        assertThat(paragraph.allowedFileTypes()).isEmpty();
        HumanInputField select = form.inputs().get(1);
        assertThat(select.optionSource())
            .isEqualTo(new HumanInputField.OptionSource("constant", List.of(), List.of("low", "medium", "high")));
        HumanInputField files = form.inputs().get(3);
        assertThat(files.allowedFileTypes()).containsExactly("image", "document");
        assertThat(files.allowedFileExtensions()).isEmpty();
        assertThat(files.allowedFileUploadMethods()).containsExactly("local_file", "remote_url");
        assertThat(files.numberLimits()).isEqualTo(5);
    }

    @Test
    void aFormAlreadySubmittedFailsWithPreconditionFailed() {
        wireMock.stubFor(get(urlEqualTo("/v1/form/human_input/tok_1"))
            .willReturn(json(412, responseExample("GET", FORM_PATH, 412, "human_input_form_submitted"))));

        DifyApiException ex = failure(workflowClient().workflowRuns().humanInputForm("tok_1"), DifyApiException.class);

        assertThat(ex.getStatusCode().value()).isEqualTo(412);
        assertThat(ex.getCode()).isEqualTo("human_input_form_submitted");
    }

    @Test
    void anUnknownFormFailsWithNotFound() {
        wireMock.stubFor(get(urlEqualTo("/v1/form/human_input/gone"))
            .willReturn(json(404, responseExample("GET", FORM_PATH, 404, "not_found"))));

        failure(workflowClient().workflowRuns().humanInputForm("gone"), DifyNotFoundException.class);
    }

    @Test
    void submissionPostsTheSpecExampleRequest() {
        stubJson("/v1/form/human_input/tok_abc123", 200, responseExample("POST", FORM_PATH, 200, "success"));

        HumanInputSubmission submission = HumanInputSubmission.builder("approve")
            .input("feedback", "Looks good to ship")
            .input("priority", "high")
            .file("attachment", DifyFile.uploaded(DifyFileType.IMAGE, "3c8fa1b2-7d4e-4f9a-b0c1-d2e3f4a5b6c7"))
            .files("attachments", List.of(DifyFile.uploaded(DifyFileType.DOCUMENT, "1a77f0df-c0e6-461c-987c-e72526f341ee"),
                    DifyFile.remoteUrl(DifyFileType.DOCUMENT, "https://example.com/report.pdf")))
            .user("abc-123")
            .build();
        workflowClient().workflowRuns().submitHumanInputForm("tok_abc123", submission).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/form/human_input/tok_abc123")
            .withRequestBody(equalToJson(requestExample("POST", FORM_PATH, "approve")))
            .withRequestBody(matchesRequestSchema("POST", FORM_PATH)));
    }

    @Test
    void submissionUsesTheDefaultUser() {
        stubJson("/v1/form/human_input/tok_1", 200, "{}");

        workflowClient().workflowRuns()
            .submitHumanInputForm("tok_1", HumanInputSubmission.of("reject", Map.of("feedback", "Too long"))).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/form/human_input/tok_1")
            .withRequestBody(equalToJson("{\"inputs\": {\"feedback\": \"Too long\"}, \"action\": \"reject\", \"user\": \""
                    + DEFAULT_USER + "\"}"))
            .withRequestBody(matchesRequestSchema("POST", FORM_PATH)));
    }

    @Test
    void anInvalidSubmissionFailsWithBadRequest() {
        stubJson("/v1/form/human_input/tok_1", 400, responseExample("POST", FORM_PATH, 400, "invalid_form_data"));

        DifyBadRequestException ex = failure(workflowClient().workflowRuns()
            .submitHumanInputForm("tok_1", HumanInputSubmission.of("approve", Map.of())),
                DifyBadRequestException.class);

        assertThat(ex.getCode()).isEqualTo("invalid_form_data");
        assertThat(ex.getDifyMessage()).isEqualTo("Missing required inputs: feedback");
    }

    @Test
    void aSecondSubmissionFailsWithPreconditionFailed() {
        stubJson("/v1/form/human_input/tok_1", 412, responseExample("POST", FORM_PATH, 412, "human_input_form_expired"));

        DifyApiException ex = failure(workflowClient().workflowRuns()
            .submitHumanInputForm("tok_1", HumanInputSubmission.of("approve", Map.of())),
                DifyApiException.class);

        assertThat(ex.getStatusCode().value()).isEqualTo(412);
        assertThat(ex.getCode()).isEqualTo("human_input_form_expired");
    }
}
