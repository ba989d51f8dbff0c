package io.github.difyspring.sample.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;

import io.github.difyspring.sample.support.SampleApplicationTest;
import io.github.difyspring.sample.support.StubbedDifyTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The few answers the Dify test server of {@link StubbedDifyTest} cannot give, served byte for
 * byte by WireMock: it speaks one Dify version and writes Dify's errors in their common shape
 * only. Here: the event types of older and future Dify versions, Dify's error body with
 * {@code params}, and a gateway's HTML error page. Each test says why it needs WireMock; every other test uses the test server.
 * These tests have an application context of their own, whose apps all talk to WireMock.
 */
class WireLevelTests extends SampleApplicationTest {

    /** Every event type current and older Dify servers send, and one no server sends yet. */
    private static final List<String> EVENT_TYPES = List.of("workflow_started", "node_started", "node_retry", "iteration_started",
            "iteration_next", "iteration_completed", "loop_started", "loop_next", "loop_completed", "parallel_branch_started",
            "parallel_branch_finished", "agent_log", "agent_thought", "agent_message", "reasoning_chunk", "message", "message_file",
            "message_replace", "tts_message", "tts_message_end", "text_chunk", "human_input_required", "human_input_form_filled",
            "human_input_form_timeout", "node_finished", "workflow_paused", "message_end", "workflow_finished",
            "event_invented_next_year");

    private static final WireMockServer wiremock = startWireMock();

    private static WireMockServer startWireMock() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void dify(DynamicPropertyRegistry registry) {
        registry.add("dify.base-url", () -> wiremock.baseUrl() + "/v1");
    }

    @BeforeEach
    void resetStubs() {
        wiremock.resetAll();
    }

    @Test
    void relaysEveryEventTypeInOrderWithEveryFieldAndWithoutPings() {
        // WireMock, because the test server sends the events of one Dify version (1.14.2) only: not the
        // parallel_branch_* of older servers, not a type or a field no server sends yet.
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
    void difysErrorAnswersKeepEveryFieldOfTheirBody() {
        // WireMock, because the test server's DifyFault.httpError writes {code, message, status} only,
        // while Dify's invalid_param answers may add params (see dify-api/README.md), which must reach the page.
        wiremock.stubFor(post("/v1/chat-messages").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"invalid_param\",\"message\":\"query is too long\",\"status\":400,\"params\":\"query\"}")));

        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"blocking\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.code").isEqualTo("invalid_param")
            .jsonPath("$.message").isEqualTo("query is too long")
            .jsonPath("$.status").isEqualTo(400)
            .jsonPath("$.params").isEqualTo("query");
    }

    @Test
    void anErrorThatIsNotDifysJsonIsAnsweredInDifysShapeWithItsStatus() {
        // WireMock, because this page comes from a gateway in front of Dify, not from Dify: the test
        // server only answers in Dify's JSON.
        wiremock.stubFor(post("/v1/workflows/run").willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
            .withBody("<html><body>Bad gateway</body></html>")));

        as("alice").post().uri("/api/apps/etl/workflows/run").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{}}")
            .exchange()
            .expectStatus().isEqualTo(502)
            .expectBody()
            .jsonPath("$.code").isEqualTo("dify_error")
            .jsonPath("$.status").isEqualTo(502)
            .jsonPath("$.message").value((message) -> assertThat(message.toString()).contains("502"));
    }
}
