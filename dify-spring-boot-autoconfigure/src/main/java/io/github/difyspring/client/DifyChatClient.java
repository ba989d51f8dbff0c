package io.github.difyspring.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.chat.Conversation;
import io.github.difyspring.client.chat.ConversationQuery;
import io.github.difyspring.client.chat.ConversationSort;
import io.github.difyspring.client.chat.ConversationVariable;
import io.github.difyspring.client.chat.Message;
import io.github.difyspring.client.core.CursorPage;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyJson;
import io.github.difyspring.client.internal.Paging;
import io.github.difyspring.client.internal.RequestSupport;
import io.github.difyspring.client.observation.DifyObservationConvention;

/**
 * The client of one chat, agent or chatflow app. Non-blocking: every method returns a
 * {@link Mono} or {@link Flux} that does nothing until subscribed. In a Spring MVC or plain Java
 * application call {@code block()} on the {@code Mono}, or {@code toIterable()} /
 * {@code toStream()} on the {@code Flux}.
 *
 * <p>Failures arrive as unchecked {@link io.github.difyspring.client.error.DifyException}s: HTTP error
 * answers as a {@link io.github.difyspring.client.error.DifyApiException} subclass, an {@code error}
 * event mid-stream as a {@link io.github.difyspring.client.error.DifyStreamException}.
 */
public class DifyChatClient extends DifyAppClient implements WorkflowRunOperations {

    /** Where a stream of this client is stopped. */
    private static final String STOP_PATH = "/chat-messages/{task_id}/stop";

    /** The page size of the lazy listings: Dify's maximum, for the fewest requests. */
    private static final int PAGE_SIZE = 100;

    private static final ParameterizedTypeReference<CursorPage<Message>> MESSAGE_PAGE = new ParameterizedTypeReference<>() {
    };

    private static final ParameterizedTypeReference<CursorPage<Conversation>> CONVERSATION_PAGE = new ParameterizedTypeReference<>() {
    };

    private static final ParameterizedTypeReference<CursorPage<ConversationVariable>> VARIABLE_PAGE = new ParameterizedTypeReference<>() {
    };

    private final WorkflowRuns runs = new WorkflowRuns(this.transport);

    /**
     * Creates the client of one app.
     * @param app the app, of type chat, agent or chatflow
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     */
    public DifyChatClient(DifyApp app, WebClient.Builder webClientBuilder) {
        this(app, webClientBuilder, ObservationRegistry.NOOP, null);
    }

    /**
     * Creates the client of one app whose operations are observed: one observation per call,
     * spanning the whole stream for streaming calls.
     * @param app the app, of type chat, agent or chatflow
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     * @param observationRegistry where the observations go
     * @param observationConvention names and tags them, or {@code null} for the
     * {@link io.github.difyspring.client.observation.DefaultDifyObservationConvention default}
     */
    public DifyChatClient(DifyApp app, WebClient.Builder webClientBuilder, ObservationRegistry observationRegistry,
            @Nullable DifyObservationConvention observationConvention) {
        super(app, webClientBuilder, EnumSet.of(DifyAppType.CHAT, DifyAppType.AGENT, DifyAppType.CHATFLOW), observationRegistry, observationConvention);
    }

    /**
     * Sends a message from the app's default user in a new conversation and waits for the whole
     * answer.
     * @param query the message
     * @return the answer
     */
    public Mono<ChatResponse> send(String query) {
        return send(ChatRequest.of(query));
    }

    /**
     * Sends a message and waits for the whole answer ({@code response_mode: blocking}). Agent apps
     * cannot answer in blocking mode, so for them the answer is streamed and assembled here, as
     * {@link StreamedAnswer} does: a New Agent app's closing message replaces its working text.
     * A chatflow that pauses for human input answers with {@link ChatResponse#isPaused() a pause}.
     * @param request the message
     * @return the answer
     */
    public Mono<ChatResponse> send(ChatRequest request) {
        if (app().type() == DifyAppType.AGENT) {
            return stream(request).collect(StreamedAnswer::new, StreamedAnswer::add).map(this::agentResponse);
        }
        return Mono.defer(() -> this.transport.json(messageCall(request, false), ChatResponse.class));
    }

    /**
     * The request that makes Dify generate an answer: never sent again once Dify may have received
     * it, and, as a stream, stopped on Dify's side as its user when the client abandons it.
     */
    private DifyCall messageCall(ChatRequest request, boolean streaming) {
        String user = RequestSupport.user(app(), request.user());
        DifyCall call = DifyCall.post("/chat-messages").notIdempotent()
            .json(RequestBodies.chat(request, user, streaming ? "streaming" : "blocking"))
            .traceId(request.traceId());
        return streaming ? call.stopOnCancel(STOP_PATH, user) : call;
    }

    /**
     * The blocking answer of an agent app, from its assembled stream.
     * @throws DifyDecodingException when the stream closed before {@code message_end}: the answer
     * would be incomplete
     */
    private ChatResponse agentResponse(StreamedAnswer answer) {
        if (!answer.messageEnded()) {
            throw new DifyDecodingException(app().name(), "Dify app '" + app().name() + "': the agent's answer stream on POST "
                    + "/chat-messages closed before message_end, so the answer is incomplete (" + answer.text().length()
                    + " characters received)", null, null);
        }
        return new ChatResponse("message", answer.taskId(), answer.messageId(), answer.messageId(), answer.conversationId(), null,
                answer.text(), answer.metadata(), answer.createdAt());
    }

    /**
     * Sends a message and waits for the whole answer, like {@link #send(ChatRequest)}, but gives the
     * answer's JSON exactly as Dify sent it, for relaying it with every field kept. Agent apps have
     * no blocking answer of their own (Dify only streams them): for them the answer assembled from
     * the stream is written in the shape of Dify's blocking chat answer ({@code event},
     * {@code task_id}, {@code id}, {@code message_id}, {@code conversation_id}, {@code mode},
     * {@code answer}, {@code metadata}, {@code created_at}).
     * @param request the message
     * @return Dify's JSON answer
     */
    public Mono<String> sendRaw(ChatRequest request) {
        if (app().type() == DifyAppType.AGENT) {
            return send(request).map(DifyJson::write);
        }
        return Mono.defer(() -> this.transport.json(messageCall(request, false), String.class));
    }

    /**
     * Sends a message and streams the answer as it is generated ({@code response_mode: streaming}).
     * The events arrive in the server's order: {@code message} (or {@code agent_message}) fragments,
     * agent thoughts, workflow and node events in chatflows, and {@code message_end} with usage. The
     * {@code Flux} completes when the server closes the stream; cancelling it closes the connection
     * and, unless the app's options turn it off, asks Dify to stop generating (the stop endpoint, for
     * the task and user of the stream).
     * @param request the message
     * @return the events
     */
    public Flux<DifyEvent> stream(ChatRequest request) {
        return Flux.defer(() -> this.transport.events(messageCall(request, true)));
    }

    /**
     * Streams like {@link #stream(ChatRequest)}, but passes each event on untyped, with its JSON exactly
     * as Dify sent it: for relaying a stream to a browser or another service with every field kept.
     * @param request the request
     * @return the raw events
     */
    public Flux<DifyRawEvent> streamRaw(ChatRequest request) {
        return Flux.defer(() -> this.transport.rawEvents(messageCall(request, true)));
    }

    /**
     * Stops a streaming answer that the app's default user started.
     * @param taskId the task id from any event of the stream
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId) {
        return stop(taskId, null);
    }

    /**
     * Stops a streaming answer. Only the user who started it may stop it.
     * @param taskId the task id from any event of the stream
     * @param user the user who started it, or {@code null} for the app's default user
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId, @Nullable String user) {
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.post(STOP_PATH)
                .pathVariable("task_id", taskId)
                .json(Map.of("user", RequestSupport.user(app(), user)))));
    }

    // ---- messages

    /**
     * Reads the follow-up questions Dify suggests after an answer
     * ({@code GET /messages/{message_id}/suggested}). The app must have suggested questions enabled;
     * otherwise Dify answers HTTP 400.
     * @param messageId the answer's message id
     * @param user the user of the conversation, or {@code null} for the app's default user
     * @return the questions; empty when there are none
     */
    public Mono<List<String>> suggestedQuestions(String messageId, @Nullable String user) {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/messages/{message_id}/suggested")
                .pathVariable("message_id", messageId)
                .query("user", RequestSupport.user(app(), user)), SuggestedQuestions.class))
            .map(SuggestedQuestions::questions);
    }

    /**
     * Reads one page of a conversation's history ({@code GET /messages}). Without {@code firstId}
     * the page holds the latest messages; to read further back, pass the id of the oldest message
     * of the page read before. Within a page the messages are in the order the server sends them
     * (current servers: oldest first).
     * @param conversationId the conversation
     * @param user the user of the conversation, or {@code null} for the app's default user
     * @param firstId the id of the oldest message of the previous page, or {@code null} for the latest messages
     * @param limit how many messages a page holds, 1 to 100, or {@code null} for Dify's default (20)
     * @return the page
     */
    public Mono<CursorPage<Message>> messagePage(String conversationId, @Nullable String user, @Nullable String firstId,
            @Nullable Integer limit) {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/messages")
                .query("conversation_id", conversationId)
                .query("user", RequestSupport.user(app(), user))
                .query("first_id", firstId)
                .query("limit", limit), MESSAGE_PAGE));
    }

    /**
     * Streams a conversation's whole history, <em>newest message first</em>, reading back in time
     * a page of 100 at a time and only when the messages are wanted: {@code messages(id, user).take(10)}
     * gives the ten latest messages in one request. To show them in chronological order, collect
     * and reverse them.
     * @param conversationId the conversation
     * @param user the user of the conversation, or {@code null} for the app's default user
     * @return the messages, newest first
     */
    public Flux<Message> messages(String conversationId, @Nullable String user) {
        return Paging.items(messagePage(conversationId, user, null, PAGE_SIZE), (page) -> {
            List<Message> newestFirst = newestFirst(page.data());
            String oldestId = newestFirst.isEmpty() ? null : newestFirst.get(newestFirst.size() - 1).id();
            return (page.hasMore() && oldestId != null) ? messagePage(conversationId, user, oldestId, PAGE_SIZE) : Mono.empty();
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

    // ---- conversations

    /**
     * Reads one page of an end user's conversations ({@code GET /conversations}).
     * @param query the user, the cursor, the page size and the order
     * @return the page; the next one follows the id of its last conversation
     */
    public Mono<CursorPage<Conversation>> conversationPage(ConversationQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/conversations")
                .query("user", RequestSupport.user(app(), query.user()))
                .query("last_id", query.lastId())
                .query("limit", query.limit())
                .query("sort_by", (query.sortBy() != null) ? query.sortBy().wireName() : null), CONVERSATION_PAGE));
    }

    /**
     * Streams the conversations of the app's default user, most recently active first. See
     * {@link #conversations(String)}.
     * @return the conversations
     */
    public Flux<Conversation> conversations() {
        return conversations((String) null);
    }

    /**
     * Streams an end user's conversations, most recently active first, a page of 100 at a time and
     * only when they are wanted: {@code conversations(user).take(500)} reads only the pages it needs.
     * @param user the end user, or {@code null} for the app's default user (as a {@code null}
     * literal, cast it: {@code conversations((String) null)}, or call {@link #conversations()})
     * @return the conversations
     */
    public Flux<Conversation> conversations(@Nullable String user) {
        return conversations(user, ConversationSort.UPDATED_AT_DESC);
    }

    /**
     * Streams an end user's conversations in an order, a page of 100 at a time and only when they
     * are wanted.
     * @param user the end user, or {@code null} for the app's default user
     * @param sort the order
     * @return the conversations
     */
    public Flux<Conversation> conversations(@Nullable String user, ConversationSort sort) {
        return conversations(ConversationQuery.builder().user(user).limit(PAGE_SIZE).sortBy(sort).build());
    }

    /**
     * Streams the conversations a query lists, from its cursor on, a page of the query's limit at a
     * time and only when they are wanted.
     * @param query the user, the cursor to start after, the page size and the order
     * @return the conversations
     */
    public Flux<Conversation> conversations(ConversationQuery query) {
        Objects.requireNonNull(query, "query");
        return Paging.items(conversationPage(query), (page) -> {
            String lastId = lastId(page, Conversation::id);
            return (lastId != null) ? conversationPage(query.withLastId(lastId)) : Mono.empty();
        }, CursorPage::data);
    }

    /**
     * Renames a conversation ({@code POST /conversations/{conversation_id}/name}).
     * @param conversationId the conversation
     * @param name its new name
     * @param user the user of the conversation, or {@code null} for the app's default user
     * @return the renamed conversation
     */
    public Mono<Conversation> renameConversation(String conversationId, String name, @Nullable String user) {
        Objects.requireNonNull(name, "name");
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("auto_generate", false);
            body.put("user", RequestSupport.user(app(), user));
            return rename(conversationId, body);
        });
    }

    /**
     * Lets Dify name a conversation from its messages ({@code POST /conversations/{conversation_id}/name}
     * with {@code auto_generate: true}). A conversation without messages cannot be named: Dify
     * answers HTTP 400.
     * @param conversationId the conversation
     * @param user the user of the conversation, or {@code null} for the app's default user
     * @return the renamed conversation
     */
    public Mono<Conversation> generateConversationName(String conversationId, @Nullable String user) {
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("auto_generate", true);
            body.put("user", RequestSupport.user(app(), user));
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
     * @param user the user of the conversation, or {@code null} for the app's default user
     * @return completes when Dify deleted it
     */
    public Mono<Void> deleteConversation(String conversationId, @Nullable String user) {
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.delete("/conversations/{conversation_id}")
                .pathVariable("conversation_id", conversationId)
                .json(Map.of("user", RequestSupport.user(app(), user)))));
    }

    // ---- conversation variables

    /**
     * Reads one page of the variables stored in a conversation
     * ({@code GET /conversations/{conversation_id}/variables}).
     * @param conversationId the conversation
     * @param user the user of the conversation, or {@code null} for the app's default user
     * @param lastId the id of the last variable of the previous page, or {@code null} for the first page
     * @param limit how many variables a page holds, 1 to 100, or {@code null} for Dify's default (20)
     * @param variableName only the variable with this name, or {@code null} for all
     * @return the page
     */
    public Mono<CursorPage<ConversationVariable>> conversationVariablePage(String conversationId, @Nullable String user,
            @Nullable String lastId, @Nullable Integer limit, @Nullable String variableName) {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/conversations/{conversation_id}/variables")
                .pathVariable("conversation_id", conversationId)
                .query("user", RequestSupport.user(app(), user))
                .query("last_id", lastId)
                .query("limit", limit)
                .query("variable_name", variableName), VARIABLE_PAGE));
    }

    /**
     * Streams all the variables stored in a conversation, a page of 100 at a time and only when
     * they are wanted.
     * @param conversationId the conversation
     * @param user the user of the conversation, or {@code null} for the app's default user
     * @return the variables, in the server's order
     */
    public Flux<ConversationVariable> conversationVariables(String conversationId, @Nullable String user) {
        return Paging.items(conversationVariablePage(conversationId, user, null, PAGE_SIZE, null), (page) -> {
            String lastId = lastId(page, ConversationVariable::id);
            return (lastId != null) ? conversationVariablePage(conversationId, user, lastId, PAGE_SIZE, null) : Mono.empty();
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
     * @param user the user of the conversation, or {@code null} for the app's default user
     * @return the updated variable
     */
    public Mono<ConversationVariable> updateConversationVariable(String conversationId, String variableId,
            @Nullable Object value, @Nullable String user) {
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("value", value);
            body.put("user", RequestSupport.user(app(), user));
            return this.transport.json(DifyCall.put("/conversations/{conversation_id}/variables/{variable_id}")
                    .pathVariable("conversation_id", conversationId)
                    .pathVariable("variable_id", variableId)
                    .json(body), ConversationVariable.class);
        });
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
    public WorkflowRuns workflowRuns() {
        return this.runs;
    }
}
