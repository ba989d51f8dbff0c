package io.github.difyspring.sample.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.difyspring.test.AutoConfigureDifyTestServer;
import io.github.difyspring.test.DifyFault;
import io.github.difyspring.test.DifyTestServer;
import io.github.difyspring.test.HumanInputPause;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dify.apps.support.type=chat", "dify.apps.support.api-key=app-test-support",
        "dify.apps.review.type=workflow", "dify.apps.review.api-key=app-test-review",
        // alice signs in with the password "demo"
        "sample.users.alice.password={bcrypt}$2a$10$LX2JCYie7zhTHaiPuhmD7etbfh/JBKYdAh7GOnWW7g.rd31eDl37." })
@AutoConfigureDifyTestServer
@AutoConfigureWebTestClient
class SupportEndpointsTests {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private DifyTestServer dify;

    @Autowired
    private WebTestClient web;

    @Autowired
    private JsonMapper json;

    @Test
    void streamsTheAnswerThroughAsItComes() {
        this.dify.app("support").answersInChunks("Hello", ", ", "Ada").pace(Duration.ofMillis(20));

        List<JsonNode> events = stream(alice().post().uri("/api/apps/support/chat-messages")
            .bodyValue(Map.of("query", "Hi!", "inputs", Map.of("plan", "pro"), "response_mode", "streaming")));

        assertThat(events).extracting((event) -> event.get("event").asString())
            .containsExactly("message", "message", "message", "message_end");
        assertThat(events).filteredOn((event) -> event.has("answer"))
            .extracting((event) -> event.get("answer").asString()).containsExactly("Hello", ", ", "Ada");
        assertThat(this.dify.requests().app("support").chatMessages().fromUser("alice").withInput("plan", "pro")).hasSize(1);
    }

    @Test
    void aShortRateLimitIsWaitedOutAndRetried() {
        this.dify.app("support").onNextRequest(DifyFault.rateLimited(Duration.ofSeconds(1))).answers("Made it.");

        alice().post().uri("/api/apps/support/chat-messages").bodyValue(Map.of("query", "Hi!", "response_mode", "blocking"))
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.answer").isEqualTo("Made it.");
        assertThat(this.dify.requests().app("support").chatMessages()).hasSize(2);
    }

    @Test
    void aLongRateLimitIsPassedOnWithItsRetryAfter() {
        this.dify.app("support").onNextRequest(DifyFault.rateLimited(Duration.ofMinutes(5)));

        alice().post().uri("/api/apps/support/chat-messages").bodyValue(Map.of("query", "Hi!", "response_mode", "blocking"))
            .exchange()
            .expectStatus().isEqualTo(429)
            .expectHeader().valueEquals("Retry-After", "300");
        assertThat(this.dify.requests().app("support").chatMessages()).hasSize(1);
    }

    @Test
    void aPausedWorkflowGoesOnOnceItsFormIsSubmitted() {
        this.dify.app("review").answers("Draft ready.").pausesFor(HumanInputPause.form("Publish the draft?")
            .paragraph("comment").action("publish", "Publish").action("rewrite", "Rewrite").thenAnswers(" Published."));

        List<JsonNode> paused = stream(alice().post().uri("/api/apps/review/workflows/run")
            .bodyValue(Map.of("inputs", Map.of(), "response_mode", "streaming")));
        JsonNode pause = paused.get(paused.size() - 1);
        assertThat(pause.get("event").asString()).isEqualTo("workflow_paused");
        String formToken = pause.get("data").get("reasons").get(0).get("form_token").asString();
        String runId = pause.get("workflow_run_id").asString();

        alice().post().uri("/api/apps/review/forms/" + formToken)
            .bodyValue(Map.of("action", "publish", "inputs", Map.of("comment", "Ship it")))
            .exchange()
            .expectStatus().isOk();
        List<JsonNode> resumed = stream(alice().get().uri("/api/apps/review/workflows/runs/" + runId + "/events"));

        assertThat(resumed.get(0).get("data").get("reason").asString()).isEqualTo("resumption");
        JsonNode finished = resumed.get(resumed.size() - 1);
        assertThat(finished.get("event").asString()).isEqualTo("workflow_finished");
        assertThat(finished.get("data").get("outputs").get("text").asString()).isEqualTo("Draft ready. Published.");
        assertThat(this.dify.requests().to("POST", "/form/human_input/" + formToken).single().body())
            .containsEntry("action", "publish").containsEntry("user", "alice");
    }

    private WebTestClient alice() {
        return this.web.mutate().defaultHeaders((headers) -> headers.setBasicAuth("alice", "demo")).build();
    }

    private List<JsonNode> stream(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange()
            .expectStatus().isOk()
            .returnResult(SSE)
            .getResponseBody()
            .filter((event) -> event.data() != null)
            .map((event) -> this.json.readTree(event.data()))
            .collectList()
            .block(Duration.ofSeconds(10));
    }
}
