package io.github.difyspring.sample.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import io.github.difyspring.sample.support.StubbedDifyTest;
import io.github.difyspring.test.DifyFault;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures answered in Dify's shape: Dify's own errors with their status and body, this
 * application's refusals (unknown app, wrong app type, bad request) in the same shape, and never
 * an API key in an answer or a log line. Answers the Dify test server cannot give (Dify's error
 * body with {@code params}, a gateway's error page, a reset connection) are in {@link WireLevelTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorMappingTests extends StubbedDifyTest {

    @Test
    void difysErrorAnswersKeepTheirStatusAndBody(CapturedOutput output) {
        this.dify.app("support").requiresInputs("topic");
        this.dify.app("writer").onNextRequest(DifyFault.rateLimited(Duration.ofSeconds(120)));
        // As when the key was revoked in Dify after the application started.
        this.dify.app("support").onNextRequest(DifyFault.httpError(401, "unauthorized", "Access token is invalid"));

        String unauthorized = body(as("alice").get().uri("/api/apps/support/info").exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().doesNotExist("WWW-Authenticate")
            .expectBody()
            .jsonPath("$.code").isEqualTo("unauthorized")
            .jsonPath("$.message").isEqualTo("Access token is invalid")
            .jsonPath("$.status").isEqualTo(401)
            .returnResult().getResponseBodyContent());
        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"blocking\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.code").isEqualTo("invalid_param")
            .jsonPath("$.message").isEqualTo("topic is required in input form")
            .jsonPath("$.status").isEqualTo(400);
        as("alice").get().uri("/api/apps/support/messages?conversation_id=nope")
            .exchange()
            .expectStatus().isNotFound()
            .expectBody()
            .jsonPath("$.code").isEqualTo("not_found")
            .jsonPath("$.message").isEqualTo("Conversation Not Exists.")
            .jsonPath("$.status").isEqualTo(404);
        as("alice").post().uri("/api/apps/writer/completion-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{},\"response_mode\":\"blocking\"}")
            .exchange()
            .expectStatus().isEqualTo(429)
            .expectHeader().valueEquals("Retry-After", "120")
            .expectBody()
            .jsonPath("$.code").isEqualTo("too_many_requests")
            .jsonPath("$.message").isEqualTo("Too many requests. Please try again later.")
            .jsonPath("$.status").isEqualTo(429);

        // Each reached Dify once: an error answer is not retried.
        assertThat(this.dify.requests()).extracting((request) -> request.app() + " " + request.method() + " " + request.path())
            .containsExactly("support GET /info", "support POST /chat-messages", "support GET /messages", "writer POST /completion-messages");
        assertNoKey(unauthorized);
        assertNoKey(output.getAll());
    }

    @Test
    void aStreamThatDifyRefusesIsAnsweredWithDifysStatusNotAnEmptyStream() {
        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"streaming\",\"conversation_id\":\"not-mine\"}")
            .exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody()
            .jsonPath("$.code").isEqualTo("not_found")
            .jsonPath("$.message").isEqualTo("Conversation Not Exists.");

        RecordedRequest refused = this.dify.requests().chatMessages().single();
        assertThat(refused.isStreaming()).isTrue();
        assertThat(refused.conversationId()).isEqualTo("not-mine");
    }

    @Test
    void aDifyThatCannotBeReachedIsABadGateway(CapturedOutput output) {
        this.dify.app("support").onNextRequest(DifyFault.connectionReset());

        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\"}")
            .exchange()
            .expectStatus().isEqualTo(502)
            .expectBody()
            .jsonPath("$.code").isEqualTo("dify_unreachable")
            .jsonPath("$.status").isEqualTo(502);
        // A message Dify may have received is never sent twice.
        assertThat(this.dify.requests().app("support").chatMessages()).hasSize(1);
        assertNoKey(output.getAll());
    }

    @Test
    void anUnknownAppIsNotFound() {
        as("alice").post().uri("/api/apps/nosuch/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\"}")
            .exchange()
            .expectStatus().isNotFound()
            .expectBody()
            .jsonPath("$.code").isEqualTo("app_not_found")
            .jsonPath("$.status").isEqualTo(404)
            .jsonPath("$.message").isEqualTo("No app is named 'nosuch'");
        as("alice").get().uri("/api/apps/nosuch/parameters").exchange().expectStatus().isNotFound()
            .expectBody().jsonPath("$.code").isEqualTo("app_not_found");
        assertThat(this.dify.requests()).isEmpty();
    }

    @Test
    void anAppOfTheWrongTypeIsABadRequest() {
        as("alice").post().uri("/api/apps/etl/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.code").isEqualTo("not_chat_app")
            .jsonPath("$.status").isEqualTo(400);
        as("alice").post().uri("/api/apps/support/workflows/run").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{}}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.code").isEqualTo("not_workflow_app");
        as("alice").post().uri("/api/apps/support/completion-messages/t-1/stop")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.code").isEqualTo("not_completion_app");
        as("alice").get().uri("/api/apps/writer/conversations")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.code").isEqualTo("not_chat_app");
        assertThat(this.dify.requests()).isEmpty();
    }

    @Test
    void malformedRequestsAreRefusedBeforeReachingDify() {
        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{}}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.code").isEqualTo("invalid_param").jsonPath("$.message").isEqualTo("query is required");
        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"sometimes\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.code").isEqualTo("invalid_param");
        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\": ")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.code").isEqualTo("invalid_param");
        as("alice").get().uri("/api/apps/support/conversations?limit=500")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.code").isEqualTo("invalid_param");
        assertThat(this.dify.requests()).isEmpty();
    }

    private static String body(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }

    private static void assertNoKey(String text) {
        KEYS.forEach((key) -> assertThat(text).doesNotContain(key));
    }
}
