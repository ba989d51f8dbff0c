package io.github.difyspring.client.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every client operation is one observation: a blocking call from request to answer, a stream
 * from subscription to its end, whatever that end is; parented on the caller's observation and
 * parent of the WebClient's own HTTP observation; with tags that never carry user data; and, with
 * the metrics handler, a time-to-first-event timer and token and price counters.
 */
class DifyObservationTests extends DifyClientTestSupport {

    private static final String SECRET_QUERY = "what is my salary, alice-7731?";

    private static final String CHAT_ANSWER = """
            {"event": "message", "task_id": "t1", "id": "m1", "message_id": "m1", "conversation_id": "c1",
             "mode": "chat", "answer": "Hi there", "created_at": 1705407629,
             "metadata": {"usage": {"prompt_tokens": 1033, "completion_tokens": 135, "total_tokens": 1168,
                                    "total_price": "0.0012890", "currency": "USD", "latency": 0.77}}}
            """;

    private static final String MESSAGE_STREAM = sse("""
            {"event": "message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": "Hi", "created_at": 1}
            {"event": "message", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "answer": " there", "created_at": 1}
            {"event": "message_end", "task_id": "t1", "message_id": "m1", "conversation_id": "c1", "metadata": {"usage": {"prompt_tokens": 20, "completion_tokens": 7, "total_tokens": 27, "total_price": "0.0005", "currency": "USD"}}}
            """);

    private final TestObservationRegistry observations = TestObservationRegistry.create();

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void handlers() {
        this.observations.observationConfig()
            .observationHandler(new DefaultMeterObservationHandler(this.meters))
            .observationHandler(new DifyMetricsObservationHandler(this.meters));
    }

    private WebClient.Builder observedBuilder() {
        return WebClient.builder().observationRegistry(this.observations);
    }

    private DifyChatClient chat(DifyAppType type) {
        return new DifyChatClient(app(type), observedBuilder(), this.observations, null);
    }

    @Test
    void aBlockingCallIsOneStoppedObservationWithLowCardinalityTagsOnly() {
        stubJson("/v1/chat-messages", 200, CHAT_ANSWER);

        chat(DifyAppType.CHAT).send(ChatRequest.builder().query(SECRET_QUERY).user("alice-7731").build()).block(TIMEOUT);

        assertThat(this.observations).hasObservationWithNameEqualTo(DefaultDifyObservationConvention.NAME)
            .that()
            .hasContextualNameEqualTo("dify POST /chat-messages")
            .hasBeenStarted()
            .hasBeenStopped()
            .doesNotHaveError()
            .hasLowCardinalityKeyValue("dify.app", "chat-app")
            .hasLowCardinalityKeyValue("dify.app.type", "chat")
            .hasLowCardinalityKeyValue("dify.operation", "POST /chat-messages")
            .hasLowCardinalityKeyValue("dify.response.mode", "blocking")
            .hasLowCardinalityKeyValue("outcome", "SUCCESS")
            .hasLowCardinalityKeyValue("dify.error.code", "none");
        DifyObservationContext context = onlyDifyContext();
        KeyValues all = context.getAllKeyValues();
        assertThat(all.stream().map(KeyValue::getValue)).as("no user data in tags")
            .noneMatch((value) -> value.contains("alice") || value.contains("salary") || value.contains("Hi there")
                    || value.contains(API_KEY));
        assertThat(context.getHighCardinalityKeyValues()).isEmpty();
        assertThat(context.getTimeToFirstEvent()).as("blocking calls have no first event").isNull();
    }

    @Test
    void theCallersObservationIsTheParentAndTheHttpRequestsAreChildrenWithUriTemplates() {
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages/t-42/stop")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBody("{\"result\": \"success\"}")));
        Observation caller = Observation.start("caller.request", this.observations);

        chat(DifyAppType.CHAT).stop("t-42").contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, caller))
            .block(TIMEOUT);
        caller.stop();

        DifyObservationContext dify = onlyDifyContext();
        assertThat(dify.getParentObservation()).isSameAs(caller);
        assertThat(this.observations).hasObservationWithNameEqualTo("http.client.requests")
            .that()
            .hasBeenStopped()
            .hasLowCardinalityKeyValue("uri", "/v1/chat-messages/{task_id}/stop")
            .hasLowCardinalityKeyValue("method", "POST")
            .hasParentObservationContextSatisfying((parent) -> assertThat(parent).isSameAs(dify));
        assertThat(this.meters.get("http.client.requests").tag("uri", "/v1/chat-messages/{task_id}/stop").timer().count())
            .isEqualTo(1);
    }

    @Test
    void aStreamIsObservedFromSubscriptionToItsLastEventWithTheTimeToTheFirst() {
        stubStream("/v1/chat-messages", MESSAGE_STREAM);

        StepVerifier.create(chat(DifyAppType.CHAT).stream(ChatRequest.of("Hi")), 1)
            .expectNextCount(1)
            .then(() -> assertThat(this.observations).hasObservationWithNameEqualTo(DefaultDifyObservationConvention.NAME)
                .that()
                .hasBeenStarted()
                .isNotStopped()
                .hasEvent("first.event"))
            .thenRequest(Long.MAX_VALUE)
            .expectNextCount(2)
            .verifyComplete();

        assertThat(this.observations).hasObservationWithNameEqualTo(DefaultDifyObservationConvention.NAME)
            .that()
            .hasBeenStopped()
            .hasLowCardinalityKeyValue("dify.response.mode", "streaming")
            .hasLowCardinalityKeyValue("outcome", "SUCCESS");
        assertThat(onlyDifyContext().getTimeToFirstEvent()).isNotNull().isPositive();
        assertThat(this.meters.get(DifyMetricsObservationHandler.TIME_TO_FIRST_EVENT)
            .tags("dify.app", "chat-app", "dify.app.type", "chat", "dify.operation", "POST /chat-messages")
            .timer()
            .count()).isEqualTo(1);
        assertThat(this.meters.get(DefaultDifyObservationConvention.NAME).tag("outcome", "SUCCESS").timer().count()).isEqualTo(1);
    }

    @Test
    void cancellingAStreamStopsItsObservationAsCancelledAndStillStopsTheTask() {
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages")).willReturn(eventStream(MESSAGE_STREAM).withChunkedDribbleDelay(3, 3000)));
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages/t1/stop")).willReturn(json(200, "{\"result\": \"success\"}")));

        List<DifyEvent> first = chat(DifyAppType.CHAT).stream(ChatRequest.of("Hi")).take(1).collectList().block(TIMEOUT);

        assertThat(first).hasSize(1);
        assertThat(this.observations).hasObservationWithNameEqualTo(DefaultDifyObservationConvention.NAME)
            .that()
            .hasBeenStopped()
            .doesNotHaveError()
            .hasLowCardinalityKeyValue("outcome", "CANCELLED")
            .hasLowCardinalityKeyValue("dify.error.code", "none");
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat-messages/t1/stop"))));
    }

    @Test
    void aFailedCallCarriesDifysErrorCodeAndTheError() {
        stubJson("/v1/chat-messages", 400, "{\"code\": \"invalid_param\", \"message\": \"query is required\", \"status\": 400}");

        failure(chat(DifyAppType.CHAT).send(ChatRequest.of("Hi")), DifyBadRequestException.class);

        assertThat(this.observations).hasObservationWithNameEqualTo(DefaultDifyObservationConvention.NAME)
            .that()
            .hasBeenStopped()
            .hasError()
            .hasLowCardinalityKeyValue("outcome", "ERROR")
            .hasLowCardinalityKeyValue("dify.error.code", "invalid_param");
        assertThat(this.meters.get(DefaultDifyObservationConvention.NAME)
            .tags("outcome", "ERROR", "dify.error.code", "invalid_param", "error", "DifyBadRequestException")
            .timer()
            .count()).isEqualTo(1);
    }

    @Test
    void anErrorEventEndsTheStreamsObservationWithItsCodeAfterCountingTheFirstEvent() {
        stubStream("/v1/chat-messages", sse("""
                {"event": "message", "task_id": "t1", "message_id": "m1", "answer": "Hi", "created_at": 1}
                {"event": "error", "task_id": "t1", "message_id": "m1", "status": 400, "code": "provider_quota_exceeded", "message": "quota"}
                """));

        failure(chat(DifyAppType.CHAT).stream(ChatRequest.of("Hi")), DifyStreamException.class);

        assertThat(this.observations).hasObservationWithNameEqualTo(DefaultDifyObservationConvention.NAME)
            .that()
            .hasBeenStopped()
            .hasError()
            .hasEvent("first.event")
            .hasLowCardinalityKeyValue("outcome", "ERROR")
            .hasLowCardinalityKeyValue("dify.error.code", "provider_quota_exceeded");
    }

    @Test
    void theUsageAtTheEndOfAStreamIsCountedByAppAndTokenTypeWithItsPrice() {
        stubStream("/v1/chat-messages", MESSAGE_STREAM);

        collect(chat(DifyAppType.CHAT).stream(ChatRequest.of("Hi")));

        assertThat(tokens("chat-app", "prompt")).isEqualTo(20);
        assertThat(tokens("chat-app", "completion")).isEqualTo(7);
        assertThat(tokens("chat-app", "total")).isEqualTo(27);
        assertThat(this.meters.get(DifyMetricsObservationHandler.PRICE).tags("dify.app", "chat-app", "currency", "USD").counter().count())
            .isEqualTo(0.0005);
    }

    @Test
    void aChatflowReportsUsageTwiceAndIsCountedOnce() {
        stubStream("/v1/chat-messages", exampleStream("service_sendChatMessage_streamingResponseWorkflow.sse.txt"));

        collect(chat(DifyAppType.CHATFLOW).stream(ChatRequest.of("Hi")));

        assertThat(tokens("chatflow-app", "total")).as("message_end and workflow_finished both say 50").isEqualTo(50);
    }

    @Test
    void rawStreamsAndRawBlockingAnswersAreObservedButNotDecodedForTheirUsage() {
        stubStream("/v1/chat-messages", MESSAGE_STREAM);
        chat(DifyAppType.CHAT).raw().stream(ChatRequest.of("Hi")).collectList().block(TIMEOUT);
        stubJson("/v1/chat-messages", 200, CHAT_ANSWER);
        chat(DifyAppType.CHAT).raw().send(ChatRequest.of("Hi")).block(TIMEOUT);

        assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo(DefaultDifyObservationConvention.NAME, 2);
        assertThat(this.meters.find(DifyMetricsObservationHandler.TOKENS).counter()).isNull();
        assertThat(this.meters.find(DifyMetricsObservationHandler.PRICE).counter()).isNull();
    }

    @Test
    void rawStreamsAndRawBlockingAnswersAreCountedWhenAsked() {
        stubStream("/v1/chat-messages", MESSAGE_STREAM);
        chat(DifyAppType.CHAT).raw().withUsageMetrics().stream(ChatRequest.of("Hi")).collectList().block(TIMEOUT);
        assertThat(tokens("chat-app", "total")).isEqualTo(27);

        stubJson("/v1/chat-messages", 200, CHAT_ANSWER);
        chat(DifyAppType.CHAT).raw().withUsageMetrics().send(ChatRequest.of("Hi")).block(TIMEOUT);
        assertThat(tokens("chat-app", "total")).isEqualTo(27 + 1168);
        assertThat(tokens("chat-app", "prompt")).isEqualTo(20 + 1033);
    }

    @Test
    void workflowRunsCountTheirTotalOnly() {
        stubJson("/v1/workflows/run", 200, """
                {"task_id": "t1", "workflow_run_id": "r1", "data": {"id": "r1", "workflow_id": "w1", "status": "succeeded",
                 "outputs": {}, "elapsed_time": 1.5, "total_tokens": 321, "total_steps": 3, "created_at": 1, "finished_at": 2}}
                """);
        DifyWorkflowClient workflow = new DifyWorkflowClient(app(DifyAppType.WORKFLOW), observedBuilder(), this.observations, null);

        workflow.run(WorkflowRunRequest.of(Map.of())).block(TIMEOUT);

        assertThat(tokens("workflow-app", "total")).isEqualTo(321);
        assertThat(this.meters.find(DifyMetricsObservationHandler.TOKENS).tag("dify.token.type", "prompt").counter()).isNull();
        assertThat(this.meters.find(DifyMetricsObservationHandler.PRICE).counter()).isNull();
    }

    @Test
    void aCustomConventionNamesAndTagsTheObservations() {
        stubJson("/v1/completion-messages", 200, """
                {"event": "message", "task_id": "t1", "id": "m1", "message_id": "m1", "mode": "completion", "answer": "ok",
                 "metadata": {}, "created_at": 1}
                """);
        DifyObservationConvention tenantTagging = new DefaultDifyObservationConvention() {

            @Override
            public KeyValues getLowCardinalityKeyValues(DifyObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
            }
        };
        DifyCompletionClient completion = new DifyCompletionClient(app(DifyAppType.COMPLETION), observedBuilder(),
                this.observations, tenantTagging);

        completion.send(CompletionRequest.of(Map.of("topic", "x"))).block(TIMEOUT);

        assertThat(this.observations).hasObservationWithNameEqualTo(DefaultDifyObservationConvention.NAME)
            .that()
            .hasLowCardinalityKeyValue("tenant", "acme")
            .hasLowCardinalityKeyValue("dify.operation", "POST /completion-messages");
    }

    @Test
    void withoutARegistryNothingIsObservedAndCallsStillWork() {
        stubStream("/v1/chat-messages", MESSAGE_STREAM);

        List<DifyEvent> events = collect(chatClient().stream(ChatRequest.of("Hi")));

        assertThat(events).hasSize(3);
        assertThat(this.observations).doesNotHaveAnyObservation();
    }

    private double tokens(String app, String type) {
        return this.meters.get(DifyMetricsObservationHandler.TOKENS).tags("dify.app", app, "dify.token.type", type).counter().count();
    }

    private DifyObservationContext onlyDifyContext() {
        List<DifyObservationContext> contexts = new ArrayList<>();
        assertThat(this.observations).hasObservationWithNameEqualTo(DefaultDifyObservationConvention.NAME)
            .that()
            .satisfies((context) -> {
                assertThat(context).isInstanceOf(DifyObservationContext.class);
                contexts.add((DifyObservationContext) context);
            });
        return contexts.get(0);
    }
}
