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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The conversation operations of {@link DifyChatClient}: listing (one page or lazily), renaming,
 * deleting, and the conversation variables.
 */
class ChatConversationOperationsTests extends DifyClientTestSupport {

    private static final String CONVERSATION_ID = "45701982-8118-4bc5-8e9b-64562b4555f2";

    private static final String VARIABLE_ID = "a1b2c3d4-5678-90ab-cdef-1234567890ab";

    // ---- one page of conversations

    @Test
    void conversationsPageSendsEveryParameterAndMapsTheSpecExample() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations"))
            .willReturn(json(200, responseExample("GET", "/conversations", 200, "conversationsList"))));

        CursorPage<Conversation> page = chatClient().forUser("abc-123").conversations().page(ConversationQuery.all()
            .withLastId("last-1").withLimit(7).withSortBy(ConversationSort.CREATED_AT_DESC)).block(TIMEOUT);

        wireMock.verify(1, difyGet(urlPathEqualTo("/v1/conversations")));
        assertThat(query(onlyRequest()))
            .isEqualTo(Map.of("user", "abc-123", "last_id", "last-1", "limit", "7", "sort_by", "-created_at"));
        assertThat(page).isNotNull();
        assertThat(page.hasMore()).isFalse();
        assertThat(page.limit()).isEqualTo(20);
        assertThat(page.data()).containsExactly(new Conversation(CONVERSATION_ID, "iPhone Specs Chat",
                Map.of("city", "San Francisco"), "normal", "Welcome! How can I help you today?", 1705407629L, 1705411229L));
    }

    @Test
    void conversationsPageSendsOnlyTheUserWhenNothingElseIsSet() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations")).willReturn(json(200, "{\"has_more\": false, \"data\": null}")));

        CursorPage<Conversation> page = chatClient().conversations().page(ConversationQuery.all()).block(TIMEOUT);

        assertThat(page).isNotNull();
        assertThat(page.data()).isEmpty();
        assertThat(query(onlyRequest())).isEqualTo(Map.of("user", DEFAULT_USER));
    }

    @Test
    void everySortOrderHasItsWireName() {
        assertThat(ConversationSort.values()).extracting(ConversationSort::wireName)
            .containsExactly("created_at", "-created_at", "updated_at", "-updated_at");
    }

    @Test
    void aPageSizeOutsideWhatDifyAllowsIsRejectedEarly() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConversationQuery.all().withLimit(0));
        assertThatIllegalArgumentException().isThrownBy(() -> ConversationQuery.all().withLimit(101));
    }

    @Test
    void conversationsAfterAnUnknownCursorFailWithNotFound() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations"))
            .willReturn(json(404, responseExample("GET", "/conversations", 404, "last_conversation_not_exists"))));

        DifyNotFoundException ex = failure(chatClient().conversations().page(ConversationQuery.all().withLastId("gone")),
                DifyNotFoundException.class);

        assertThat(ex.getDifyMessage()).isEqualTo("Last Conversation Not Exists.");
    }

    // ---- all conversations, lazily

    /** Three pages of two conversations each, chained by {@code last_id}. */
    private static void stubThreePagesOfConversations() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations")).atPriority(5)
            .willReturn(json(200, page(true, conversation("c-1"), conversation("c-2")))));
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations")).withQueryParam("last_id", equalTo("c-2")).atPriority(1)
            .willReturn(json(200, page(true, conversation("c-3"), conversation("c-4")))));
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations")).withQueryParam("last_id", equalTo("c-4")).atPriority(1)
            .willReturn(json(200, page(false, conversation("c-5")))));
    }

    @Test
    void lazyConversationsReadOnlyThePagesTheyNeed() {
        stubThreePagesOfConversations();

        List<Conversation> three = chatClient().forUser("abc-123").conversations().list(ConversationQuery.all()).take(3)
            .collectList().block(TIMEOUT);

        assertThat(three).extracting(Conversation::id).containsExactly("c-1", "c-2", "c-3");
        List<LoggedRequest> requests = getRequests("/v1/conversations");
        assertThat(requests).hasSize(2);
        assertThat(query(requests.get(0))).isEqualTo(Map.of("user", "abc-123", "limit", "100"));
        assertThat(query(requests.get(1))).isEqualTo(Map.of("user", "abc-123", "limit", "100", "last_id", "c-2"));
    }

    @Test
    void lazyConversationsGoOnUntilThereAreNoMore() {
        stubThreePagesOfConversations();

        List<Conversation> all = chatClient().conversations().list(ConversationQuery.all()).collectList().block(TIMEOUT);

        assertThat(all).extracting(Conversation::id).containsExactly("c-1", "c-2", "c-3", "c-4", "c-5");
        assertThat(getRequests("/v1/conversations")).hasSize(3)
            .allSatisfy((request) -> assertThat(request.queryParameter("user").firstValue()).isEqualTo(DEFAULT_USER));
    }

    @Test
    void lazyConversationsInAnotherOrderSendIt() {
        stubThreePagesOfConversations();

        chatClient().forUser("abc-123").conversations().list(ConversationQuery.all()
            .withSortBy(ConversationSort.CREATED_AT)).take(1).blockLast(TIMEOUT);

        assertThat(query(onlyRequest())).isEqualTo(Map.of("user", "abc-123", "limit", "100", "sort_by", "created_at"));
    }

    @Test
    void lazyConversationsOfAQueryStartAfterItsCursorWithItsPageSize() {
        stubThreePagesOfConversations();

        List<Conversation> rest = chatClient().conversations().list(ConversationQuery.all().withLastId("c-2").withLimit(2))
            .collectList().block(TIMEOUT);

        assertThat(rest).extracting(Conversation::id).containsExactly("c-3", "c-4", "c-5");
        assertThat(getRequests("/v1/conversations")).extracting((request) -> query(request))
            .containsExactly(Map.of("user", DEFAULT_USER, "limit", "2", "last_id", "c-2"),
                    Map.of("user", DEFAULT_USER, "limit", "2", "last_id", "c-4"));
    }

    @Test
    void lazyConversationsFailWithTheErrorOfAPage() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations")).atPriority(5)
            .willReturn(json(200, page(true, conversation("c-1")))));
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations")).withQueryParam("last_id", equalTo("c-1")).atPriority(1)
            .willReturn(json(400, responseExample("GET", "/conversations", 400, "not_chat_app"))));

        DifyBadRequestException ex = failure(chatClient().forUser("abc-123").conversations()
            .list(ConversationQuery.all()), DifyBadRequestException.class);

        assertThat(ex.getCode()).isEqualTo("not_chat_app");
    }

    // ---- rename

    @Test
    void renamePostsTheNameAndTheUserAndMapsTheSpecExample() {
        wireMock.stubFor(post(urlEqualTo("/v1/conversations/" + CONVERSATION_ID + "/name"))
            .willReturn(json(200, responseExample("POST", "/conversations/{conversation_id}/name", 200, "renamedConversation"))));

        Conversation renamed = chatClient().forUser("abc-123").conversations().rename(CONVERSATION_ID, "iPhone Specs Chat")
            .block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/conversations/" + CONVERSATION_ID + "/name")
            .withRequestBody(equalToJson("{\"name\": \"iPhone Specs Chat\", \"auto_generate\": false, \"user\": \"abc-123\"}"))
            .withRequestBody(matchesRequestSchema("POST", "/conversations/{conversation_id}/name")));
        assertThat(renamed).isEqualTo(new Conversation(CONVERSATION_ID, "iPhone Specs Chat", Map.of("city", "San Francisco"),
                "normal", "Welcome! How can I help you today?", 1705407629L, 1705411229L));
    }

    @Test
    void generatingANameAsksDifyToNameTheConversationWithoutAName() {
        wireMock.stubFor(post(urlEqualTo("/v1/conversations/" + CONVERSATION_ID + "/name"))
            .willReturn(json(200, responseExample("POST", "/conversations/{conversation_id}/name", 200, "renamedConversation"))));

        Conversation renamed = chatClient().conversations().generateName(CONVERSATION_ID).block(TIMEOUT);

        wireMock.verify(1, difyPost("/v1/conversations/" + CONVERSATION_ID + "/name")
            .withRequestBody(equalToJson("{\"auto_generate\": true, \"user\": \"" + DEFAULT_USER + "\"}"))
            .withRequestBody(matchesRequestSchema("POST", "/conversations/{conversation_id}/name")));
        assertThat(renamed).isNotNull();
        assertThat(renamed.name()).isEqualTo("iPhone Specs Chat");
    }

    @Test
    void generatingANameForAnEmptyConversationFailsWithBadRequest() {
        wireMock.stubFor(post(urlEqualTo("/v1/conversations/" + CONVERSATION_ID + "/name"))
            .willReturn(json(400, responseExample("POST", "/conversations/{conversation_id}/name", 400, "no_messages"))));

        DifyBadRequestException ex = failure(chatClient().conversations().generateName(CONVERSATION_ID),
                DifyBadRequestException.class);

        assertThat(ex.getCode()).isEqualTo("invalid_param");
    }

    @Test
    void renamingAnUnknownConversationFailsWithNotFound() {
        wireMock.stubFor(post(urlEqualTo("/v1/conversations/gone/name"))
            .willReturn(json(404, responseExample("POST", "/conversations/{conversation_id}/name", 404, "conversation_not_exists"))));

        failure(chatClient().conversations().rename("gone", "x"), DifyNotFoundException.class);
    }

    // ---- delete

    @Test
    void deleteSendsTheUserAsAJsonBodyAndCompletesOnNoContent() {
        wireMock.stubFor(delete(urlEqualTo("/v1/conversations/" + CONVERSATION_ID)).willReturn(aResponse().withStatus(204)));

        chatClient().forUser("abc-123").conversations().delete(CONVERSATION_ID).block(TIMEOUT);

        wireMock.verify(1, withApiKeyAndJson(deleteRequestedFor(urlEqualTo("/v1/conversations/" + CONVERSATION_ID)))
            .withRequestBody(equalToJson("{\"user\": \"abc-123\"}"))
            .withRequestBody(matchesRequestSchema("DELETE", "/conversations/{conversation_id}")));
    }

    @Test
    void deleteUsesTheDefaultUser() {
        wireMock.stubFor(delete(urlEqualTo("/v1/conversations/c-1")).willReturn(aResponse().withStatus(204)));

        chatClient(DifyAppType.AGENT).conversations().delete("c-1").block(TIMEOUT);

        wireMock.verify(1, deleteRequestedFor(urlEqualTo("/v1/conversations/c-1"))
            .withRequestBody(equalToJson("{\"user\": \"" + DEFAULT_USER + "\"}")));
    }

    @Test
    void deletingAnUnknownConversationFailsWithNotFound() {
        wireMock.stubFor(delete(urlEqualTo("/v1/conversations/gone"))
            .willReturn(json(404, responseExample("DELETE", "/conversations/{conversation_id}", 404, "conversation_not_exists"))));

        DifyNotFoundException ex = failure(chatClient().conversations().delete("gone"), DifyNotFoundException.class);

        assertThat(ex.getDifyMessage()).isEqualTo("Conversation Not Exists.");
    }

    @Test
    void withoutAnyUserNothingIsSent() {
        DifyChatClient client = new DifyChatClient(app(DifyAppType.CHATFLOW, null), WebClient.builder());

        assertThatIllegalArgumentException().isThrownBy(() -> client.conversations().delete("c-1").block(TIMEOUT));
        assertThatIllegalArgumentException().isThrownBy(() -> client.conversations().rename("c-1", "x").block(TIMEOUT));
        assertThatIllegalArgumentException().isThrownBy(() -> client.conversations().list(ConversationQuery.all())
            .blockFirst(TIMEOUT));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> client.conversations().updateVariable("c-1", "v-1", "x").block(TIMEOUT));
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    // ---- variables

    @Test
    void variablesPageSendsEveryParameterAndMapsTheSpecExample() {
        String path = "/v1/conversations/" + CONVERSATION_ID + "/variables";
        wireMock.stubFor(get(urlPathEqualTo(path))
            .willReturn(json(200, responseExample("GET", "/conversations/{conversation_id}/variables", 200, "conversationVariables"))));

        CursorPage<ConversationVariable> page = chatClient()
            .forUser("abc-123").conversations()
                .variablePage(new ConversationVariableQuery(CONVERSATION_ID, "v-0", 10, "user_preference")).block(TIMEOUT);

        wireMock.verify(1, difyGet(urlPathEqualTo(path)));
        assertThat(query(onlyRequest()))
            .isEqualTo(Map.of("user", "abc-123", "last_id", "v-0", "limit", "10", "variable_name", "user_preference"));
        assertThat(page).isNotNull();
        assertThat(page.hasMore()).isFalse();
        assertThat(page.data()).containsExactly(new ConversationVariable(VARIABLE_ID, "user_preference", "string",
                "dark_mode", "User preference setting", 1705407629L, 1705411229L));
    }

    @Test
    void variablesKeepValuesThatAreNotText() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations/c-1/variables")).willReturn(json(200, """
                {"limit": 20, "has_more": false, "data": [
                  {"id": "v-1", "name": "count", "value_type": "number", "value": 3, "created_at": "1705407629"},
                  {"id": "v-2", "name": "profile", "value_type": "object", "value": {"tier": "gold"}},
                  {"id": "v-3", "name": "tags", "value_type": "array[string]", "value": "[\\"a\\", \\"b\\"]"}]}
                """)));

        List<ConversationVariable> variables = chatClient().conversations()
            .variablePage(new ConversationVariableQuery("c-1", null, null, null))
            .block(TIMEOUT).data();

        assertThat(variables).extracting(ConversationVariable::value).containsExactly(3, Map.of("tier", "gold"), "[\"a\", \"b\"]");
        assertThat(variables.get(0).createdAt()).isEqualTo(1705407629L);
        assertThat(query(onlyRequest())).isEqualTo(Map.of("user", DEFAULT_USER));
    }

    @Test
    void lazyVariablesPageOnWithTheIdOfTheLastOne() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations/c-1/variables")).atPriority(5)
            .willReturn(json(200, page(true, variable("v-1"), variable("v-2")))));
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations/c-1/variables")).withQueryParam("last_id", equalTo("v-2"))
            .atPriority(1)
            .willReturn(json(200, page(false, variable("v-3")))));

        List<ConversationVariable> all = chatClient().forUser("abc-123").conversations()
            .variables(ConversationVariableQuery.of("c-1")).collectList().block(TIMEOUT);

        assertThat(all).extracting(ConversationVariable::id).containsExactly("v-1", "v-2", "v-3");
        assertThat(getRequests("/v1/conversations/c-1/variables")).extracting((request) -> query(request))
            .containsExactly(Map.of("user", "abc-123", "limit", "100"),
                    Map.of("user", "abc-123", "limit", "100", "last_id", "v-2"));
    }

    @Test
    void variablesOfAnUnknownConversationFailWithNotFound() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/conversations/gone/variables")).willReturn(
                json(404, responseExample("GET", "/conversations/{conversation_id}/variables", 404, "conversation_not_exists"))));

        failure(chatClient().conversations().variables(ConversationVariableQuery.of("gone")), DifyNotFoundException.class);
    }

    @Test
    void updateVariablePutsTheValueAndTheUserAndMapsTheSpecExample() {
        String path = "/v1/conversations/" + CONVERSATION_ID + "/variables/" + VARIABLE_ID;
        wireMock.stubFor(put(urlEqualTo(path)).willReturn(
                json(200, responseExample("PUT", "/conversations/{conversation_id}/variables/{variable_id}", 200, "updatedVariable"))));

        ConversationVariable updated = chatClient(DifyAppType.CHATFLOW)
            .forUser("abc-123").conversations().updateVariable(CONVERSATION_ID, VARIABLE_ID, "new value").block(TIMEOUT);

        wireMock.verify(1, withApiKeyAndJson(putRequestedFor(urlEqualTo(path)))
            .withRequestBody(equalToJson("{\"value\": \"new value\", \"user\": \"abc-123\"}"))
            .withRequestBody(matchesRequestSchema("PUT", "/conversations/{conversation_id}/variables/{variable_id}")));
        assertThat(updated).isEqualTo(new ConversationVariable(VARIABLE_ID, "user_preference", "string", "new value",
                "User preference setting", 1705407629L, 1705411229L));
    }

    @Test
    void updateVariableSendsStructuredValuesAsJson() {
        wireMock.stubFor(put(urlEqualTo("/v1/conversations/c-1/variables/v-1"))
            .willReturn(json(200, "{\"id\": \"v-1\", \"value_type\": \"object\", \"value\": {\"tier\": \"gold\"}}")));

        chatClient().conversations().updateVariable("c-1", "v-1", Map.of("tier", "gold")).block(TIMEOUT);

        wireMock.verify(1, putRequestedFor(urlEqualTo("/v1/conversations/c-1/variables/v-1"))
            .withRequestBody(equalToJson("{\"value\": {\"tier\": \"gold\"}, \"user\": \"" + DEFAULT_USER + "\"}")));
    }

    @Test
    void updateVariableOfTheWrongTypeFailsWithBadRequest() {
        wireMock.stubFor(put(urlEqualTo("/v1/conversations/c-1/variables/v-1")).willReturn(
                json(400, responseExample("PUT", "/conversations/{conversation_id}/variables/{variable_id}", 400, "type_mismatch"))));

        DifyBadRequestException ex = failure(chatClient().conversations().updateVariable("c-1", "v-1", 42),
                DifyBadRequestException.class);

        assertThat(ex.getDifyMessage()).startsWith("Type mismatch");
    }

    // ---- helpers

    private static String conversation(String id) {
        return """
                {"id": "%s", "name": "n", "inputs": {}, "status": "normal", "introduction": "", "created_at": 1, "updated_at": 2}
                """.formatted(id);
    }

    private static String variable(String id) {
        return "{\"id\": \"" + id + "\", \"name\": \"n\", \"value_type\": \"string\", \"value\": \"x\"}";
    }

    private static String page(boolean hasMore, String... items) {
        return "{\"limit\": 2, \"has_more\": " + hasMore + ", \"data\": [" + String.join(",", items) + "]}";
    }
}
