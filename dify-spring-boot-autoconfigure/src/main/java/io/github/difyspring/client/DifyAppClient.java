package io.github.difyspring.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.app.AppFeedback;
import io.github.difyspring.client.app.AppInfo;
import io.github.difyspring.client.app.AppMeta;
import io.github.difyspring.client.app.AppParameters;
import io.github.difyspring.client.app.AppSite;
import io.github.difyspring.client.app.EndUser;
import io.github.difyspring.client.app.FeedbackQuery;
import io.github.difyspring.client.app.FeedbackRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.file.UploadedFile;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.Paging;
import io.github.difyspring.client.internal.RequestSupport;
import io.github.difyspring.client.observation.DifyObservationConvention;

/**
 * What the clients of every app type share: the app they talk to and the operations Dify offers
 * to every app: the app's own description, feedback and end users, and, as views of their own, its
 * {@link #files() files}, {@link #audio() audio} and {@link #annotations() annotations}.
 * Non-blocking: every method returns a {@link Mono} or {@link Flux} that does nothing until
 * subscribed.
 *
 * <p>A client acts for one end user: the app's default user ({@code dify.apps.<name>.user}), or the
 * one given to {@link #forUser(String)}, which returns a view of the same client for another user
 * (cheap: it shares the connection and the settings). A request record that names a user of its own
 * wins. A call that needs a user when there is none fails with an {@link IllegalArgumentException}
 * signal.
 *
 * <p>Some operations are not offered by every app type, as their Javadoc says; Dify answers those
 * with an error status, raised as a {@link io.github.difyspring.client.error.DifyApiException}.
 */
public abstract class DifyAppClient {

    /** The page size of the listings that page by themselves, when their query names none. */
    private static final int LISTING_PAGE_SIZE = 100;

    private static final ParameterizedTypeReference<NumberedPage<AppFeedback>> FEEDBACK_PAGE = new ParameterizedTypeReference<>() {
    };

    /** The HTTP side of this client, shared by its views. */
    final DifyTransport transport;

    private final DifyApp app;

    /**
     * Creates the client of one app whose operations are observed.
     * @param app the app
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     * @param servedTypes the app types this client serves
     * @param observationRegistry where the observations of its operations go
     * @param observationConvention names and tags them, or {@code null} for the default
     * @throws IllegalArgumentException when the app is of another type
     */
    protected DifyAppClient(DifyApp app, WebClient.Builder webClientBuilder, Set<DifyAppType> servedTypes,
            ObservationRegistry observationRegistry, @Nullable DifyObservationConvention observationConvention) {
        if (!servedTypes.contains(app.type())) {
            throw new IllegalArgumentException("Dify app '" + app.name() + "' is a " + app.type() + " app; "
                    + getClass().getSimpleName() + " serves " + servedTypes + " apps");
        }
        this.transport = new DifyTransport(app, webClientBuilder, observationRegistry, observationConvention);
        this.app = app;
    }

    /**
     * Creates a view of another client that acts for another end user.
     * @param client the client
     * @param user the end user
     * @throws IllegalArgumentException when the user is blank
     */
    protected DifyAppClient(DifyAppClient client, String user) {
        this.transport = client.transport;
        this.app = client.app.withDefaultUser(user);
    }

    /**
     * The app this client talks to; its {@link DifyApp#defaultUser() default user} is the end user
     * this client acts for.
     * @return the app
     */
    public DifyApp app() {
        return this.app;
    }

    /**
     * A view of this client that acts for an end user: every call that names no user of its own is
     * made for this one. The view shares this client's connection pool, settings and observations.
     * @param user the end user's id, as your application knows it
     * @return the view
     * @throws IllegalArgumentException when the user is blank
     */
    public abstract DifyAppClient forUser(String user);

    /**
     * The end user's files: uploads and downloads.
     * @return the files view
     */
    public AppFiles files() {
        return new AppFiles(this.transport, this.app);
    }

    /**
     * The app's speech-to-text and text-to-speech.
     * @return the audio view
     */
    public AppAudio audio() {
        return new AppAudio(this.transport, this.app);
    }

    /**
     * The app's annotations and annotation reply. Offered by chat, agent and chatflow apps.
     * @return the annotations view
     */
    public AppAnnotations annotations() {
        return new AppAnnotations(this.transport);
    }

    /**
     * Picks the end user of a request: the one it names, else this client's.
     * @throws IllegalArgumentException when there is neither
     */
    final String user(@Nullable String requested) {
        return RequestSupport.user(this.app, requested);
    }

    /**
     * Makes a request one that makes Dify generate: never sent again once Dify may have received
     * it, and, as a stream, stopped on Dify's side as its user when the client abandons it.
     * @param call the request, with its body
     * @param stopPath the app type's stop path
     * @param user the end user the request names
     * @param streaming whether it asks for a stream
     * @return the request
     */
    static DifyCall generation(DifyCall call, String stopPath, String user, boolean streaming) {
        call.notIdempotent();
        return streaming ? call.stopOnCancel(stopPath, user) : call;
    }

    /** Dify's {@code response_mode}. */
    static String responseMode(boolean streaming) {
        return streaming ? "streaming" : "blocking";
    }

    /**
     * Stops a task of this client's end user: {@code POST} to the app type's stop path.
     */
    final Mono<Void> stopTask(String stopPath, String taskId) {
        Objects.requireNonNull(taskId, "taskId");
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.post(stopPath)
                .pathVariable("task_id", taskId)
                .json(Map.of("user", user(null)))));
    }

    // ---- feedback

    /**
     * Rates a message, or withdraws its rating ({@code POST /messages/{message_id}/feedbacks}).
     * Feedback is scoped to the end user who received the message. Not offered by workflow apps.
     * @param messageId the message
     * @param feedback the rating, comment and user
     * @return completes when Dify recorded the feedback
     */
    public Mono<Void> feedback(String messageId, FeedbackRequest feedback) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(feedback, "feedback");
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            // Always sent: a null rating is what withdraws the feedback.
            body.put("rating", (feedback.rating() != null) ? feedback.rating().wireName() : null);
            body.put("user", user(feedback.user()));
            if (feedback.content() != null) {
                body.put("content", feedback.content());
            }
            return this.transport.discardingAnswer(DifyCall.post("/messages/{message_id}/feedbacks")
                .pathVariable("message_id", messageId)
                .json(body));
        });
    }

    /**
     * One page of the feedback given on the app's messages, by end users and in the console
     * ({@code GET /app/feedbacks}). Dify sends no {@code has_more} for this listing: a page shorter
     * than the limit is the last. Not offered by workflow apps.
     * @param query the page and its size
     * @return the page
     */
    public Mono<NumberedPage<AppFeedback>> feedbackPage(FeedbackQuery query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/app/feedbacks")
                .query("page", query.page())
                .query("limit", query.limit()), FEEDBACK_PAGE));
    }

    /**
     * The feedback given on the app's messages, from the query's page on. Pages are fetched as the
     * items are consumed, so {@code take(n)} reads only the pages it needs.
     * @param query the first page and the page size (100 when it names none);
     * {@link FeedbackQuery#all()} for all
     * @return the feedback
     */
    public Flux<AppFeedback> feedbacks(FeedbackQuery query) {
        Objects.requireNonNull(query, "query");
        FeedbackQuery sized = (query.limit() != null) ? query : query.withLimit(LISTING_PAGE_SIZE);
        return Paging.numberedPages(sized.page(), sized.limit(), (number) -> feedbackPage(sized.withPage(number)));
    }

    // ---- the app

    /**
     * The app's name, description, tags, mode and author ({@code GET /info}).
     * @return the app's information
     */
    public Mono<AppInfo> info() {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/info"), AppInfo.class));
    }

    /**
     * The app's front-end configuration ({@code GET /parameters}): its opening statement and
     * suggested questions, which features are on, the inputs it takes and the upload limits.
     * @return the parameters
     */
    public Mono<AppParameters> parameters() {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/parameters"), AppParameters.class));
    }

    /**
     * The icons of the tools the app uses ({@code GET /meta}).
     * @return the metadata
     */
    public Mono<AppMeta> meta() {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/meta"), AppMeta.class));
    }

    /**
     * The branding and display settings of the app's hosted WebApp ({@code GET /site}). Dify answers
     * 403 when the app has no site.
     * @return the settings
     */
    public Mono<AppSite> site() {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/site"), AppSite.class));
    }

    /**
     * An end user as Dify records it ({@code GET /end-users/{end_user_id}}), such as the
     * {@link UploadedFile#createdBy() uploader} of a file.
     * @param endUserId Dify's id of the end user (not the {@code user} your requests send)
     * @return the end user
     */
    public Mono<EndUser> endUser(String endUserId) {
        Objects.requireNonNull(endUserId, "endUserId");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/end-users/{end_user_id}")
                .pathVariable("end_user_id", endUserId), EndUser.class));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + this.app + "]";
    }
}
