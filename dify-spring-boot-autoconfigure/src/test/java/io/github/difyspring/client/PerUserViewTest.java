package io.github.difyspring.client;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ConversationQuery;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.workflow.ResumeOptions;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code forUser(user)} gives a view of a client that acts for another end user: every call that
 * names no user of its own is sent as that user, on the same transport, while the client itself
 * keeps its own user.
 */
class PerUserViewTest extends DifyClientTestSupport {

    @Test
    void theViewSendsItsUserWhereTheClientSendsItsOwn() {
        stubJson("/v1/chat-messages/t1/stop", 200, "{\"result\": \"success\"}");
        DifyChatClient client = chatClient();

        client.forUser("alice").stop("t1").block(TIMEOUT);
        client.stop("t1").block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/chat-messages/t1/stop").withRequestBody(equalToJson("{\"user\": \"alice\"}")));
        wireMock.verify(1, difyPost("/v1/chat-messages/t1/stop").withRequestBody(equalToJson("{\"user\": \"" + DEFAULT_USER + "\"}")));
        assertThat(client.app().defaultUser()).isEqualTo(DEFAULT_USER);
    }

    @Test
    void aRequestThatNamesItsOwnUserWinsOverTheView() {
        stubStream("/v1/chat-messages", sse("{\"event\":\"message_end\",\"task_id\":\"t1\",\"message_id\":\"m1\"}"));

        chatClient().forUser("alice").stream(ChatRequest.builder().query("Hi").user("bob").build()).blockLast(TIMEOUT);
        chatClient().forUser("alice").stream(ChatRequest.of("Hi")).blockLast(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/chat-messages").withRequestBody(matchingJsonPath("$.user", equalTo("bob"))));
        wireMock.verify(1, difyPost("/v1/chat-messages").withRequestBody(matchingJsonPath("$.user", equalTo("alice"))));
    }

    @Test
    void theViewsOfAClientActForItsUserToo() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations")).willReturn(json(200, "{\"has_more\": false, \"data\": []}")));
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflow/r1/events")).willReturn(eventStream(sse("{\"event\":\"workflow_finished\",\"task_id\":\"t1\",\"workflow_run_id\":\"r1\","
                + "\"data\":{\"id\":\"r1\",\"status\":\"succeeded\"}}"))));

        chatClient().forUser("carol").conversations().list(ConversationQuery.all()).collectList().block(TIMEOUT);
        chatClient(DifyAppType.CHATFLOW).forUser("carol").workflowRuns().resumeStream("r1", ResumeOptions.defaults())
            .blockLast(TIMEOUT);

        assertThat(onlyRequest(difyGet(urlPathEqualTo("/v1/conversations"))).queryParameter("user").firstValue()).isEqualTo("carol");
        assertThat(onlyRequest(difyGet(urlPathEqualTo("/v1/workflow/r1/events"))).queryParameter("user").firstValue())
            .isEqualTo("carol");
    }

    @Test
    void aViewSharesTheClientsTransportAndKeepsItsType() {
        DifyChatClient client = chatClient();

        DifyChatClient view = client.forUser("alice");
        DifyChatClient viewOfView = view.forUser("bob");

        assertThat(view.transport).isSameAs(client.transport);
        assertThat(viewOfView.transport).isSameAs(client.transport);
        assertThat(viewOfView.app().defaultUser()).isEqualTo("bob");
        assertThat(view.app().defaultUser()).isEqualTo("alice");
        assertThat(view.app()).isEqualTo(client.app().withDefaultUser("alice"));
        assertThat(workflowClient().forUser("x")).isInstanceOf(DifyWorkflowClient.class);
        assertThat(completionClient().forUser("x")).isInstanceOf(DifyCompletionClient.class);
    }

    @Test
    void aBlankUserIsRefusedWhenTheViewIsMade() {
        assertThatIllegalArgumentException().isThrownBy(() -> chatClient().forUser(""))
            .withMessage("The end user of Dify app 'chat-app' cannot be blank");
    }
}
