package io.github.difyspring.client.conformance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.completion.CompletionResponse;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.PauseReason;
import io.github.difyspring.client.core.RetrieverResource;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.event.AgentMessageEvent;
import io.github.difyspring.client.event.AgentThoughtEvent;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.event.HumanInputRequiredEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.MessageFileEvent;
import io.github.difyspring.client.event.MessageReplaceEvent;
import io.github.difyspring.client.event.NodeFinishedEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.event.UndecodableEvent;
import io.github.difyspring.client.event.UnknownEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.event.WorkflowPausedEvent;
import io.github.difyspring.client.workflow.WorkflowRunRequest;
import io.github.difyspring.client.workflow.WorkflowRunResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every app mode and outcome, as Dify's own server code answers it (the test module's
 * {@code DifyTranscript} presets, each naming the Dify files and version it follows),
 * served over HTTP and read through the public client API: the exact typed events, the answer
 * assembled as Dify means it, and the blocking answers with their pauses and failures.
 */
class ConformanceTests extends DifyClientTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every stream transcript, with the app type that produces it. */
    static Stream<String> streams() {
        return transcripts().filter((name) -> name.contains("-streaming"));
    }

    static Stream<String> transcripts() {
        return Transcript.names().stream();
    }

    static DifyAppType typeOf(String transcript) {
        String mode = transcript.substring(0, transcript.indexOf("-blocking") > 0 ? transcript.indexOf("-blocking")
                : transcript.indexOf("-streaming"));
        return switch (mode) {
            case "chat" -> DifyAppType.CHAT;
            case "agent", "agent-chat" -> DifyAppType.AGENT;
            case "chatflow" -> DifyAppType.CHATFLOW;
            case "completion" -> DifyAppType.COMPLETION;
            case "workflow" -> DifyAppType.WORKFLOW;
            default -> throw new IllegalArgumentException(transcript);
        };
    }

    private static String pathOf(DifyAppType type) {
        return switch (type) {
            case COMPLETION -> "/v1/completion-messages";
            case WORKFLOW -> "/v1/workflows/run";
            default -> "/v1/chat-messages";
        };
    }

    /** Serves a transcript to every request of its app's generation endpoint. */
    static Transcript serve(String name) {
        Transcript transcript = Transcript.load(name);
        wireMock.stubFor(post(urlEqualTo(pathOf(typeOf(name)))).willReturn(transcript.response()));
        return transcript;
    }

    static Flux<DifyEvent> stream(String name, WebClient.Builder builder) {
        DifyAppType type = typeOf(name);
        return switch (type) {
            case COMPLETION -> new DifyCompletionClient(app(type), builder).stream(CompletionRequest.of(Map.of("query", "Hi")));
            case WORKFLOW -> new DifyWorkflowClient(app(type), builder).stream(WorkflowRunRequest.of(Map.of("name", "world")));
            default -> new DifyChatClient(app(type), builder).stream(ChatRequest.of("Hi"));
        };
    }

    static Flux<DifyRawEvent> streamRaw(String name) {
        DifyAppType type = typeOf(name);
        return switch (type) {
            case COMPLETION -> completionClient().raw().stream(CompletionRequest.of(Map.of("query", "Hi")));
            case WORKFLOW -> workflowClient().raw().stream(WorkflowRunRequest.of(Map.of("name", "world")));
            default -> chatClient(type).raw().stream(ChatRequest.of("Hi"));
        };
    }

    static List<DifyEvent> events(String name) {
        return stream(name, WebClient.builder()).collectList().block(TIMEOUT);
    }

    static StreamedAnswer assemble(List<DifyEvent> events) {
        StreamedAnswer answer = new StreamedAnswer();
        events.forEach(answer::add);
        return answer;
    }

    // ---- every transcript

    @ParameterizedTest
    @MethodSource("transcripts")
    void everyTranscriptSaysWhichDifySourceAndVersionItFollows(String name) {
        Transcript transcript = Transcript.load(name);

        assertThat(transcript.comments().get(0)).startsWith("Dify conformance transcript: ");
        assertThat(transcript.comments()).anySatisfy((line) -> assertThat(line)
            .matches("Follows langgenius/dify at commit [0-9a-f]{40} \\(Dify 1\\.1\\d\\..*"));
        assertThat(transcript.comments()).anySatisfy((line) -> assertThat(line).matches("  +api/.+\\.py .*"));
        assertThat(transcript.notes()).containsKeys("Request", "Assembled answer");
        assertThat(transcript.headers()).containsKey("Content-Type");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void everyStreamArrivesAsItsTypedEventsInOrderWithNothingUnknown(String name) {
        Transcript transcript = serve(name);

        List<DifyEvent> events = events(name);

        assertThat(events).extracting(DifyEvent::type).containsExactlyElementsOf(transcript.eventTypes());
        assertThat(events).noneMatch((event) -> event instanceof UnknownEvent || event instanceof UndecodableEvent);
        assertThat(events).allSatisfy((event) -> assertThat(event.taskId()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("streams")
    void everyStreamAssemblesTheAnswerDifyMeans(String name) throws Exception {
        Transcript transcript = serve(name);

        StreamedAnswer answer = assemble(events(name));

        if (typeOf(name) == DifyAppType.WORKFLOW) {
            assertThat(answer.text()).isEqualTo(transcript.assembledAnswer() != null ? "Hello, world" : "");
            Object outputs = (answer.run() != null) ? answer.run().outputs() : null;
            Object expected = (transcript.assembledAnswer() != null) ? JSON.readValue(transcript.assembledAnswer(), Map.class) : null;
            if (expected != null) {
                assertThat(outputs).isEqualTo(expected);
            }
        }
        else {
            assertThat(answer.text()).isEqualTo((transcript.assembledAnswer() != null) ? transcript.assembledAnswer() : "");
        }
    }

    @ParameterizedTest
    @MethodSource("streams")
    void everyRawStreamKeepsEachEventsJsonAsSent(String name) {
        Transcript transcript = serve(name);

        List<DifyRawEvent> events = streamRaw(name).collectList().block(TIMEOUT);

        assertThat(events).extracting(DifyRawEvent::json).containsExactlyElementsOf(transcript.eventJson());
        assertThat(events).extracting(DifyRawEvent::type).containsExactlyElementsOf(transcript.eventTypes());
    }

    // ---- chatbot

    @Test
    void chatbotStreamEndsWithUsageAndCitationsAsDifySendsThem() {
        serve("chat-streaming");

        List<DifyEvent> events = events("chat-streaming");

        assertThat(events.subList(0, 3)).extracting((event) -> ((MessageEvent) event).answer()).containsExactly("Hello", ", ", "world");
        MessageEndEvent end = (MessageEndEvent) events.get(3);
        assertThat(end.usage().totalTokens()).isEqualTo(29);
        assertThat(end.usage().totalPrice()).isEqualByComparingTo(new BigDecimal("0.0000062"));
        assertThat(end.usage().currency()).isEqualTo("USD");
        assertThat(end.usage().timeToFirstToken()).isNull();
        RetrieverResource cited = end.metadata().retrieverResources().get(0);
        assertThat(cited.retrieverFrom()).isEqualTo("api");
        assertThat(cited.docMetadata()).containsEntry("category", "style-guide");
        assertThat(end.metadata().reasoning()).isEmpty();
        assertThat(end.files()).isEmpty();
    }

    @Test
    void chatbotModerationReplacesTheWholeAnswer() {
        serve("chat-streaming-replaced");

        List<DifyEvent> events = events("chat-streaming-replaced");

        MessageReplaceEvent replace = (MessageReplaceEvent) events.get(4);
        assertThat(replace.answer()).isEqualTo("Sorry, I can't share that.");
        assertThat(assemble(events).text()).isEqualTo("Sorry, I can't share that.");
    }

    @Test
    void chatbotBlockingAnswer() {
        serve("chat-blocking");

        ChatResponse answer = chatClient().send(ChatRequest.of("Hi")).block(TIMEOUT);

        assertThat(answer.answer()).isEqualTo("Hello, world");
        assertThat(answer.mode()).isEqualTo("chat");
        assertThat(answer.isPaused()).isFalse();
        assertThat(answer.messageId()).isEqualTo("9f1c2b3a-6d7e-4f80-9a1b-2c3d4e5f6a7b");
        assertThat(answer.usage().totalTokens()).isEqualTo(29);
        assertThat(answer.usage().timeToGenerate()).isNull();
        assertThat(answer.metadata().annotationReply()).isNull();
        RetrieverResource cited = answer.metadata().retrieverResources().get(0);
        assertThat(cited.page()).isNull();
        assertThat(cited.title()).isNull();
        assertThat(cited.docMetadata()).containsEntry("category", "style-guide");
        assertThat(cited.score()).isEqualTo(0.8237);
    }

    // ---- agents

    @Test
    void newAgentBlockingSendStreamsAndTheClosingMessageReplacesTheWorkingText() {
        Transcript refused = Transcript.load("agent-blocking-refused");
        Transcript streamed = Transcript.load("agent-streaming");
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(matchingJsonPath("$.response_mode", equalTo("blocking")))
            .willReturn(refused.response()));
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(matchingJsonPath("$.response_mode", equalTo("streaming")))
            .willReturn(streamed.response()));

        ChatResponse answer = chatClient(DifyAppType.AGENT).send(ChatRequest.of("What is the weather in Berlin?")).block(TIMEOUT);

        assertThat(answer.answer()).isEqualTo("It is sunny in Berlin.").isEqualTo(streamed.assembledAnswer());
        assertThat(answer.usage().totalTokens()).isEqualTo(903);
        assertThat(answer.conversationId()).isEqualTo("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat-messages")));
        wireMock.verify(0, postRequestedFor(urlEqualTo("/v1/chat-messages"))
            .withRequestBody(matchingJsonPath("$.response_mode", equalTo("blocking"))));
    }

    @Test
    void newAgentStreamCarriesItsWorkingTextAsAgentMessagesAndTheAnswerAsOneMessage() {
        serve("agent-streaming");

        List<DifyEvent> events = events("agent-streaming");

        assertThat(events).filteredOn(AgentMessageEvent.class::isInstance).extracting((event) -> ((AgentMessageEvent) event).answer())
            .containsExactly("Let me check the weather. ", "It is sunny", " in Berlin.");
        assertThat(events).filteredOn(MessageEvent.class::isInstance).singleElement()
            .satisfies((event) -> assertThat(((MessageEvent) event).answer()).isEqualTo("It is sunny in Berlin."));
        AgentThoughtEvent toolCall = events.stream().filter(AgentThoughtEvent.class::isInstance).map(AgentThoughtEvent.class::cast)
            .filter((thought) -> "get_weather".equals(thought.tool()) && !thought.observation().isEmpty()).findFirst().orElseThrow();
        assertThat(toolCall.toolInput()).isEqualTo("{\"city\": \"Berlin\"}");
        assertThat(toolCall.observation()).isEqualTo("Sunny, 22 degrees C");
        assertThat(toolCall.messageFiles()).isEmpty();
    }

    @Test
    void agentChatBlockingSendStreamsAndConcatenatesItsAgentMessages() {
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(matchingJsonPath("$.response_mode", equalTo("blocking")))
            .willReturn(Transcript.load("agent-chat-blocking-refused").response()));
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(matchingJsonPath("$.response_mode", equalTo("streaming")))
            .willReturn(Transcript.load("agent-chat-streaming").response()));

        ChatResponse answer = chatClient(DifyAppType.AGENT).send(ChatRequest.of("Draw a cat")).block(TIMEOUT);

        assertThat(answer.answer()).isEqualTo("Here is your cat.");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat-messages")));
    }

    @Test
    void agentChatStreamNamesItsToolFilesInMessageFilesAndSendsTheImage() {
        serve("agent-chat-streaming");

        List<DifyEvent> events = events("agent-chat-streaming");

        MessageFileEvent image = events.stream().filter(MessageFileEvent.class::isInstance).map(MessageFileEvent.class::cast)
            .findFirst().orElseThrow();
        assertThat(image.fileType()).isEqualTo("image");
        assertThat(image.belongsTo()).isEqualTo("assistant");
        assertThat(image.answer()).isNull();
        assertThat(events).filteredOn(AgentThoughtEvent.class::isInstance)
            .anySatisfy((event) -> assertThat(((AgentThoughtEvent) event).messageFiles()).containsExactly(image.id()));
    }

    @Test
    void bothAgentKindsRefuseBlockingWithABadRequest() {
        serve("agent-blocking-refused");

        DifyBadRequestException error = failure(chatClient(DifyAppType.CHAT)
            .send(ChatRequest.of("Hi")), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("bad_request");
        assertThat(error.getDifyMessage()).isEqualTo("Agent App only supports streaming response mode.");
    }

    // ---- chatflow

    @Test
    void chatflowBlockingAnswer() {
        serve("chatflow-blocking");

        ChatResponse answer = chatClient(DifyAppType.CHATFLOW).send(ChatRequest.of("Hi")).block(TIMEOUT);

        assertThat(answer.answer()).isEqualTo("Hello, world");
        assertThat(answer.mode()).isEqualTo("advanced-chat");
        assertThat(answer.isPaused()).isFalse();
        assertThat(answer.pause()).isNull();
    }

    @Test
    void chatflowBlockingPauseCarriesTheFormToFillIn() {
        serve("chatflow-blocking-paused");

        ChatResponse answer = chatClient(DifyAppType.CHATFLOW).send(ChatRequest.of("Hi")).block(TIMEOUT);

        assertThat(answer.isPaused()).isTrue();
        assertThat(answer.event()).isEqualTo("workflow_paused");
        assertThat(answer.answer()).isEqualTo("Hello, world");
        assertThat(answer.workflowRunId()).isEqualTo("8f3e2a1c-6b4d-4e7f-a9c2-1d5b7e3f9a20");
        assertThat(answer.usage()).isNull();
        assertThat(answer.pause().status()).isEqualTo("paused");
        assertThat(answer.pause().pausedNodes()).containsExactly("1751000000004");
        assertThat(answer.pause().totalTokens()).isEqualTo(22);
        PauseReason reason = answer.pause().reasons().get(0);
        assertHumanReview(reason, "Xk3fQ9mP2aLw8RtZ5vNc1B", "Human Review");
        assertThat(reason.inputs()).extracting((field) -> field.outputVariableName()).containsExactly("comment", "decision");
        assertThat(reason.inputs().get(1).optionSource().options()).containsExactly("publish", "rewrite");
        assertThat(reason.resolvedDefaultValues()).containsEntry("comment", "Hello, world");
    }

    private static void assertHumanReview(PauseReason reason, String formToken, String nodeTitle) {
        assertThat(reason.type()).isEqualTo(PauseReason.HUMAN_INPUT_REQUIRED);
        assertThat(reason.formToken()).isEqualTo(formToken);
        assertThat(reason.nodeId()).isEqualTo("1751000000004");
        assertThat(reason.nodeTitle()).isEqualTo(nodeTitle);
        assertThat(reason.actions()).extracting((action) -> action.id() + "/" + action.buttonStyle())
            .containsExactly("approve/primary", "reject/default");
        assertThat(reason.expirationTime()).isEqualTo(1781726400L);
        assertThat(reason.formContent()).contains("{{#$output.comment#}}");
    }

    @Test
    void chatflowBlockingFailureIsABadRequest() {
        serve("chatflow-blocking-failed");

        DifyBadRequestException error = failure(chatClient(DifyAppType.CHATFLOW)
            .send(ChatRequest.of("Hi")), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(error.getDifyMessage()).startsWith("Run failed: [models] Rate Limit Error");
    }

    @Test
    void chatflowStreamEndsWithMessageEndThenWorkflowFinished() {
        serve("chatflow-streaming");

        StreamedAnswer answer = assemble(events("chatflow-streaming"));

        assertThat(answer.messageEnded()).isTrue();
        assertThat(answer.run().status()).isEqualTo("succeeded");
        assertThat(answer.workflowRunId()).isNotNull();
        assertThat(answer.conversationId()).isEqualTo("4a6c8e0b-2d4f-4b6d-8f0a-c2e4a6b8d0f2");
    }

    @Test
    void chatflowStreamThatFailsEndsAtTheFailedWorkflowWithoutAnError() {
        serve("chatflow-streaming-failed");

        List<DifyEvent> events = events("chatflow-streaming-failed");

        NodeFinishedEvent failedNode = (NodeFinishedEvent) events.get(events.size() - 2);
        assertThat(failedNode.data().status()).isEqualTo("failed");
        WorkflowFinishedEvent finished = (WorkflowFinishedEvent) events.get(events.size() - 1);
        assertThat(finished.data().status()).isEqualTo("failed");
        assertThat(finished.data().error()).startsWith("[models] Rate Limit Error");
        assertThat(assemble(events).messageEnded()).isFalse();
    }

    @Test
    void chatflowStreamThatPausesCarriesTheFormTwice() {
        serve("chatflow-streaming-paused");

        List<DifyEvent> events = events("chatflow-streaming-paused");

        HumanInputRequiredEvent required = (HumanInputRequiredEvent) events.get(events.size() - 2);
        assertThat(required.data().formToken()).isEqualTo("Xk3fQ9mP2aLw8RtZ5vNc1B");
        assertThat(required.data().displayInUi()).isTrue();
        WorkflowPausedEvent paused = (WorkflowPausedEvent) events.get(events.size() - 1);
        assertHumanReview(paused.data().reasons().get(0), "Xk3fQ9mP2aLw8RtZ5vNc1B", "Human Review");
        StreamedAnswer answer = assemble(events);
        assertThat(answer.pause().pausedNodes()).containsExactly("1751000000004");
        assertThat(answer.text()).isEqualTo("Hello, world");
        assertThat(answer.messageEnded()).isFalse();
    }

    // ---- workflow

    @Test
    void workflowBlockingRun() {
        serve("workflow-blocking");

        WorkflowRunResponse run = workflowClient().run(WorkflowRunRequest.of(Map.of("name", "world"))).block(TIMEOUT);

        assertThat(run.isPaused()).isFalse();
        assertThat(run.data().status()).isEqualTo("succeeded");
        assertThat(run.data().outputs()).containsEntry("result", "Hello, world");
        assertThat(run.data().reasons()).isEmpty();
    }

    @Test
    void workflowBlockingRunThatFailedIsStillAnAnswer() {
        serve("workflow-blocking-failed");

        WorkflowRunResponse run = workflowClient().run(WorkflowRunRequest.of(Map.of("name", "world"))).block(TIMEOUT);

        assertThat(run.data().status()).isEqualTo("failed");
        assertThat(run.data().error()).isNotBlank();
        assertThat(run.data().outputs()).isEmpty();
    }

    @Test
    void workflowBlockingPauseCarriesTheFormToFillIn() {
        serve("workflow-blocking-paused");

        WorkflowRunResponse run = workflowClient().run(WorkflowRunRequest.of(Map.of("name", "world"))).block(TIMEOUT);

        assertThat(run.isPaused()).isTrue();
        assertThat(run.workflowRunId()).isEqualTo("2e4a6c8e-0f1b-4d3e-b5a7-c9e1f3a5b7d9");
        assertThat(run.data().pausedNodes()).containsExactly("1751000000004");
        PauseReason reason = run.data().reasons().get(0);
        assertHumanReview(reason, "p7Lq2Wn9Ve4Ry1Tk6Hs3Jd", "Approval");
        assertThat(reason.inputs().get(0).defaultValue().value()).isEqualTo("Looks good");
    }

    @Test
    void workflowStreamThatPausesEndsAtWorkflowPaused() {
        serve("workflow-streaming-paused");

        StreamedAnswer answer = assemble(events("workflow-streaming-paused"));

        assertThat(answer.run()).isNull();
        assertThat(answer.pause().status()).isEqualTo("paused");
        assertThat(answer.pause().reasons()).singleElement()
            .satisfies((reason) -> assertThat(reason.formToken()).isEqualTo("p7Lq2Wn9Ve4Ry1Tk6Hs3Jd"));
    }

    // ---- completion

    @Test
    void completionBlockingAnswer() {
        serve("completion-blocking");

        CompletionResponse answer = completionClient().send(CompletionRequest.of(Map.of("query", "Hi"))).block(TIMEOUT);

        assertThat(answer.answer()).isEqualTo("Hello, world");
        assertThat(answer.mode()).isEqualTo("completion");
        assertThat(answer.usage().totalTokens()).isPositive();
    }
}
