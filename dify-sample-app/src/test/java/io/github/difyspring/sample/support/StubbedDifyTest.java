package io.github.difyspring.sample.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.github.difyspring.test.AutoConfigureDifyTestServer;
import io.github.difyspring.test.DifyTestServer;

/**
 * The base of the tests that run the application against a stubbed Dify: the library's Dify test
 * server, which plays every configured app (found by its key, in the mode its type names), records
 * what the application sends, and is reset before each test. Tests script it through
 * {@link #dify}: {@code dify.app("support").answers(...)}, {@code .replays(DifyTranscript...)}
 * for exactly what Dify's server sends, {@code .onNextRequest(DifyFault...)} for failures. All
 * these tests share one application context and one server.
 */
@AutoConfigureDifyTestServer
public abstract class StubbedDifyTest extends SampleApplicationTest {

    @Autowired
    protected DifyTestServer dify;

    /**
     * Sends a blocking chat message through the application as the user, as a page would, so that
     * Dify (the test server) holds a conversation and a message of that user.
     * @param conversationId the conversation to continue, or {@code null} to start one
     * @return the answer the application relays, with its {@code conversation_id} and {@code message_id}
     */
    protected Map<String, Object> chat(String user, String app, String query, @Nullable String conversationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("response_mode", "blocking");
        if (conversationId != null) {
            body.put("conversation_id", conversationId);
        }
        return as(user).post().uri("/api/apps/{app}/chat-messages", app)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus().isOk()
            .expectBody(JSON_OBJECT)
            .returnResult()
            .getResponseBody();
    }
}
