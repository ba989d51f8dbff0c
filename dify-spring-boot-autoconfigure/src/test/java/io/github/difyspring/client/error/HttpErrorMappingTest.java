package io.github.difyspring.client.error;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Non-2xx answers, and 2xx answers that are not what was asked for, become typed exceptions that
 * carry Dify's error fields and never the API key.
 */
class HttpErrorMappingTest extends DifyClientTestSupport {

    /** One of Dify's error answers and the exception it must become. */
    record ErrorCase(int status, Class<? extends DifyApiException> type, String code, String message, Map<String, Object> params,
            String body) {

        static ErrorCase of(int status, Class<? extends DifyApiException> type, String code, String message) {
            return new ErrorCase(status, type, code, message, Map.of(),
                    "{\"code\": \"%s\", \"message\": \"%s\", \"status\": %d}".formatted(code, message, status));
        }

        @Override
        public String toString() {
            return this.status + " " + this.code;
        }
    }

    static Stream<ErrorCase> errorCases() {
        return Stream.of(
                new ErrorCase(400, DifyBadRequestException.class, "invalid_param", "Invalid inputs",
                        Map.of("city", "This field is required", "limit", 20),
                        "{\"code\": \"invalid_param\", \"message\": \"Invalid inputs\", \"status\": 400, "
                                + "\"params\": {\"city\": \"This field is required\", \"limit\": 20}}"),
                ErrorCase.of(400, DifyBadRequestException.class, "provider_quota_exceeded",
                        "Your quota for Dify Hosted OpenAI has been exhausted."),
                ErrorCase.of(401, DifyUnauthorizedException.class, "unauthorized", "Access token is invalid"),
                ErrorCase.of(403, DifyForbiddenException.class, "workflow_version_execution_not_allowed",
                        "Workflow version execution is not available on your current plan."),
                ErrorCase.of(404, DifyNotFoundException.class, "not_found", "Conversation Not Exists."),
                ErrorCase.of(413, DifyPayloadTooLargeException.class, "file_too_large", "File size exceeded."),
                ErrorCase.of(415, DifyUnsupportedMediaTypeException.class, "unsupported_file_type", "File type not allowed."),
                ErrorCase.of(429, DifyRateLimitException.class, "too_many_requests", "Too many requests. Please try again later."),
                ErrorCase.of(500, DifyServerException.class, "internal_server_error", "Internal Server Error."),
                ErrorCase.of(502, DifyServerException.class, "bad_gateway", "The model provider did not answer."));
    }

    /** Every operation of the three clients, with its path and the operation its errors name. */
    enum Operation {

        CHAT_SEND("/v1/chat-messages", "POST /chat-messages", () -> chatClient().send(ChatRequest.of("Hi"))),
        CHAT_STREAM("/v1/chat-messages", "POST /chat-messages", () -> chatClient().stream(ChatRequest.of("Hi"))),
        CHAT_STOP("/v1/chat-messages/t1/stop", "POST /chat-messages/{task_id}/stop", () -> chatClient().stop("t1")),
        WORKFLOW_RUN("/v1/workflows/run", "POST /workflows/run", () -> workflowClient().run(WorkflowRunRequest.of(Map.of()))),
        WORKFLOW_STREAM("/v1/workflows/run", "POST /workflows/run", () -> workflowClient().stream(WorkflowRunRequest.of(Map.of()))),
        WORKFLOW_STOP("/v1/workflows/tasks/t1/stop", "POST /workflows/tasks/{task_id}/stop", () -> workflowClient().stop("t1")),
        COMPLETION_SEND("/v1/completion-messages", "POST /completion-messages",
                () -> completionClient().send(CompletionRequest.of(Map.of()))),
        COMPLETION_STREAM("/v1/completion-messages", "POST /completion-messages",
                () -> completionClient().stream(CompletionRequest.of(Map.of()))),
        COMPLETION_STOP("/v1/completion-messages/t1/stop", "POST /completion-messages/{task_id}/stop",
                () -> completionClient().stop("t1"));

        final String path;

        final String operation;

        final Supplier<Publisher<?>> call;

        Operation(String path, String operation, Supplier<Publisher<?>> call) {
            this.path = path;
            this.operation = operation;
            this.call = call;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCases")
    void blockingCallRaisesTheExceptionOfTheStatus(ErrorCase error) {
        assertRaises(Operation.CHAT_SEND, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCases")
    void streamingCallRaisesTheExceptionOfTheStatus(ErrorCase error) {
        assertRaises(Operation.CHAT_STREAM, error);
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void everyOperationMapsErrorsAndNamesItself(Operation operation) {
        assertRaises(operation, ErrorCase.of(429, DifyRateLimitException.class, "rate_limit_error", "Rate Limit Error"));
    }

    @Test
    void paramsThatAreNotAnObjectAreKeptUnderParams() {
        stubJson("/v1/chat-messages", 400, """
                {"code": "invalid_param", "message": "Arg user must be provided.", "status": 400, "params": "user"}
                """);

        DifyBadRequestException error = failure(chatClient().send(ChatRequest.of("Hi")), DifyBadRequestException.class);

        assertThat(error.getParams()).containsExactly(Map.entry("params", "user"));
    }

    @Test
    void anotherClientErrorStatusRaisesTheBaseException() {
        stubJson("/v1/chat-messages", 409, """
                {"code": "conflict", "message": "Conversation is busy", "status": 409}
                """);

        DifyApiException error = failure(chatClient().send(ChatRequest.of("Hi")), DifyApiException.class);

        assertThat(error).isExactlyInstanceOf(DifyApiException.class);
        assertThat(error.getStatusCode().value()).isEqualTo(409);
        assertThat(error.getCode()).isEqualTo("conflict");
    }

    @ParameterizedTest
    @EnumSource(value = Operation.class, names = { "CHAT_SEND", "CHAT_STREAM", "WORKFLOW_STOP" })
    void aProxysHtmlErrorPageIsAServerErrorWithoutDifyCode(Operation operation) {
        String page = """
                <html>
                <head><title>502 Bad Gateway</title></head>
                <body>
                <center><h1>502 Bad Gateway</h1></center>
                <hr><center>nginx/1.25.3</center>
                </body>
                </html>
                """;
        wireMock.stubFor(post(urlEqualTo(operation.path))
            .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(page)));

        DifyServerException error = failure(operation.call.get(), DifyServerException.class);

        assertThat(error.getStatusCode().value()).isEqualTo(502);
        assertThat(error.getCode()).isNull();
        assertThat(error.getDifyMessage()).isNull();
        assertThat(error.getParams()).isEmpty();
        assertThat(error.getResponseBody()).isEqualTo(page);
        assertThat(error.getOperation()).isEqualTo(operation.operation);
        assertThat(error.getMessage()).contains(operation.operation, "502", "not a Dify error", "502 Bad Gateway", "nginx/1.25.3")
            .doesNotContain("<html>", "<h1>");
    }

    @Test
    void anEmptyErrorAnswerSaysSo() {
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages")).willReturn(aResponse().withStatus(401)));

        DifyUnauthorizedException error = failure(chatClient().send(ChatRequest.of("Hi")), DifyUnauthorizedException.class);

        assertThat(error.getCode()).isNull();
        assertThat(error.getResponseBody()).isEmpty();
        assertThat(error.getMessage()).contains("401", "(empty)");
    }

    @Test
    void aJsonErrorAnswerThatIsNotJsonHasNoCode() {
        stubJson("/v1/workflows/run", 500, "Internal Server Error");

        DifyServerException error = failure(workflowClient().run(WorkflowRunRequest.of(Map.of())), DifyServerException.class);

        assertThat(error.getCode()).isNull();
        assertThat(error.getResponseBody()).isEqualTo("Internal Server Error");
        assertThat(error.getMessage()).contains("500", "Internal Server Error");
    }

    @Test
    void aStreamingCallAnsweredWithJsonInsteadOfAnEventStreamIsADecodingError() {
        stubJson("/v1/chat-messages", 200, """
                {"event": "message", "task_id": "t1", "answer": "a blocking answer", "mode": "chat"}
                """);

        DifyDecodingException error = failure(chatClient().stream(ChatRequest.of("Hi")), DifyDecodingException.class);

        assertThat(error.getEventType()).isNull();
        assertThat(error.getAppName()).isEqualTo("chat-app");
        assertThat(error.getMessage()).contains("POST /chat-messages", "application/json", "instead of an event stream",
                "a blocking answer");
    }

    @Test
    void anEmptyBlockingAnswerIsADecodingError() {
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));

        DifyDecodingException error = failure(chatClient().send(ChatRequest.of("Hi")), DifyDecodingException.class);

        assertThat(error.getEventType()).isNull();
        assertThat(error.getMessage()).contains("POST /chat-messages", "200", "empty body");
    }

    @Test
    void anEmptyBlockingAnswerWithoutContentTypeIsADecodingError() {
        wireMock.stubFor(post(urlEqualTo("/v1/workflows/run")).willReturn(aResponse().withStatus(200)));

        DifyDecodingException error = failure(workflowClient().run(WorkflowRunRequest.of(Map.of())), DifyDecodingException.class);

        assertThat(error.getMessage()).contains("POST /workflows/run", "empty body");
    }

    @Test
    void aBlockingAnswerOfTheWrongShapeIsADecodingError() {
        stubJson("/v1/completion-messages", 200, """
                {"event": "message", "answer": {"text": "an object where a string belongs"}}
                """);

        DifyDecodingException error = failure(completionClient().send(CompletionRequest.of(Map.of())), DifyDecodingException.class);

        assertThat(error.getMessage()).contains("POST /completion-messages", "CompletionResponse");
    }

    @Test
    void aBlockingAnswerThatIsAnHtmlPageIsADecodingError() {
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/html")
            .withBody("<html><body>Please sign in to the corporate proxy</body></html>")));

        DifyDecodingException error = failure(chatClient().send(ChatRequest.of("Hi")), DifyDecodingException.class);

        assertThat(error.getMessage()).contains("POST /chat-messages", "text/html");
    }

    private static void assertRaises(Operation operation, ErrorCase expected) {
        stubJson(operation.path, expected.status(), expected.body());

        DifyApiException error = failure(operation.call.get(), DifyApiException.class);

        assertThat(error).isExactlyInstanceOf(expected.type());
        assertThat(error.getStatusCode().value()).isEqualTo(expected.status());
        assertThat(error.getCode()).isEqualTo(expected.code());
        assertThat(error.getDifyMessage()).isEqualTo(expected.message());
        assertThat(error.getParams()).isEqualTo(expected.params());
        assertThat(error.getOperation()).isEqualTo(operation.operation);
        assertThat(error.getResponseBody()).isEqualTo(expected.body());
        assertThat(error.getAppName()).isEqualTo(operation.name().startsWith("CHAT") ? "chat-app"
                : operation.name().startsWith("WORKFLOW") ? "workflow-app" : "completion-app");
        assertThat(error.getMessage()).contains(error.getAppName(), operation.operation, String.valueOf(expected.status()),
                expected.code(), expected.message());
    }
}
