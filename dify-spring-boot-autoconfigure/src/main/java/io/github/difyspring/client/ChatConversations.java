package io.github.difyspring.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;

import io.github.difyspring.client.chat.Conversation;
import io.github.difyspring.client.chat.ConversationQuery;
import io.github.difyspring.client.chat.ConversationVariable;
import io.github.difyspring.client.chat.ConversationVariableQuery;
import io.github.difyspring.client.chat.Message;
import io.github.difyspring.client.chat.MessageQuery;
import io.github.difyspring.client.core.CursorPage;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.Paging;
import io.github.difyspring.client.internal.RequestSupport;

/**
 * One end user's conversations with a chat, agent or chatflow app: the conversations, their
 * messages and their variables. Get it from {@link DifyChatClient#conversations()}; it acts for the
 * client's end user ({@code chat.forUser(user).conversations()}). Each listing comes as a page
 * ({@code ...Page}) and as a lazy {@link Flux} that fetches the next page only when its items are
 * wanted. Non-blocking: every method returns a {@link Mono} or {@link Flux} that does nothing until
 * subscribed.
 */
public final class ChatConversations {

    /** The page size of the lazy listings when their query names none: Dify's maximum. */
    private static final int PAGE_SIZE = 100;

    private static final ParameterizedTypeReference<CursorPage<Message>> MESSAGE_PAGE = new ParameterizedTypeReference<>() {
    };

    private static final ParameterizedTypeReference<CursorPage<Conversation>> CONVERSATION_PAGE = new ParameterizedTypeReference<>() {
    };

    private static final ParameterizedTypeReference<CursorPage<ConversationVariable>> VARIABLE_PAGE = new ParameterizedTypeReference<>() {
    };

    private final DifyTransport transport;

    private final DifyApp app;

    ChatConversations(DifyTransport transport, DifyApp app) {
        this.transport = transport;
        this.app = app;
    }

    /**
     * Reads one page of the end user's conversations ({@code GET /conversations}).
     * @param query the cursor, the page size and the order
     * @return the page; the next one follows the id of its last conversation
     */
    public Mono<CursorPage<Conversation>> page(ConversationQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/conversations")
                .query("user", user())
                .query("last_id", query.lastId())
                .query("limit", query.limit())
                .query("sort_by", (query.sortBy() != null) ? query.sortBy().wireName() : null), CONVERSATION_PAGE));
    }

    /**
     * Streams the end user's conversations from the query's cursor on:
     * {@code list(ConversationQuery.all()).take(500)} reads only the pages it needs.
     * @param query the cursor, the page size (100 when it names none) and the order (most recently
     * active first when it names none)
     * @return the conversations
     */
    public Flux<Conversation> list(ConversationQuery query) {
        Objects.requireNonNull(query, "query");
        ConversationQuery sized = (query.limit() != null) ? query : query.withLimit(PAGE_SIZE);
        return Paging.items(page(sized), (page) -> {
            String lastId = lastId(page, Conversation::id);
            return (lastId != null) ? page(sized.withLastId(lastId)) : Mono.empty();
        }, CursorPage::data);
    }

    /**
     * Renames a conversation ({@code POST /conversations/{conversation_id}/name}).
     * @param conversationId the conversation
     * @param name its new name
     * @return the renamed conversation
     */
    public Mono<Conversation> rename(String conversationId, String name) {
        Objects.requireNonNull(name, "name");
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("auto_generate", false);
            body.put("user", user());
            return rename(conversationId, body);
        });
    }

    /**
     * Lets Dify name a conversation from its messages ({@code POST /conversations/{conversation_id}/name}
     * with {@code auto_generate: true}). A conversation without messages cannot be named: Dify
     * answers HTTP 400.
     * @param conversationId the conversation
     * @return the renamed conversation
     */
    public Mono<Conversation> generateName(String conversationId) {
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("auto_generate", true);
            body.put("user", user());
            return rename(conversationId, body);
        });
    }

    private Mono<Conversation> rename(String conversationId, Map<String, Object> body) {
        return this.transport.json(DifyCall.post("/conversations/{conversation_id}/name")
                .pathVariable("conversation_id", conversationId)
                .json(body), Conversation.class);
    }

    /**
     * Deletes a conversation ({@code DELETE /conversations/{conversation_id}}).
     * @param conversationId the conversation
     * @return completes when Dify deleted it
     */
    public Mono<Void> delete(String conversationId) {
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.delete("/conversations/{conversation_id}")
                .pathVariable("conversation_id", conversationId)
                .json(Map.of("user", user()))));
    }

    // ---- messages

    /**
     * Reads one page of a conversation's history ({@code GET /messages}). Without a
     * {@code firstId} the page holds the latest messages; to read further back, pass the id of the
     * oldest message of the page read before. Within a page the messages are in the order the
     * server sends them (current servers: oldest first).
     * @param query the conversation, the cursor and the page size
     * @return the page
     */
    public Mono<CursorPage<Message>> messagePage(MessageQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/messages")
                .query("conversation_id", query.conversationId())
                .query("user", user())
                .query("first_id", query.firstId())
                .query("limit", query.limit()), MESSAGE_PAGE));
    }

    /**
     * Streams a conversation's history, <em>newest message first</em>, reading back in time a page
     * at a time and only when the messages are wanted: {@code messages(MessageQuery.of(id)).take(10)}
     * gives the ten latest messages in one request. To show them in chronological order, collect
     * and reverse them.
     * @param query the conversation, where to start (the latest messages when it names no
     * {@code firstId}) and the page size (100 when it names none)
     * @return the messages, newest first
     */
    public Flux<Message> messages(MessageQuery query) {
        Objects.requireNonNull(query, "query");
        MessageQuery sized = (query.limit() != null) ? query : query.withLimit(PAGE_SIZE);
        return Paging.items(messagePage(sized), (page) -> {
            List<Message> newestFirst = newestFirst(page.data());
            String oldestId = newestFirst.isEmpty() ? null : newestFirst.get(newestFirst.size() - 1).id();
            return (page.hasMore() && oldestId != null) ? messagePage(sized.withFirstId(oldestId)) : Mono.empty();
        }, (page) -> newestFirst(page.data()));
    }

    /**
     * The messages of a page, newest first. Dify's server sends a page oldest first although its
     * documentation says newest first; the timestamps tell which, and equal ones mean the server's
     * order.
     */
    private static List<Message> newestFirst(List<Message> page) {
        if (page.size() < 2) {
            return page;
        }
        Long first = page.get(0).createdAt();
        Long last = page.get(page.size() - 1).createdAt();
        if (first != null && last != null && first > last) {
            return page;
        }
        List<Message> reversed = new ArrayList<>(page);
        Collections.reverse(reversed);
        return reversed;
    }

    // ---- conversation variables

    /**
     * Reads one page of the variables stored in a conversation
     * ({@code GET /conversations/{conversation_id}/variables}).
     * @param query the conversation, the cursor, the page size and the variable's name
     * @return the page
     */
    public Mono<CursorPage<ConversationVariable>> variablePage(ConversationVariableQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/conversations/{conversation_id}/variables")
                .pathVariable("conversation_id", query.conversationId())
                .query("user", user())
                .query("last_id", query.lastId())
                .query("limit", query.limit())
                .query("variable_name", query.variableName()), VARIABLE_PAGE));
    }

    /**
     * Streams the variables stored in a conversation from the query's cursor on, a page at a time
     * and only when they are wanted.
     * @param query the conversation, the cursor, the page size (100 when it names none) and the
     * variable's name
     * @return the variables, in the server's order
     */
    public Flux<ConversationVariable> variables(ConversationVariableQuery query) {
        Objects.requireNonNull(query, "query");
        ConversationVariableQuery sized = (query.limit() != null) ? query : query.withLimit(PAGE_SIZE);
        return Paging.items(variablePage(sized), (page) -> {
            String lastId = lastId(page, ConversationVariable::id);
            return (lastId != null) ? variablePage(sized.withLastId(lastId)) : Mono.empty();
        }, CursorPage::data);
    }

    /**
     * Sets the value of a conversation variable
     * ({@code PUT /conversations/{conversation_id}/variables/{variable_id}}). The value must fit
     * the variable's type; otherwise Dify answers HTTP 400.
     * @param conversationId the conversation
     * @param variableId the variable
     * @param value the new value: a {@code String}, {@code Number}, {@code Boolean}, {@code Map} or
     * {@code List} as the variable's type requires
     * @return the updated variable
     */
    public Mono<ConversationVariable> updateVariable(String conversationId, String variableId, @Nullable Object value) {
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("value", value);
            body.put("user", user());
            return this.transport.json(DifyCall.put("/conversations/{conversation_id}/variables/{variable_id}")
                    .pathVariable("conversation_id", conversationId)
                    .pathVariable("variable_id", variableId)
                    .json(body), ConversationVariable.class);
        });
    }

    private String user() {
        return RequestSupport.user(this.app, null);
    }

    /**
     * The cursor to the page after this one, or {@code null} when there is none. An empty page, or
     * one whose last item has no id, ends the listing even if it claims more: asking again with the
     * same cursor would loop.
     */
    private static <T> @Nullable String lastId(CursorPage<T> page, Function<T, String> id) {
        if (!page.hasMore() || page.data().isEmpty()) {
            return null;
        }
        return id.apply(page.data().get(page.data().size() - 1));
    }

    @Override
    public String toString() {
        return "ChatConversations[" + this.app + "]";
    }
}
