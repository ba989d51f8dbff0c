package io.github.difyspring.sample.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.FluxExchangeResult;

import io.github.difyspring.sample.support.ScriptedDify;
import io.github.difyspring.sample.support.StubbedDifyTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dify's streams relayed to the browser: every event, in order, intact, as soon as it arrives;
 * heartbeats instead of pings; errors as {@code error} events; and a browser that leaves stops
 * the work on Dify.
 */
class StreamPassthroughTests extends StubbedDifyTest {

    /** Every event type current and older Dify servers send, and one no server sends yet. */
    private static final List<String> EVENT_TYPES = List.of("workflow_started", "node_started", "node_retry", "iteration_started",
            "iteration_next", "iteration_completed", "loop_started", "loop_next", "loop_completed", "parallel_branch_started",
            "parallel_branch_finished", "agent_log", "agent_thought", "agent_message", "reasoning_chunk", "message", "message_file",
            "message_replace", "tts_message", "tts_message_end", "text_chunk", "human_input_required", "human_input_form_filled",
            "human_input_form_timeout", "node_finished", "workflow_paused", "message_end", "workflow_finished",
            "event_invented_next_year");

    @Test
    void relaysEveryEventTypeInOrderWithEveryFieldAndWithoutPings() {
        List<String> events = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < EVENT_TYPES.size(); i++) {
            String event = "{\"event\":\"" + EVENT_TYPES.get(i) + "\",\"task_id\":\"task-7\",\"conversation_id\":\"c-1\",\"seq\":" + i
                    + ",\"data\":{\"text\":\"\\u00e9t\\u00e9 \\\"quoted\\\"\",\"nested\":[1,{\"deep\":null}]},\"field_from_the_future\":true}";
            events.add(event);
            body.append("data: ").append(event).append("\n\n");
            if (i % 5 == 0) {
                body.append("event: ping\n\n");
            }
        }
        wiremock.stubFor(post("/v1/chat-messages").willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/event-stream; charset=utf-8")
            .withBody(body.toString())));

        FluxExchangeResult<ServerSentEvent<String>> result = as("alice").post()
            .uri("/api/apps/support/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"inputs\":{},\"response_mode\":\"streaming\",\"user\":\"mallory\"}")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
            .returnResult(SSE);

        List<ServerSentEvent<String>> received = dataEvents(result.getResponseBody()).collectList().block(Duration.ofSeconds(10));
        assertThat(received).extracting(ServerSentEvent::event).containsExactlyElementsOf(EVENT_TYPES);
        assertThat(received).extracting(ServerSentEvent::data).containsExactlyElementsOf(events);
        wiremock.verify(postRequestedFor(urlEqualTo("/v1/chat-messages"))
            .withHeader("Authorization", equalTo("Bearer " + SUPPORT_KEY))
            .withRequestBody(equalToJson("{\"query\":\"hi\",\"inputs\":{},\"response_mode\":\"streaming\",\"user\":\"alice\"}")));
    }

    @Test
    void relaysWorkflowAndCompletionStreams() {
        String workflowEvent = "{\"event\":\"workflow_started\",\"task_id\":\"t-w\",\"workflow_run_id\":\"r-1\",\"data\":{\"id\":\"r-1\"}}";
        wiremock.stubFor(post("/v1/workflows/run").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
            .withBody("data: " + workflowEvent + "\n\n")));
        String completionEvent = "{\"event\":\"message\",\"task_id\":\"t-c\",\"message_id\":\"m-1\",\"answer\":\"Hello\"}";
        wiremock.stubFor(post("/v1/completion-messages").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
            .withBody("data: " + completionEvent + "\n\n")));

        List<ServerSentEvent<String>> workflow = dataEvents(as("bob").post().uri("/api/apps/etl/workflows/run")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{\"topic\":\"rain\"},\"response_mode\":\"streaming\",\"user\":\"mallory\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()).collectList().block(Duration.ofSeconds(10));
        List<ServerSentEvent<String>> completion = dataEvents(as("bob").post().uri("/api/apps/writer/completion-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{\"subject\":\"tea\"},\"response_mode\":\"streaming\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()).collectList().block(Duration.ofSeconds(10));

        assertThat(workflow).singleElement().satisfies((event) -> {
            assertThat(event.event()).isEqualTo("workflow_started");
            assertThat(event.data()).isEqualTo(workflowEvent);
        });
        assertThat(completion).singleElement().satisfies((event) -> assertThat(event.data()).isEqualTo(completionEvent));
        wiremock.verify(postRequestedFor(urlEqualTo("/v1/workflows/run"))
            .withRequestBody(equalToJson("{\"inputs\":{\"topic\":\"rain\"},\"response_mode\":\"streaming\",\"user\":\"bob\"}")));
        wiremock.verify(postRequestedFor(urlEqualTo("/v1/completion-messages"))
            .withRequestBody(matchingJsonPath("$.user", equalTo("bob"))));
    }

    @Test
    void anErrorMidStreamBecomesAnErrorEventAndEndsTheStream() {
        String first = "{\"event\":\"message\",\"task_id\":\"t-e\",\"message_id\":\"m-e\",\"conversation_id\":\"c-e\",\"answer\":\"Hel\"}";
        String error = "{\"event\":\"error\",\"task_id\":\"t-e\",\"message_id\":\"m-e\",\"conversation_id\":\"c-e\",\"status\":400,"
                + "\"code\":\"provider_quota_exceeded\",\"message\":\"Your quota is used up\"}";
        wiremock.stubFor(post("/v1/chat-messages").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
            .withBody("data: " + first + "\n\ndata: " + error + "\n\ndata: {\"event\":\"message\",\"answer\":\"never\"}\n\n")));

        List<ServerSentEvent<String>> received = dataEvents(as("alice").post().uri("/api/apps/support/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"streaming\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()).collectList().block(Duration.ofSeconds(10));

        assertThat(received).extracting(ServerSentEvent::event).containsExactly("message", "error");
        assertThat(received.get(1).data()).contains("\"code\":\"provider_quota_exceeded\"", "\"status\":400",
                "\"message\":\"Your quota is used up\"", "\"task_id\":\"t-e\"", "\"conversation_id\":\"c-e\"");
        // The task already ended on Dify's side: nothing to stop.
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
            .untilAsserted(() -> wiremock.verify(0, postRequestedFor(urlMatching(".*/stop"))));
    }

    @Test
    void anEventReachesTheBrowserBeforeDifySendsTheNextOne() throws Exception {
        String first = "{\"event\":\"message\",\"task_id\":\"t-live\",\"answer\":\"first\"}";
        String second = "{\"event\":\"message\",\"task_id\":\"t-live\",\"answer\":\"second\"}";
        scripted.reset("data: " + first + "\n\n");

        Flux<ServerSentEvent<String>> events = dataEvents(as("alice").post().uri("/api/apps/live/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"streaming\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody());
        ScriptedDify.Stream stream = scripted.nextStream();

        // Dify has sent only the first event and holds the connection open: it must be here already.
        StepVerifier.create(events)
            .assertNext((event) -> assertThat(event.data()).isEqualTo(first))
            .then(() -> {
                assertThat(stream.isOpen()).isTrue();
                stream.send("event: ping\n\n");
                stream.send("data: " + second + "\n\n");
            })
            .assertNext((event) -> assertThat(event.data()).isEqualTo(second))
            .then(stream::end)
            .expectComplete()
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void sendsHeartbeatCommentsWhileDifyIsQuietAndNeverRelaysPings() throws Exception {
        String first = "{\"event\":\"workflow_started\",\"task_id\":\"t-quiet\"}";
        scripted.reset("data: " + first + "\n\n");

        Flux<ServerSentEvent<String>> events = as("alice").post().uri("/api/apps/live/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"streaming\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody();
        ScriptedDify.Stream stream = scripted.nextStream();
        stream.send("event: ping\n\n");

        StepVerifier.create(events)
            .assertNext((event) -> assertThat(event.data()).isEqualTo(first))
            // Dify is silent (but for its ping): the application keeps the connection alive itself.
            .assertNext((event) -> {
                assertThat(event.comment()).isEqualTo("heartbeat");
                assertThat(event.data()).isNull();
                assertThat(event.event()).isNull();
            })
            .thenCancel()
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void aBrowserThatLeavesClosesTheConnectionToDifyAndStopsTheTask() throws Exception {
        scripted.reset("data: {\"event\":\"message\",\"task_id\":\"task-left\",\"answer\":\"Once upon\"}\n\n");

        Flux<ServerSentEvent<String>> events = dataEvents(as("alice").post().uri("/api/apps/live/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"tell me a long story\",\"response_mode\":\"streaming\",\"user\":\"mallory\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody());
        ScriptedDify.Stream stream = scripted.nextStream();
        StepVerifier.create(events.take(1)).expectNextCount(1).verifyComplete();

        assertThat(stream.awaitClosed(Duration.ofSeconds(10))).as("the connection to Dify is closed").isTrue();
        String stop = scripted.nextStopRequest(Duration.ofSeconds(10));
        assertThat(stop).as("a stop request reached Dify").isNotNull();
        assertThat(stop).startsWith("task-left ").contains("\"user\":\"alice\"");
    }

    @Test
    void aBrowserThatLeavesMakesTheApplicationStopTheTaskOnWireMockDify() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            body.append(String.format("data: {\"event\":\"message\",\"task_id\":\"task-slow\",\"answer\":\"word %02d \"}%n%n", i));
        }
        // Dribbled over 30 seconds, two events at a time.
        wiremock.stubFor(post("/v1/chat-messages").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
            .withBody(body.toString()).withChunkedDribbleDelay(20, 30_000)));
        wiremock.stubFor(post("/v1/chat-messages/task-slow/stop").willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"result\":\"success\"}")));

        Flux<ServerSentEvent<String>> events = dataEvents(as("alice").post().uri("/api/apps/support/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"slowly\",\"response_mode\":\"streaming\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody());
        StepVerifier.create(events.take(1))
            .assertNext((event) -> assertThat(event.data()).contains("word 00"))
            .verifyComplete();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> wiremock.verify(postRequestedFor(urlEqualTo("/v1/chat-messages/task-slow/stop"))
            .withHeader("Authorization", equalTo("Bearer " + SUPPORT_KEY))
            .withRequestBody(equalToJson("{\"user\":\"alice\"}"))));
    }
}
