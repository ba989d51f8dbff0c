package io.github.difyspring.client.chat;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.core.CursorPage;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyNotFoundException;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The message operations of {@link DifyChatClient}: suggested questions and the conversation
 * history, one page or lazily paged back in time.
 */
class ChatMessageOperationsTests extends DifyClientTestSupport {

    private static final String MESSAGE_ID = "9da23599-e713-473b-982c-4328d4f5c78a";

    private static final String CONVERSATION_ID = "45701982-8118-4bc5-8e9b-64562b4555f2";

    // ---- suggested questions

    @Test
    void suggestedQuestionsAsksWithTheUserInTheQuery() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages/" + MESSAGE_ID + "/suggested"))
            .willReturn(json(200, responseExample("GET", "/messages/{message_id}/suggested", 200, "suggestedQuestions"))));

        List<String> questions = chatClient().forUser("abc-123").suggestedQuestions(MESSAGE_ID).block(TIMEOUT);

        assertThat(questions).containsExactly("What colors does the iPhone 13 Pro Max come in?",
                "How does the battery compare to iPhone 12?", "What is the price range?");
        wireMock.verify(1, difyGet(urlPathEqualTo("/v1/messages/" + MESSAGE_ID + "/suggested")));
        assertThat(query(onlyRequest())).isEqualTo(Map.of("user", "abc-123"));
    }

    @Test
    void suggestedQuestionsFallBackToTheDefaultUserAndReadNullDataAsEmpty() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages/m-1/suggested"))
            .willReturn(json(200, "{\"result\": \"success\", \"data\": null}")));

        assertThat(chatClient().suggestedQuestions("m-1").block(TIMEOUT)).isEmpty();
        assertThat(query(onlyRequest())).isEqualTo(Map.of("user", DEFAULT_USER));
    }

    @Test
    void suggestedQuestionsWhenDisabledFailWithBadRequest() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages/" + MESSAGE_ID + "/suggested"))
            .willReturn(json(400, responseExample("GET", "/messages/{message_id}/suggested", 400, "bad_request"))));

        DifyBadRequestException ex = failure(chatClient().suggestedQuestions(MESSAGE_ID), DifyBadRequestException.class);

        assertThat(ex.getCode()).isEqualTo("bad_request");
        assertThat(ex.getDifyMessage()).isEqualTo("Suggested Questions Is Disabled.");
    }

    @Test
    void aUserIsRequiredBeforeAnythingIsSent() {
        DifyChatClient client = new DifyChatClient(app(DifyAppType.CHAT, null), WebClient.builder());

        assertThatIllegalArgumentException().isThrownBy(() -> client.suggestedQuestions(MESSAGE_ID).block(TIMEOUT))
            .withMessageContaining("names no user");
        assertThatIllegalArgumentException().isThrownBy(() -> client.conversations()
            .messages(MessageQuery.of(CONVERSATION_ID)).blockFirst(TIMEOUT))
            .withMessageContaining("names no user");
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    // ---- one page of history

    @Test
    void messagesPageSendsEveryParameterAndMapsTheSpecExample() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages"))
            .willReturn(json(200, responseExample("GET", "/messages", 200, "conversationHistory"))));

        CursorPage<Message> page = chatClient().forUser("abc-123").conversations()
            .messagePage(new MessageQuery(CONVERSATION_ID, "first-1", 5)).block(TIMEOUT);

        wireMock.verify(1, difyGet(urlPathEqualTo("/v1/messages")));
        assertThat(query(onlyRequest())).isEqualTo(Map.of("conversation_id", CONVERSATION_ID, "user", "abc-123",
                "first_id", "first-1", "limit", "5"));
        assertThat(page).isNotNull();
        assertThat(page.limit()).isEqualTo(20);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.data()).hasSize(1);
        Message message = page.data().get(0);
        assertThat(message.id()).isEqualTo(MESSAGE_ID);
        assertThat(message.conversationId()).isEqualTo(CONVERSATION_ID);
        assertThat(message.parentMessageId()).isNull();
        assertThat(message.inputs()).containsExactly(Map.entry("city", "San Francisco"));
        assertThat(message.query()).isEqualTo("What are the specs of the iPhone 13 Pro Max?");
        assertThat(message.answer()).isEqualTo("iPhone 13 Pro Max specs are listed here:...");
        assertThat(message.status()).isEqualTo("normal");
        assertThat(message.error()).isNull();
        assertThat(message.messageFiles()).isEmpty();
        assertThat(message.feedback()).isEqualTo(new MessageFeedback("like"));
        assertThat(message.retrieverResources()).isEmpty();
        assertThat(message.agentThoughts()).isEmpty();
        assertThat(message.createdAt()).isEqualTo(1705407629L);
    }

    @Test
    void messagesPageLeavesUnsetParametersOutAndUsesTheDefaultUser() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages"))
            .willReturn(json(200, "{\"limit\": 20, \"has_more\": false, \"data\": []}")));

        CursorPage<Message> page = chatClient().conversations().messagePage(new MessageQuery(CONVERSATION_ID, null, null))
            .block(TIMEOUT);

        assertThat(page).isNotNull();
        assertThat(page.data()).isEmpty();
        assertThat(query(onlyRequest())).isEqualTo(Map.of("conversation_id", CONVERSATION_ID, "user", DEFAULT_USER));
    }

    @Test
    void messagesTolerateNullListsNumbersAsStringsAndUnknownFields() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).willReturn(json(200, """
                {"limit": "20", "has_more": false, "brand_new": {"x": 1}, "data": [{
                  "id": "m-1", "conversation_id": "c-1", "inputs": null, "query": "hi", "answer": "hello",
                  "message_files": null, "feedback": null, "retriever_resources": null, "agent_thoughts": null,
                  "status": "error", "error": "quota exceeded", "created_at": "1705407629", "extra_contents": [],
                  "a_field_from_the_future": true}]}
                """)));

        CursorPage<Message> page = chatClient().conversations().messagePage(new MessageQuery("c-1", null, null)).block(TIMEOUT);

        assertThat(page).isNotNull();
        assertThat(page.limit()).isEqualTo(20);
        Message message = page.data().get(0);
        assertThat(message.inputs()).isEmpty();
        assertThat(message.messageFiles()).isEmpty();
        assertThat(message.retrieverResources()).isEmpty();
        assertThat(message.agentThoughts()).isEmpty();
        assertThat(message.feedback()).isNull();
        assertThat(message.status()).isEqualTo("error");
        assertThat(message.error()).isEqualTo("quota exceeded");
        assertThat(message.createdAt()).isEqualTo(1705407629L);
    }

    @Test
    void messagesMapFilesCitationsAndAgentThoughts() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).willReturn(json(200, """
                {"limit": 20, "has_more": false, "data": [{
                  "id": "m-1", "conversation_id": "c-1", "parent_message_id": "m-0", "inputs": {"a": null},
                  "query": "draw a cat", "answer": "here",
                  "message_files": [{"id": "f-1", "filename": "cat.png", "type": "image", "url": "https://x/cat.png",
                    "mime_type": "image/png", "size": 2048, "transfer_method": "tool_file", "belongs_to": "assistant",
                    "upload_file_id": null}],
                  "retriever_resources": [{"position": 1, "dataset_name": "Cats", "score": 0.9, "content": "Cats are"}],
                  "agent_thoughts": [{"id": "t-1", "chain_id": null, "message_id": "m-1", "position": 1,
                    "thought": "I should draw", "tool": "dalle", "tool_labels": {"dalle": {"en_US": "DALL-E"}},
                    "tool_input": "{\\"prompt\\": \\"cat\\"}", "observation": "done", "files": ["f-1"], "created_at": 1705407629}],
                  "status": "normal", "created_at": 1705407629}]}
                """)));

        Message message = chatClient().conversations().messagePage(new MessageQuery("c-1", null, null)).block(TIMEOUT)
            .data().get(0);

        assertThat(message.parentMessageId()).isEqualTo("m-0");
        assertThat(message.inputs()).containsEntry("a", null);
        assertThat(message.messageFiles()).containsExactly(new MessageFile("f-1", "cat.png", "image", "https://x/cat.png",
                "image/png", 2048L, "tool_file", "assistant", null));
        assertThat(message.retrieverResources()).singleElement().satisfies((resource) -> {
            assertThat(resource.datasetName()).isEqualTo("Cats");
            assertThat(resource.score()).isEqualTo(0.9);
        });
        AgentThought thought = message.agentThoughts().get(0);
        assertThat(thought.tool()).isEqualTo("dalle");
        assertThat(thought.toolInput()).isEqualTo("{\"prompt\": \"cat\"}");
        assertThat(thought.toolLabels()).containsEntry("dalle", Map.of("en_US", "DALL-E"));
        assertThat(thought.files()).containsExactly("f-1");
        assertThat(thought.position()).isEqualTo(1);
    }

    /**
     * A message item as Dify 1.13 writes it: {@code MessageListItem} in {@code api/fields/message_fields.py}
     * (the service API's {@code api/controllers/service_api/app/message.py} dumps it), with token,
     * latency and price figures; agent thoughts name their files {@code files} there and
     * {@code message_files} in older servers.
     */
    @Test
    void messagesCarryTheirTokensLatencyAndPriceAndAgentThoughtFilesUnderEitherName() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).willReturn(json(200, """
                {"limit": 20, "has_more": false, "data": [{
                  "id": "m-1", "conversation_id": "c-1", "parent_message_id": null, "inputs": {}, "query": "Hi",
                  "answer": "Hello!", "feedback": {"rating": "like"}, "retriever_resources": [], "created_at": 1718000000,
                  "agent_thoughts": [{"id": "t-1", "position": 1, "files": ["f-1"]}, {"id": "t-2", "position": 2, "message_files": ["f-2"]}],
                  "message_files": [], "message_tokens": 12, "answer_tokens": 3, "total_tokens": 15,
                  "provider_response_latency": 0.84, "total_price": "0.0000270", "currency": "USD", "status": "normal",
                  "error": null, "extra_contents": []}]}
                """)));

        Message message = chatClient().conversations().messagePage(new MessageQuery("c-1", null, null)).block(TIMEOUT)
            .data().get(0);

        assertThat(message.messageTokens()).isEqualTo(12);
        assertThat(message.answerTokens()).isEqualTo(3);
        assertThat(message.totalTokens()).isEqualTo(15);
        assertThat(message.providerResponseLatency()).isEqualTo(0.84);
        assertThat(message.totalPrice()).isEqualByComparingTo("0.0000270");
        assertThat(message.currency()).isEqualTo("USD");
        assertThat(message.agentThoughts()).extracting(AgentThought::files).containsExactly(List.of("f-1"), List.of("f-2"));
    }

    @Test
    void messagesOfAnUnknownConversationFailWithNotFound() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages"))
            .willReturn(json(404, responseExample("GET", "/messages", 404, "conversation_not_exists"))));

        DifyNotFoundException ex = failure(chatClient().conversations()
            .messagePage(new MessageQuery("nope", null, null)), DifyNotFoundException.class);

        assertThat(ex.getCode()).isEqualTo("not_found");
        assertThat(ex.getDifyMessage()).isEqualTo("Conversation Not Exists.");
    }

    // ---- the whole history, lazily

    /** Dify's server sends each page oldest first, and pages from the latest back in time. */
    private static void stubHistoryOfFourMessages() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).atPriority(5)
            .willReturn(json(200, page(true, message("m-3", 3), message("m-4", 4)))));
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).withQueryParam("first_id", equalTo("m-3")).atPriority(1)
            .willReturn(json(200, page(false, message("m-1", 1), message("m-2", 2)))));
    }

    @Test
    void lazyHistoryGivesNewestFirstAndPagesBackFromTheOldestMessageOfEachPage() {
        stubHistoryOfFourMessages();

        List<Message> messages = chatClient().forUser("abc-123").conversations().messages(MessageQuery.of("c-1"))
            .collectList().block(TIMEOUT);

        assertThat(messages).extracting(Message::id).containsExactly("m-4", "m-3", "m-2", "m-1");
        List<LoggedRequest> requests = getRequests("/v1/messages");
        assertThat(requests).hasSize(2);
        assertThat(query(requests.get(0))).isEqualTo(Map.of("conversation_id", "c-1", "user", "abc-123", "limit", "100"));
        assertThat(query(requests.get(1)))
            .isEqualTo(Map.of("conversation_id", "c-1", "user", "abc-123", "limit", "100", "first_id", "m-3"));
    }

    @Test
    void lazyHistoryReadsOnlyThePagesItNeeds() {
        stubHistoryOfFourMessages();

        List<Message> latest = chatClient().conversations().messages(MessageQuery.of("c-1")).take(2).collectList().block(TIMEOUT);

        assertThat(latest).extracting(Message::id).containsExactly("m-4", "m-3");
        assertThat(getRequests("/v1/messages")).hasSize(1);
    }

    @Test
    void lazyHistoryAlsoCopesWithPagesSentNewestFirst() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).atPriority(5)
            .willReturn(json(200, page(true, message("m-4", 4), message("m-3", 3)))));
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).withQueryParam("first_id", equalTo("m-3")).atPriority(1)
            .willReturn(json(200, page(false, message("m-2", 2), message("m-1", 1)))));

        List<Message> messages = chatClient().conversations().messages(MessageQuery.of("c-1")).collectList().block(TIMEOUT);

        assertThat(messages).extracting(Message::id).containsExactly("m-4", "m-3", "m-2", "m-1");
    }

    @Test
    void lazyHistoryStopsAtAnEmptyPageThatClaimsMore() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).willReturn(json(200, page(true))));

        assertThat(chatClient().conversations().messages(MessageQuery.of("c-1")).collectList().block(TIMEOUT)).isEmpty();
        assertThat(getRequests("/v1/messages")).hasSize(1);
    }

    @Test
    void lazyHistoryFailsWithTheErrorOfAPage() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).atPriority(5)
            .willReturn(json(200, page(true, message("m-3", 3), message("m-4", 4)))));
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages")).withQueryParam("first_id", equalTo("m-3")).atPriority(1)
            .willReturn(json(404, responseExample("GET", "/messages", 404, "first_message_not_exists"))));

        DifyNotFoundException ex = failure(chatClient().conversations()
            .messages(MessageQuery.of("c-1")), DifyNotFoundException.class);

        assertThat(ex.getDifyMessage()).isEqualTo("First Message Not Exists.");
    }

    // ---- helpers

    private static String message(String id, long createdAt) {
        return """
                {"id": "%s", "conversation_id": "c-1", "inputs": {}, "query": "q", "answer": "a", "status": "normal",
                 "message_files": [], "retriever_resources": [], "agent_thoughts": [], "created_at": %d}
                """.formatted(id, 1705407600L + createdAt);
    }

    private static String page(boolean hasMore, String... messages) {
        return "{\"limit\": 100, \"has_more\": " + hasMore + ", \"data\": [" + String.join(",", messages) + "]}";
    }
}
