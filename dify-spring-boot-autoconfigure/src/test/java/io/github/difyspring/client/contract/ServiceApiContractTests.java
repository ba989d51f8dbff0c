package io.github.difyspring.client.contract;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.app.AnnotationQuery;
import io.github.difyspring.client.app.AnnotationReplyAction;
import io.github.difyspring.client.app.AnnotationReplySettings;
import io.github.difyspring.client.app.FeedbackQuery;
import io.github.difyspring.client.app.FeedbackRequest;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ConversationQuery;
import io.github.difyspring.client.chat.ConversationSort;
import io.github.difyspring.client.chat.ConversationVariableQuery;
import io.github.difyspring.client.chat.MessageQuery;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.file.TextToAudioRequest;
import io.github.difyspring.client.workflow.HumanInputSubmission;
import io.github.difyspring.client.workflow.ResumeOptions;
import io.github.difyspring.client.workflow.WorkflowLogQuery;
import io.github.difyspring.client.workflow.WorkflowLogStatus;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks the clients against Dify's official OpenAPI description: every request they send must
 * validate against it, and every response example it gives must decode into the typed responses
 * (or, for error examples, into the matching exception). Every app-level operation of the spec
 * must have a client method here.
 */
class ServiceApiContractTests {

    private static final DifyOpenApiSpec spec = new DifyOpenApiSpec();

    private static final WireMockServer dify = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    private static final String USER = "contract-user";

    private static final String ID = "9d3a2f1b-6c7d-4e8f-a0b1-c2d3e4f5a6b7";

    @BeforeAll
    static void start() {
        dify.start();
    }

    @AfterAll
    static void stop() {
        dify.stop();
    }

    @BeforeEach
    void reset() {
        dify.resetAll();
    }

    /**
     * The clients of one app of each type, all talking to the WireMock Dify.
     */
    record Clients(DifyChatClient chat, DifyWorkflowClient workflow, DifyCompletionClient completion, DifyKnowledgeClient knowledge) {

        static Clients create() {
            URI baseUrl = URI.create(dify.baseUrl() + "/v1");
            // Error examples with 429 and 5xx are retried: keep the backoff to milliseconds.
            DifyClientOptions options = DifyClientOptions.defaults()
                .withRetry(new DifyRetryOptions(true, 3, Duration.ofMillis(1), Duration.ofMillis(5), 0));
            WebClient.Builder builder = WebClient.builder();
            return new Clients(
                    new DifyChatClient(new DifyApp("chat", DifyAppType.CHATFLOW, baseUrl, "app-chat-key", USER).withOptions(options), builder),
                    new DifyWorkflowClient(new DifyApp("workflow", DifyAppType.WORKFLOW, baseUrl, "app-flow-key", USER).withOptions(options), builder),
                    new DifyCompletionClient(new DifyApp("completion", DifyAppType.COMPLETION, baseUrl, "app-text-key", USER).withOptions(options),
                            builder),
                    new DifyKnowledgeClient(new DifyApp("knowledge", DifyAppType.KNOWLEDGE, baseUrl, "dataset-key", null).withOptions(options),
                            builder));
        }
    }

    /**
     * How the WireMock Dify answers an operation when the spec's own examples are not used.
     */
    enum Answer {

        /** The operation's first JSON success example. */
        JSON_EXAMPLE,

        /** An event stream, from the shared stream examples. */
        EVENT_STREAM,

        /** Bytes, as file previews and audio are. */
        BYTES,

        /** 200 with no body, as stops are. */
        EMPTY_200,

        /** 204 with no body, as deletes are. */
        EMPTY_204
    }

    /**
     * One client method and the spec operation it calls.
     * @param operationId the spec's operation id
     * @param method how the client method is called, for the coverage table
     * @param answer how the WireMock Dify answers
     * @param call calls it
     */
    record Operation(String operationId, String method, Answer answer, Function<Clients, Publisher<?>> call) {

        @Override
        public String toString() {
            return this.operationId + " <- " + this.method;
        }
    }

    static List<Operation> operations() {
        ChatRequest chat = ChatRequest.builder()
            .query("What are the specs of the iPhone 13 Pro Max?")
            .input("city", "San Francisco")
            .conversationId(ID)
            .file(DifyFile.remoteUrl(DifyFileType.IMAGE, "https://cloud.dify.ai/logo/logo-site.png"))
            .file(DifyFile.uploaded(DifyFileType.DOCUMENT, ID))
            .autoGenerateName(true)
            .workflowId(ID)
            .traceId("trace-123")
            .build();
        WorkflowRunRequest run = WorkflowRunRequest.builder()
            .input("query", "Translate this")
            .file(DifyFile.remoteUrl(DifyFileType.DOCUMENT, "https://example.com/report.pdf"))
            .traceId("trace-123")
            .build();
        CompletionRequest completion = CompletionRequest.builder().input("query", "Summarize this").traceId("trace-123").build();
        List<Operation> operations = new ArrayList<>();
        operations.add(new Operation("sendChatMessage", "DifyChatClient.send(ChatRequest)", Answer.JSON_EXAMPLE,
                (c) -> c.chat().send(chat)));
        operations.add(new Operation("sendChatMessage", "DifyChatClient.stream(ChatRequest)", Answer.EVENT_STREAM,
                (c) -> c.chat().stream(chat)));
        operations.add(new Operation("stopChatMessageGeneration", "DifyChatClient.stop(taskId)", Answer.EMPTY_200,
                (c) -> c.chat().forUser("someone").stop("task-1")));
        operations.add(new Operation("executeWorkflow", "DifyWorkflowClient.run(WorkflowRunRequest)", Answer.JSON_EXAMPLE,
                (c) -> c.workflow().run(run)));
        operations.add(new Operation("executeWorkflow", "DifyWorkflowClient.stream(WorkflowRunRequest)", Answer.EVENT_STREAM,
                (c) -> c.workflow().stream(run)));
        operations.add(new Operation("stopWorkflowTaskGeneration", "DifyWorkflowClient.stop(taskId)", Answer.EMPTY_200,
                (c) -> c.workflow().forUser("someone").stop("task-1")));
        operations.add(new Operation("createCompletionMessage", "DifyCompletionClient.send(CompletionRequest)",
                Answer.JSON_EXAMPLE, (c) -> c.completion().send(completion)));
        operations.add(new Operation("createCompletionMessage", "DifyCompletionClient.stream(CompletionRequest)",
                Answer.EVENT_STREAM, (c) -> c.completion().stream(completion)));
        operations.add(new Operation("stopGenerate", "DifyCompletionClient.stop(taskId)", Answer.EMPTY_200,
                (c) -> c.completion().forUser("someone").stop("task-1")));
        // Chat apps
        operations.add(new Operation("getSuggestedQuestions", "DifyChatClient.suggestedQuestions(messageId)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().forUser(USER).suggestedQuestions(ID)));
        operations.add(new Operation("getConversationHistory",
                "ChatConversations.messagePage(MessageQuery), messages(MessageQuery)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().forUser(USER).conversations().messagePage(new MessageQuery(ID, ID, 20))));
        operations.add(new Operation("getConversationsList", "ChatConversations.page(ConversationQuery), list(ConversationQuery)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().forUser(USER).conversations().page(ConversationQuery.all()
                    .withLastId(ID).withLimit(20)
                    .withSortBy(ConversationSort.UPDATED_AT_DESC))));
        operations.add(new Operation("renameConversation", "ChatConversations.rename(conversationId, name)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().forUser(USER).conversations().rename(ID, "Trip to Paris")));
        operations.add(new Operation("renameConversation", "ChatConversations.generateName(conversationId)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().forUser(USER).conversations().generateName(ID)));
        operations.add(new Operation("deleteConversation", "ChatConversations.delete(conversationId)",
                Answer.EMPTY_204, (c) -> c.chat().forUser(USER).conversations().delete(ID)));
        operations.add(new Operation("getConversationVariables",
                "ChatConversations.variablePage(ConversationVariableQuery), variables(ConversationVariableQuery)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().forUser(USER).conversations()
                    .variablePage(new ConversationVariableQuery(ID, ID, 20, "customer_name"))));
        operations.add(new Operation("updateChatConversationVariable",
                "ChatConversations.updateVariable(conversationId, variableId, value)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().forUser(USER).conversations().updateVariable(ID, ID, "Ada")));
        // Chatflow and workflow apps
        operations.add(new Operation("getWorkflowRunDetail", "WorkflowRuns.runDetail(workflowRunId)",
                Answer.JSON_EXAMPLE, (c) -> c.workflow().workflowRuns().runDetail(ID)));
        operations.add(new Operation("getWorkflowLogs",
                "WorkflowRuns.workflowLogPage(WorkflowLogQuery), workflowLogs(WorkflowLogQuery)",
                Answer.JSON_EXAMPLE, (c) -> c.workflow().workflowRuns().workflowLogPage(WorkflowLogQuery.builder()
                    .keyword("report")
                    .status(WorkflowLogStatus.SUCCEEDED).page(2).limit(20)
                    .createdBefore(Instant.parse("2026-01-31T00:00:00Z")).createdAfter(Instant.parse("2026-01-01T00:00:00Z"))
                    .createdByEndUserSessionId("session-1").createdByAccount("ops@example.com").build())));
        operations.add(new Operation("streamWorkflowEvents", "WorkflowRuns.resumeStream(workflowRunId, ResumeOptions)",
                Answer.EVENT_STREAM, (c) -> c.workflow().forUser(USER).workflowRuns()
                    .resumeStream(ID, ResumeOptions.defaults().withStateSnapshot().withContinueOnPause())));
        operations.add(new Operation("getChatflowHumanInputForm", "WorkflowRuns.humanInputForm(formToken)",
                Answer.JSON_EXAMPLE, (c) -> c.workflow().workflowRuns().humanInputForm("tok_abc123")));
        operations.add(new Operation("submitChatflowHumanInputForm",
                "WorkflowRuns.submitHumanInputForm(formToken, HumanInputSubmission)",
                Answer.EMPTY_200, (c) -> c.chat().workflowRuns()
                    .submitHumanInputForm("tok_abc123", HumanInputSubmission.of("approve", Map.of("comment", "Looks good.")))));
        operations.add(new Operation("runWorkflowById", "DifyWorkflowClient.run(WorkflowRunRequest with workflowId)",
                Answer.JSON_EXAMPLE, (c) -> c.workflow().run(run.toBuilder().workflowId(ID).build())));
        operations.add(new Operation("runWorkflowById", "DifyWorkflowClient.stream(WorkflowRunRequest with workflowId)",
                Answer.EVENT_STREAM, (c) -> c.workflow().stream(run.toBuilder().workflowId(ID).build())));
        // Every app
        operations.add(new Operation("uploadChatFile", "AppFiles.upload(FileUpload)", Answer.JSON_EXAMPLE,
                (c) -> c.completion().forUser(USER).files()
                    .upload(FileUpload.of("%PDF-1.7".getBytes(StandardCharsets.UTF_8), "report.pdf"))));
        operations.add(new Operation("previewChatFile", "AppFiles.download(fileId[, target])", Answer.BYTES,
                (c) -> c.chat().forUser(USER).files().download(ID).map(DataBufferUtils::release)));
        operations.add(new Operation("getEndUserChat", "DifyAppClient.endUser(endUserId)", Answer.JSON_EXAMPLE,
                (c) -> c.chat().endUser(ID)));
        operations.add(new Operation("postChatMessageFeedback", "DifyAppClient.feedback(messageId, FeedbackRequest)",
                Answer.EMPTY_200, (c) -> c.chat().feedback(ID, FeedbackRequest.like().withContent("Spot on").withUser(USER))));
        operations.add(new Operation("getChatAppFeedbacks", "DifyAppClient.feedbackPage(FeedbackQuery), feedbacks(FeedbackQuery)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().feedbackPage(new FeedbackQuery(1, 20))));
        operations.add(new Operation("audioToText", "AppAudio.toText(FileUpload)", Answer.JSON_EXAMPLE,
                (c) -> c.chat().forUser(USER).audio().toText(FileUpload.of(new byte[] { 1, 2, 3 }, "question.mp3"))));
        operations.add(new Operation("textToAudioChat", "AppAudio.fromText(TextToAudioRequest)", Answer.BYTES,
                (c) -> c.chat().audio().fromText(TextToAudioRequest.ofText("Hello").withVoice("alloy").withUser(USER))
                    .map(DataBufferUtils::release)));
        operations.add(new Operation("getChatAppInfo", "DifyAppClient.info()", Answer.JSON_EXAMPLE, (c) -> c.chat().info()));
        operations.add(new Operation("getChatAppParameters", "DifyAppClient.parameters()", Answer.JSON_EXAMPLE,
                (c) -> c.chat().parameters()));
        operations.add(new Operation("getChatAppMeta", "DifyAppClient.meta()", Answer.JSON_EXAMPLE, (c) -> c.chat().meta()));
        operations.add(new Operation("getChatWebAppSettings", "DifyAppClient.site()", Answer.JSON_EXAMPLE, (c) -> c.chat().site()));
        operations.add(new Operation("getAnnotationList", "AppAnnotations.page(AnnotationQuery), list(AnnotationQuery)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().annotations().page(new AnnotationQuery(1, 20, "refund"))));
        operations.add(new Operation("createAnnotation", "AppAnnotations.create(question, answer)", Answer.JSON_EXAMPLE,
                (c) -> c.chat().annotations().create("How do I get a refund?", "Within 30 days, from your account page.")));
        operations.add(new Operation("updateAnnotation", "AppAnnotations.update(annotationId, question, answer)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().annotations().update(ID, "How do I get a refund?", "Within 60 days.")));
        operations.add(new Operation("deleteAnnotation", "AppAnnotations.delete(annotationId)", Answer.EMPTY_204,
                (c) -> c.chat().annotations().delete(ID)));
        operations.add(new Operation("initialAnnotationReplySettings", "AppAnnotations.switchReply(action, settings)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().annotations()
                    .switchReply(AnnotationReplyAction.ENABLE, new AnnotationReplySettings("openai",
                        "text-embedding-3-small", 0.9))));
        operations.add(new Operation("getInitialAnnotationReplySettingsStatus", "AppAnnotations.replyStatus(action, jobId)",
                Answer.JSON_EXAMPLE, (c) -> c.chat().annotations().replyStatus(AnnotationReplyAction.ENABLE, ID)));
        operations.addAll(KnowledgeOperations.all(ID));
        return operations;
    }

    /**
     * Places where the spec is known to be wrong, with why; a validation message that contains
     * one of these keys is not counted as a deviation of the client.
     */
    static final Map<String, String> KNOWN_SPEC_ERRORS = Map.of(
            "[Path '/files/", "InputFileObject (files of workflow and completion requests) is an anyOf of two "
                    + "branches that each list only their own properties; the validator reads every schema as closed "
                    + "(additionalProperties false), so no file object, not even the spec's own examples, can match. "
                    + "The top-level schema, which the client's files satisfy, is still checked: type and "
                    + "transfer_method enums, url or upload_file_id.");

    @ParameterizedTest
    @MethodSource("operations")
    void everyRequestValidatesAgainstTheSpec(Operation operation) {
        dify.stubFor(any(anyUrl()).willReturn(successAnswer(operation)));
        Flux.from(operation.call().apply(Clients.create())).then().block(Duration.ofSeconds(10));
        List<ServeEvent> requests = dify.getAllServeEvents();
        assertThat(requests).as("requests sent").isNotEmpty();
        for (ServeEvent request : requests) {
            ValidationReport report = spec.validate(request.getRequest());
            List<String> deviations = report.getMessages()
                .stream()
                .filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::toString)
                .filter((message) -> KNOWN_SPEC_ERRORS.keySet().stream().noneMatch(message::contains))
                .toList();
            assertThat(deviations).as("%s %s", request.getRequest().getMethod(), request.getRequest().getUrl()).isEmpty();
        }
    }

    static Stream<Arguments> jsonExamples() {
        return operations().stream()
            .filter((operation) -> operation.answer() != Answer.EVENT_STREAM)
            .flatMap((operation) -> spec.jsonExamples(operation.operationId())
                .stream()
                .map((example) -> Arguments.of(operation, example)));
    }

    @ParameterizedTest
    @MethodSource("jsonExamples")
    void everyResponseExampleOfTheSpecDecodes(Operation operation, DifyOpenApiSpec.Example example) {
        dify.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(example.status())
            .withHeader("Content-Type", "application/json")
            .withBody(example.json())));
        Publisher<?> answer = operation.call().apply(Clients.create());
        if (example.isSuccess()) {
            List<?> values = Flux.from(answer).collectList().block(Duration.ofSeconds(10));
            if (operation.answer() == Answer.JSON_EXAMPLE) {
                assertThat(values).as("decoded %s", example.name()).hasSize(1).doesNotContainNull();
            }
        }
        else {
            assertThatExceptionOfType(DifyApiException.class)
                .isThrownBy(() -> Flux.from(answer).then().block(Duration.ofSeconds(10)))
                .satisfies((ex) -> {
                    assertThat(ex.getStatusCode().value()).isEqualTo(example.status());
                    if (ex.getCode() != null) {
                        assertThat(example.json()).contains("\"" + ex.getCode() + "\"");
                    }
                    else {
                        // Dify's {"error": "..."} body (creating chunks): no code, the text is the message.
                        assertThat(ex.getDifyMessage()).isNotBlank();
                        assertThat(ex.getResponseBody()).isEqualTo(example.json());
                    }
                });
        }
    }

    @Test
    void theValidatorRefusesRequestsThatBreakTheSpec() {
        dify.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        WebClient.create(dify.baseUrl())
            .post()
            .uri("/v1/chat-messages")
            .header("Authorization", "Bearer app-key")
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"Hi\",\"inputs\":{},\"response_mode\":\"fast\",\"user\":\"u\",\"conversationId\":\"x\"}")
            .retrieve()
            .toBodilessEntity()
            .block(Duration.ofSeconds(10));
        ValidationReport report = spec.validate(dify.getAllServeEvents().get(0).getRequest());
        assertThat(report.getMessages()).extracting(ValidationReport.Message::toString)
            .anySatisfy((message) -> assertThat(message).contains("response_mode").contains("fast"))
            .anySatisfy((message) -> assertThat(message).contains("conversationId"));
    }

    @Test
    void everyOperationOfTheSpecHasAClientMethod() {
        Set<String> covered = new TreeSet<>();
        operations().forEach((operation) -> covered.add(operation.operationId()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(spec.operations().keySet());
        assertThat(spec.operations()).hasSize(82);
    }

    private static ResponseDefinitionBuilder successAnswer(Operation operation) {
        return switch (operation.answer()) {
            case JSON_EXAMPLE -> {
                DifyOpenApiSpec.Example example = spec.jsonExamples(operation.operationId())
                    .stream()
                    .filter(DifyOpenApiSpec.Example::isSuccess)
                    .findFirst()
                    .orElseThrow();
                yield aResponse().withStatus(example.status()).withHeader("Content-Type", "application/json").withBody(example.json());
            }
            case EVENT_STREAM -> aResponse().withHeader("Content-Type", "text/event-stream")
                .withBody(resource("dify-api/examples/service_sendChatMessage_streamingResponseBasic.sse.txt"));
            case BYTES -> aResponse().withHeader("Content-Type", "audio/mpeg").withBody(new byte[] { 1, 2, 3 });
            case EMPTY_200 -> aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"result\":\"success\"}");
            case EMPTY_204 -> aResponse().withStatus(204);
        };
    }

    private static String resource(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
