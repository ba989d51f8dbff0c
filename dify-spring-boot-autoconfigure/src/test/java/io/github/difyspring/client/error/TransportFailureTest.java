package io.github.difyspring.client.error;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures below HTTP reach the caller as Dify exceptions, never as the HTTP stack's own.
 */
class TransportFailureTest extends DifyClientTestSupport {

    @Test
    void aRefusedConnectionIsAConnectionException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DifyChatClient client = new DifyChatClient(new DifyApp("support", DifyAppType.CHAT,
                URI.create("http://127.0.0.1:" + closedPort + "/v1"), API_KEY, DEFAULT_USER), WebClient.builder());
        DifyConnectionException error = failure(client.send(ChatRequest.of("Hi")), DifyConnectionException.class);
        assertThat(error.getMessage()).contains("'support'").contains("POST /chat-messages").contains("could not be used");
    }

    @Test
    void aConnectionResetMidStreamIsAConnectionException() {
        wireMock.stubFor(post(urlEqualTo("/v1/chat-messages")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        DifyConnectionException error = failure(chatClient().stream(ChatRequest.of("Hi")), DifyConnectionException.class);
        assertThat(error.getMessage()).contains("POST /chat-messages");
    }

    @Test
    void anEventLargerThanTheInMemoryLimitIsADecodingExceptionThatSaysHowToRaiseIt() {
        String big = "x".repeat(300 * 1024);
        stubStream("/v1/chat-messages", sse("{\"event\":\"message\",\"task_id\":\"t\",\"answer\":\"" + big + "\"}"));
        DifyChatClient client = new DifyChatClient(app(DifyAppType.CHAT)
            .withOptions(DifyClientOptions.defaults().withMaxInMemorySize(256 * 1024)), WebClient.builder());
        DifyDecodingException error = failure(client.stream(ChatRequest.of("Hi")), DifyDecodingException.class);
        assertThat(error.getMessage()).contains("dify.max-in-memory-size");
    }

    @Test
    void anAgentAnswerWithoutMessageEndIsIncompleteAndFails() {
        stubStream("/v1/chat-messages", sse("{\"event\":\"agent_message\",\"task_id\":\"t\",\"answer\":\"Half an\"}"));
        DifyDecodingException error = failure(chatClient(DifyAppType.AGENT)
            .send(ChatRequest.of("Hi")), DifyDecodingException.class);
        assertThat(error.getMessage()).contains("before message_end").contains("7 characters");
    }

}
