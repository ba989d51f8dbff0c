package io.github.difyspring.client;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key goes in the {@code Authorization} header and nowhere else: not in the string form of
 * the app or its clients. (Every error case checks its exception for the key too, through
 * {@link DifyClientTestSupport#failure}.)
 */
class ApiKeyConfidentialityTest extends DifyClientTestSupport {

    @Test
    void appToStringHidesTheKey() {
        DifyApp app = app(DifyAppType.CHAT);

        assertThat(app.toString()).doesNotContain(API_KEY).contains("chat-app", "CHAT", "default-user", "apiKey=******");
        assertThat(app.apiKey()).isEqualTo(API_KEY);
    }

    @Test
    void clientsToStringHideTheKey() {
        List<Object> clients = List.of(chatClient(DifyAppType.CHAT), chatClient(DifyAppType.AGENT), chatClient(DifyAppType.CHATFLOW),
                workflowClient(), completionClient());

        assertThat(clients).allSatisfy((client) -> assertThat(client.toString()).doesNotContain(API_KEY).contains("-app"));
    }

    @Test
    void registryToStringHidesTheKeys() {
        DifyClients clients = new DifyClients(List.of(app(DifyAppType.CHAT), app(DifyAppType.WORKFLOW), app(DifyAppType.COMPLETION)),
                WebClient.builder(), List.of());

        assertThat(clients.toString()).doesNotContain(API_KEY).contains("chat-app", "workflow-app", "completion-app");
        assertThat(clients.app("chat-app").toString()).doesNotContain(API_KEY);
    }

    @Test
    void theKeyIsSentAsBearerToken() {
        stubStream("/v1/chat-messages", "");

        collect(chatClient().stream(ChatRequest.of("Hi")));

        wireMock.verify(1, difyPost("/v1/chat-messages").withHeader("Authorization", equalTo("Bearer " + API_KEY)));
    }
}
