package io.github.difyspring.client;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyJson;
import io.github.difyspring.client.observation.DifyObservationConvention;

/**
 * The client of one chat, agent or chatflow app. Non-blocking: every method returns a
 * {@link Mono} or {@link Flux} that does nothing until subscribed. In a Spring MVC or plain Java
 * application call {@code block()} on the {@code Mono}, or {@code toIterable()} /
 * {@code toStream()} on the {@code Flux}.
 *
 * <p>Its variants are views: {@link #raw()} gives Dify's JSON as sent, {@link #forUser(String)}
 * acts for another end user, {@link #conversations()} holds the conversation history and
 * {@link #workflowRuns()} a chatflow's runs.
 *
 * <p>Failures arrive as unchecked {@link io.github.difyspring.client.error.DifyException}s: HTTP error
 * answers as a {@link io.github.difyspring.client.error.DifyApiException} subclass, an {@code error}
 * event mid-stream as a {@link io.github.difyspring.client.error.DifyStreamException}.
 */
public class DifyChatClient extends DifyAppClient implements WorkflowRunOperations {

    /** Where a stream of this client is stopped. */
    private static final String STOP_PATH = "/chat-messages/{task_id}/stop";

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

    private DifyChatClient(DifyChatClient client, String user) {
        super(client, user);
    }

    @Override
    public DifyChatClient forUser(String user) {
        return new DifyChatClient(this, user);
    }

    /**
     * Sends a message and waits for the whole answer ({@code response_mode: blocking}). Agent apps
     * cannot answer in blocking mode, so for them the answer is streamed and assembled here, as
     * {@link StreamedAnswer} does: a New Agent app's closing message replaces its working text.
     * A chatflow that pauses for human input answers with {@link ChatResponse#isPaused() a pause}.
     * @param request the message; {@link ChatRequest#of(String)} for a first message
     * @return the answer
     */
    public Mono<ChatResponse> send(ChatRequest request) {
        if (app().type() == DifyAppType.AGENT) {
            return stream(request).collect(StreamedAnswer::new, StreamedAnswer::add).map(this::agentResponse);
        }
        return Mono.defer(() -> this.transport.json(messageCall(request, false), ChatResponse.class));
    }

    /** The request that makes Dify generate an answer. */
    private DifyCall messageCall(ChatRequest request, boolean streaming) {
        String user = user(request.user());
        return generation(DifyCall.post("/chat-messages").json(RequestBodies.chat(request, user, responseMode(streaming)))
            .traceId(request.traceId()), STOP_PATH, user, streaming);
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
     * Stops a streaming answer ({@code POST /chat-messages/{task_id}/stop}). Only the user who
     * started it may stop it: this client's end user.
     * @param taskId the task id from any event of the stream
     * @return completes when Dify accepted the stop
     */
    public Mono<Void> stop(String taskId) {
        return stopTask(STOP_PATH, taskId);
    }

    /**
     * Reads the follow-up questions Dify suggests after an answer
     * ({@code GET /messages/{message_id}/suggested}), for this client's end user. The app must have
     * suggested questions enabled; otherwise Dify answers HTTP 400.
     * @param messageId the answer's message id
     * @return the questions; empty when there are none
     */
    public Mono<List<String>> suggestedQuestions(String messageId) {
        Objects.requireNonNull(messageId, "messageId");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/messages/{message_id}/suggested")
                .pathVariable("message_id", messageId)
                .query("user", user(null)), SuggestedQuestions.class))
            .map(SuggestedQuestions::questions);
    }

    /**
     * The end user's conversations, their messages and their variables.
     * @return the conversations view
     */
    public ChatConversations conversations() {
        return new ChatConversations(this.transport, app());
    }

    /**
     * The runs of a chatflow app: run detail, logs, resuming a stream, human-input forms. Other
     * chat apps answer these with HTTP 400.
     * @return the workflow-runs view
     */
    @Override
    public WorkflowRuns workflowRuns() {
        return new WorkflowRuns(this.transport, app());
    }

    /**
     * This client with answers as Dify sent them: JSON text and untyped events, for relaying them
     * to a browser or another service with every field kept.
     * @return the raw view
     */
    public Raw raw() {
        return new Raw(this, false);
    }

    /**
     * The calls of a {@link DifyChatClient} that give Dify's answers as sent. Get it from
     * {@link DifyChatClient#raw()}.
     */
    public static final class Raw extends RawAnswers<ChatRequest> {

        private final DifyChatClient client;

        private Raw(DifyChatClient client, boolean usageMetered) {
            super(client.transport, client::messageCall, usageMetered);
            this.client = client;
        }

        /**
         * This view, with the usage Dify reports (in a blocking answer, or in a stream's
         * {@code message_end} or {@code workflow_finished}) read for the token and price meters.
         * Without it a raw answer is passed on without being decoded at all, and its tokens are not
         * counted.
         * @return the metered raw view
         */
        public Raw withUsageMetrics() {
            return new Raw(this.client, true);
        }

        /**
         * Sends a message and waits for the whole answer, like {@link DifyChatClient#send(ChatRequest)},
         * but gives the answer's JSON exactly as Dify sent it. Agent apps have no blocking answer of
         * their own (Dify only streams them): for them the answer assembled from the stream is
         * written in the shape of Dify's blocking chat answer ({@code event}, {@code task_id},
         * {@code id}, {@code message_id}, {@code conversation_id}, {@code mode}, {@code answer},
         * {@code metadata}, {@code created_at}).
         * @param request the message
         * @return Dify's JSON answer
         */
        public Mono<String> send(ChatRequest request) {
            if (this.client.app().type() == DifyAppType.AGENT) {
                return this.client.send(request).map(DifyJson::write);
            }
            return answer(request);
        }

        /**
         * Streams like {@link DifyChatClient#stream(ChatRequest)}, but passes each event on untyped,
         * with its JSON exactly as Dify sent it; cancelling it stops Dify's generation all the same.
         * @param request the message
         * @return the raw events
         */
        public Flux<DifyRawEvent> stream(ChatRequest request) {
            return events(request);
        }
    }
}
