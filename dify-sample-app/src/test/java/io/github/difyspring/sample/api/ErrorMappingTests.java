package io.github.difyspring.sample.api;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import io.github.difyspring.sample.support.StubbedDifyTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures answered in Dify's shape: Dify's own errors with their status and body, this
 * application's refusals (unknown app, wrong app type, bad request) in the same shape, and never
 * an API key in an answer or a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorMappingTests extends StubbedDifyTest {

    @Test
    void difysErrorAnswersKeepTheirStatusAndBody(CapturedOutput output) {
        wiremock.stubFor(post("/v1/chat-messages").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"invalid_param\",\"message\":\"query is too long\",\"status\":400,\"params\":\"query\"}")));
        wiremock.stubFor(get(urlPathEqualTo("/v1/messages")).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"not_found\",\"message\":\"Conversation Not Exists.\",\"status\":404}")));
        wiremock.stubFor(post("/v1/completion-messages").willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
            .withHeader("Retry-After", "120").withBody("{\"code\":\"too_many_requests\",\"message\":\"Slow down\",\"status\":429}")));
        wiremock.stubFor(get("/v1/info").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"unauthorized\",\"message\":\"Access token is invalid\",\"status\":401}")));

        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"blocking\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.code").isEqualTo("invalid_param")
            .jsonPath("$.message").isEqualTo("query is too long")
            .jsonPath("$.status").isEqualTo(400)
            .jsonPath("$.params").isEqualTo("query");
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
            .expectBody().jsonPath("$.code").isEqualTo("too_many_requests").jsonPath("$.status").isEqualTo(429);
        String unauthorized = body(as("alice").get().uri("/api/apps/support/info").exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().doesNotExist("WWW-Authenticate")
            .expectBody().jsonPath("$.code").isEqualTo("unauthorized").returnResult().getResponseBodyContent());

        assertNoKey(unauthorized);
        assertNoKey(output.getAll());
    }

    @Test
    void aStreamThatDifyRefusesIsAnsweredWithDifysStatusNotAnEmptyStream() {
        wiremock.stubFor(post("/v1/chat-messages").willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"not_found\",\"message\":\"Conversation Not Exists.\",\"status\":404}")));

        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"streaming\",\"conversation_id\":\"not-mine\"}")
            .exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody()
            .jsonPath("$.code").isEqualTo("not_found")
            .jsonPath("$.message").isEqualTo("Conversation Not Exists.");
    }

    @Test
    void anErrorThatIsNotDifysJsonIsAnsweredInDifysShapeWithItsStatus() {
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

    @Test
    void aDifyThatCannotBeReachedIsABadGateway(CapturedOutput output) {
        wiremock.stubFor(post("/v1/chat-messages").willReturn(aResponse().withFault(
                com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\"}")
            .exchange()
            .expectStatus().isEqualTo(502)
            .expectBody()
            .jsonPath("$.code").isEqualTo("dify_unreachable")
            .jsonPath("$.status").isEqualTo(502);
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
        wiremock.verify(0, anyRequestedFor(anyUrl()));
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
        wiremock.verify(0, anyRequestedFor(anyUrl()));
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
        wiremock.verify(0, anyRequestedFor(anyUrl()));
    }

    private static String body(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }

    private static void assertNoKey(String text) {
        KEYS.forEach((key) -> assertThat(text).doesNotContain(key));
    }
}
