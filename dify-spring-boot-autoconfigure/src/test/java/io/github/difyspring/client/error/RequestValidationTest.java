package io.github.difyspring.client.error;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.app.FeedbackRequest;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Requests Dify would refuse are refused before anything is sent: no end user, a malformed trace
 * id, a file that is neither remote nor uploaded, an app of the wrong type.
 */
class RequestValidationTest extends DifyClientTestSupport {

    /** Every operation, called on clients whose app has no default user, with a request naming none. */
    enum Operation {

        CHAT_SEND((apps) -> apps.chat(DifyAppType.CHAT).send(ChatRequest.of("Hi"))),
        AGENT_SEND((apps) -> apps.chat(DifyAppType.AGENT).send(ChatRequest.of("Hi"))),
        CHAT_STREAM((apps) -> apps.chat(DifyAppType.CHATFLOW).stream(ChatRequest.of("Hi"))),
        CHAT_STOP((apps) -> apps.chat(DifyAppType.CHAT).stop("t1")),
        WORKFLOW_RUN((apps) -> apps.workflow().run(WorkflowRunRequest.of(Map.of()))),
        WORKFLOW_STREAM((apps) -> apps.workflow().stream(WorkflowRunRequest.of(Map.of()))),
        WORKFLOW_STOP((apps) -> apps.workflow().stop("t1")),
        COMPLETION_SEND((apps) -> apps.completion().send(CompletionRequest.of(Map.of()))),
        COMPLETION_STREAM((apps) -> apps.completion().stream(CompletionRequest.builder().user("").build())),
        COMPLETION_STOP((apps) -> apps.completion().stop("t1"));

        final Function<UserlessClients, Publisher<?>> call;

        Operation(Function<UserlessClients, Publisher<?>> call) {
            this.call = call;
        }
    }

    /** Clients of apps configured without a default user. */
    static final class UserlessClients {

        DifyChatClient chat(DifyAppType type) {
            return new DifyChatClient(app(type, null), WebClient.builder());
        }

        DifyWorkflowClient workflow() {
            return new DifyWorkflowClient(app(DifyAppType.WORKFLOW, " "), WebClient.builder());
        }

        DifyCompletionClient completion() {
            return new DifyCompletionClient(app(DifyAppType.COMPLETION, null), WebClient.builder());
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void noUserAnywhereIsRefusedBeforeSending(Operation operation) {
        IllegalArgumentException error = failure(operation.call.apply(new UserlessClients()), IllegalArgumentException.class);

        assertThat(error.getMessage()).contains("user", "-app'", "names no user", "default user");
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theRequestUserIsEnoughWithoutADefault() {
        stubJson("/v1/chat-messages/t1/stop", 200, "{\"result\": \"success\"}");

        new UserlessClients().chat(DifyAppType.CHAT).forUser("abc-123").stop("t1").block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/chat-messages/t1/stop").withRequestBody(equalToJson("{\"user\": \"abc-123\"}")));
    }

    @Test
    void aBlankRequestUserFallsBackToTheClientsUser() {
        stubJson("/v1/messages/m1/feedbacks", 200, "{\"result\": \"success\"}");

        chatClient().feedback("m1", FeedbackRequest.like().withUser(" ")).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/messages/m1/feedbacks").withRequestBody(equalToJson(
                "{\"rating\": \"like\", \"user\": \"" + DEFAULT_USER + "\"}")));
    }

    @Test
    void aViewForABlankUserIsRefusedAtOnce() {
        assertThatIllegalArgumentException().isThrownBy(() -> completionClient().forUser(" "))
            .withMessageContaining("completion-app");
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    static Stream<String> malformedTraceIds() {
        return Stream.of("", "has space", "semi;colon", "dots.are.not.allowed", "ünïcode", "new\nline", "a".repeat(129));
    }

    static Stream<String> wellFormedTraceIds() {
        return Stream.of("a", "trace_0123-ABC", "f47ac10b-58cc-4372-a567-0e02b2c3d479", "a".repeat(128));
    }

    @ParameterizedTest
    @MethodSource("malformedTraceIds")
    void aMalformedTraceIdIsRefusedWhenTheRequestIsBuilt(String traceId) {
        assertRefused(() -> ChatRequest.builder().query("Hi").traceId(traceId).build());
        assertRefused(() -> WorkflowRunRequest.builder().traceId(traceId).build());
        assertRefused(() -> CompletionRequest.builder().traceId(traceId).build());
    }

    @ParameterizedTest
    @MethodSource("wellFormedTraceIds")
    void aWellFormedTraceIdIsAccepted(String traceId) {
        assertThat(ChatRequest.builder().query("Hi").traceId(traceId).build().traceId()).isEqualTo(traceId);
        assertThat(WorkflowRunRequest.builder().traceId(traceId).build().traceId()).isEqualTo(traceId);
        assertThat(CompletionRequest.builder().traceId(traceId).build().traceId()).isEqualTo(traceId);
    }

    @Test
    void aFileIsEitherRemoteOrUploaded() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new DifyFile(DifyFileType.IMAGE, "https://example.com/a.png", "id-1"));
        assertThatIllegalArgumentException().isThrownBy(() -> new DifyFile(DifyFileType.IMAGE, null, null));
        assertThatCode(() -> DifyFile.uploaded(DifyFileType.AUDIO, "id-1")).doesNotThrowAnyException();
    }

    @Test
    void aClientRefusesAnAppOfAnotherType() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DifyChatClient(app(DifyAppType.WORKFLOW), WebClient.builder()))
            .withMessageContaining("workflow-app");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new DifyWorkflowClient(app(DifyAppType.CHATFLOW), WebClient.builder()));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new DifyCompletionClient(app(DifyAppType.AGENT), WebClient.builder()));
    }

    private static void assertRefused(ThrowingCallable build) {
        assertThatIllegalArgumentException().isThrownBy(build)
            .withMessageContaining("trace id")
            .satisfies(DifyClientTestSupport::assertKeyNotLeaked);
    }
}
