package io.github.difyspring.sample.operations;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.difyspring.sample.support.DemoModeTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees: the health of every Dify app and the Dify meters, behind the same
 * sign-in as the API.
 */
class OperatorEndpointsTests extends DemoModeTest {

    @Autowired
    private WebTestClient anonymous;

    @Test
    void healthAndMetricsNeedAnAccount() {
        for (String path : new String[] { "/actuator/health", "/actuator/metrics", "/actuator/health/liveness" }) {
            this.anonymous.get().uri(path).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"Dify sample\"");
        }
    }

    @Test
    void healthShowsEveryDifyAppUpWithItsNameAndModeAndNeverAKey() {
        as("alice").get().uri("/actuator/health").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.status").isEqualTo("UP")
            .jsonPath("$.components.dify.status").isEqualTo("UP")
            .jsonPath("$.components.dify.components.assistant.status").isEqualTo("UP")
            .jsonPath("$.components.dify.components.assistant.details.type").isEqualTo("chat")
            .jsonPath("$.components.dify.components.assistant.details.mode").isEqualTo("chat")
            .jsonPath("$.components.dify.components.writer.details.mode").isEqualTo("completion")
            .jsonPath("$.components.dify.components.pipeline.details.mode").isEqualTo("workflow");
        String raw = as("alice").get().uri("/actuator/health").exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(raw).doesNotContain("app-demo-");
    }

    @Test
    void theLivenessProbeDoesNotDependOnDify() {
        as("alice").get().uri("/actuator/health/liveness").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.status").isEqualTo("UP")
            .jsonPath("$.components.dify").doesNotExist();
    }

    @Test
    void aChatShowsUpInTheDifyMeters() {
        as("bob").post().uri("/api/apps/assistant/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("query", "What is streaming?", "response_mode", "streaming"))
            .exchange()
            .expectStatus().isOk()
            .returnResult(String.class)
            .getResponseBody()
            .blockLast();

        as("alice").get().uri("/actuator/metrics").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.names[?(@ == 'dify.client.operation')]").exists()
            .jsonPath("$.names[?(@ == 'dify.client.time.to.first.event')]").exists()
            .jsonPath("$.names[?(@ == 'dify.client.tokens')]").exists();
        as("alice").get().uri("/actuator/metrics/dify.client.tokens?tag=dify.app:assistant&tag=dify.token.type:completion")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.measurements[0].value").value((Number value) -> assertThat(value.doubleValue()).isPositive());
        as("alice").get().uri("/actuator/metrics/dify.client.operation?tag=dify.app:assistant&tag=dify.response.mode:streaming&tag=outcome:SUCCESS")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.availableTags[?(@.tag == 'dify.operation')].values[0]").isEqualTo("POST /chat-messages");
        as("alice").get().uri("/actuator/metrics/http.client.requests?tag=uri:/v1/chat-messages").exchange()
            .expectStatus().isOk();
    }
}
