package io.github.difyspring.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.app.Annotation;
import io.github.difyspring.client.app.AnnotationReplyAction;
import io.github.difyspring.client.app.AnnotationReplyJob;
import io.github.difyspring.client.app.AnnotationReplySettings;
import io.github.difyspring.client.app.AppFeedback;
import io.github.difyspring.client.app.AppInfo;
import io.github.difyspring.client.app.AppMeta;
import io.github.difyspring.client.app.AppParameters;
import io.github.difyspring.client.app.AppSite;
import io.github.difyspring.client.app.EndUser;
import io.github.difyspring.client.app.FeedbackRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.file.AudioTranscript;
import io.github.difyspring.client.file.FileReadException;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.file.TextToAudioRequest;
import io.github.difyspring.client.file.UploadedFile;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.Paging;
import io.github.difyspring.client.internal.RequestSupport;
import io.github.difyspring.client.observation.DifyObservationConvention;

/**
 * What the clients of every app type share: the app they talk to and the operations Dify offers
 * to every app: files, audio, feedback, the app's own description, its end users and annotations.
 * Non-blocking: every method returns a {@link Mono} or {@link Flux} that does nothing until
 * subscribed. Where an operation names an end user, {@code null} means the app's default user; a
 * call that needs a user when there is neither fails with an {@link IllegalArgumentException}
 * signal.
 *
 * <p>Some operations are not offered by every app type, as their Javadoc says; Dify answers those
 * with an error status, raised as a {@link io.github.difyspring.client.error.DifyApiException}.
 */
public abstract class DifyAppClient {

    /** The page size of the listings that page by themselves; Dify caps annotation pages at 100. */
    private static final int LISTING_PAGE_SIZE = 100;

    private static final ParameterizedTypeReference<NumberedPage<AppFeedback>> FEEDBACK_PAGE = new ParameterizedTypeReference<>() {
    };

    private static final ParameterizedTypeReference<NumberedPage<Annotation>> ANNOTATION_PAGE = new ParameterizedTypeReference<>() {
    };

    /** The HTTP side of this client. */
    final DifyTransport transport;

    /**
     * Creates the client of one app.
     * @param app the app
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     * @param servedTypes the app types this client serves
     * @throws IllegalArgumentException when the app is of another type
     */
    protected DifyAppClient(DifyApp app, WebClient.Builder webClientBuilder, Set<DifyAppType> servedTypes) {
        this(app, webClientBuilder, servedTypes, ObservationRegistry.NOOP, null);
    }

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
    }

    /**
     * The app this client talks to.
     * @return the app
     */
    public DifyApp app() {
        return this.transport.app();
    }

    // ---- files

    /**
     * Uploads a file for the app's default user.
     * @param file the file
     * @return the uploaded file
     * @see #uploadFile(FileUpload, String)
     */
    public Mono<UploadedFile> uploadFile(FileUpload file) {
        return uploadFile(file, null);
    }

    /**
     * Uploads a file ({@code POST /files/upload}), to reference it in later messages or runs with
     * {@link UploadedFile#toDifyFile(DifyFileType)}. The content is streamed, not read into memory.
     * The file belongs to the end user: only requests from the same user can use it. Which types an
     * app takes is in its {@link #parameters() parameters}; Dify answers 413
     * ({@link io.github.difyspring.client.error.DifyPayloadTooLargeException}) for a file over the
     * deployment's limit and 415 for one without a content type. Should the content fail to be
     * read (a missing file, say), the upload fails with a {@link FileReadException}.
     * @param file the file
     * @param user the end user the file is for, or {@code null} for the app's default user
     * @return the uploaded file
     */
    public Mono<UploadedFile> uploadFile(FileUpload file, @Nullable String user) {
        Objects.requireNonNull(file, "file");
        return Mono.defer(() -> this.transport.json(DifyCall.post("/files/upload").notIdempotent()
                .multipart(multipart(file, RequestSupport.user(app(), user)))
                .repeatable(file.isRepeatable()), UploadedFile.class))
            .onErrorMap(DifyAppClient::readFailureOrSelf);
    }

    /**
     * Downloads a file as the app's default user.
     * @param fileId the file
     * @return the file's content, buffer by buffer
     * @see #downloadFile(String, String)
     */
    public Flux<DataBuffer> downloadFile(String fileId) {
        return downloadFile(fileId, null);
    }

    /**
     * Downloads a file ({@code GET /files/{file_id}/preview}): an uploaded file that a message of
     * this app references. The content is streamed as it arrives, never held whole; each buffer
     * must be released by the subscriber (as {@link DataBufferUtils#write} and WebFlux's response
     * writing do). Not offered by workflow apps.
     * @param fileId the file
     * @param user the end user, or {@code null} for the app's default user; Dify does not check it,
     * so it is left out when there is neither
     * @return the file's content, buffer by buffer
     */
    public Flux<DataBuffer> downloadFile(String fileId, @Nullable String user) {
        Objects.requireNonNull(fileId, "fileId");
        return Flux.defer(() -> this.transport.bytes(DifyCall.get("/files/{file_id}/preview")
                .pathVariable("file_id", fileId)
                .query("user", optionalUser(user))));
    }

    /**
     * Downloads a file into a local file, streaming it to disk without holding it in memory. The
     * target is opened (created or truncated) only when the content starts to arrive, so an error
     * answer leaves it untouched; should the download fail midway, the partly written target is
     * deleted.
     * @param fileId the file
     * @param user the end user, or {@code null} for the app's default user
     * @param target the local file to write
     * @return completes when the whole content is written
     * @see #downloadFile(String, String)
     */
    public Mono<Void> downloadFile(String fileId, @Nullable String user, Path target) {
        Objects.requireNonNull(target, "target");
        return downloadFile(fileId, user)
            .switchOnFirst((first, content) -> first.isOnError() ? content.then() : write(content, target))
            .then();
    }

    private static Mono<Void> write(Flux<DataBuffer> content, Path target) {
        return DataBufferUtils.write(content, target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)
            .onErrorResume((failure) -> Mono.fromCallable(() -> Files.deleteIfExists(target))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(IOException.class, (deleteFailure) -> {
                    failure.addSuppressed(deleteFailure);
                    return Mono.empty();
                })
                .then(Mono.error(failure)));
    }

    // ---- audio

    /**
     * Transcribes an audio file as the app's default user.
     * @param audio the audio file
     * @return the text
     * @see #audioToText(FileUpload, String)
     */
    public Mono<AudioTranscript> audioToText(FileUpload audio) {
        return audioToText(audio, null);
    }

    /**
     * Transcribes an audio file with the app's speech-to-text model ({@code POST /audio-to-text}).
     * The content is streamed, not read into memory. Dify takes {@code audio/mp3}, {@code audio/mp4},
     * {@code audio/mpeg}, {@code audio/mpga}, {@code audio/m4a}, {@code audio/wav},
     * {@code audio/webm} and {@code audio/amr} up to 30 MB, and answers 400 when speech-to-text is
     * off for the app. Should the content fail to be read, the call fails with a
     * {@link FileReadException}.
     * @param audio the audio file
     * @param user the end user, or {@code null} for the app's default user
     * @return the text
     */
    public Mono<AudioTranscript> audioToText(FileUpload audio, @Nullable String user) {
        Objects.requireNonNull(audio, "audio");
        return Mono.defer(() -> this.transport.json(DifyCall.post("/audio-to-text").notIdempotent()
                .multipart(multipart(audio, RequestSupport.user(app(), user)))
                .repeatable(audio.isRepeatable()), AudioTranscript.class))
            .onErrorMap(DifyAppClient::readFailureOrSelf);
    }

    /**
     * Speaks a text as the app's default user, in the app's voice.
     * @param text the text
     * @return the audio, buffer by buffer
     * @see #textToAudio(TextToAudioRequest)
     */
    public Flux<DataBuffer> textToAudio(String text) {
        return textToAudio(TextToAudioRequest.ofText(text));
    }

    /**
     * Turns a text, or the answer of a message, into speech with the app's text-to-speech model
     * ({@code POST /text-to-audio}). The audio (typically {@code audio/mpeg}) is streamed as the
     * server produces it; each buffer must be released by the subscriber, as
     * {@link DataBufferUtils#write} and WebFlux's response writing do. Dify answers 400 when
     * text-to-speech is off for the app.
     * @param request what to speak
     * @return the audio, buffer by buffer
     */
    public Flux<DataBuffer> textToAudio(TextToAudioRequest request) {
        Objects.requireNonNull(request, "request");
        return Flux.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            if (request.messageId() != null) {
                body.put("message_id", request.messageId());
            }
            if (request.text() != null) {
                body.put("text", request.text());
            }
            body.put("user", RequestSupport.user(app(), request.user()));
            if (request.voice() != null) {
                body.put("voice", request.voice());
            }
            return this.transport.bytes(DifyCall.post("/text-to-audio").notIdempotent().json(body));
        });
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
            body.put("user", RequestSupport.user(app(), feedback.user()));
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
     * @param page the page number, from 1
     * @param limit the page size, from 1 to 101
     * @return the page
     */
    public Mono<NumberedPage<AppFeedback>> feedbackPage(int page, int limit) {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/app/feedbacks")
                .query("page", page)
                .query("limit", limit), FEEDBACK_PAGE));
    }

    /**
     * All the feedback given on the app's messages. Pages are fetched as the items
     * are consumed, so {@code take(n)} reads only the pages it needs.
     * @return the feedback
     * @see #feedbackPage(int, int)
     */
    public Flux<AppFeedback> feedbacks() {
        return Paging.numberedPages(1, LISTING_PAGE_SIZE, (number) -> feedbackPage(number, LISTING_PAGE_SIZE));
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

    // ---- annotations

    /**
     * One page of the app's annotations ({@code GET /apps/annotations}). Offered by chat, agent and
     * chatflow apps.
     * @param page the page number, from 1
     * @param limit the page size; Dify caps it at 100
     * @param keyword only annotations whose question or answer contains it, or {@code null} for all
     * @return the page
     */
    public Mono<NumberedPage<Annotation>> annotationPage(int page, int limit, @Nullable String keyword) {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/apps/annotations")
                .query("page", page)
                .query("limit", limit)
                .query("keyword", (keyword != null && !keyword.isBlank()) ? keyword : null), ANNOTATION_PAGE)
            );
    }

    /**
     * All the app's annotations. Pages are fetched as the items are consumed, so {@code take(n)}
     * reads only the pages it needs.
     * @return the annotations
     * @see #annotationPage(int, int, String)
     */
    public Flux<Annotation> annotations() {
        return annotations(null);
    }

    /**
     * All the app's annotations that contain a keyword. Pages are fetched as the items are consumed,
     * so {@code take(n)} reads only the pages it needs.
     * @param keyword only annotations whose question or answer contains it, or {@code null} for all
     * @return the annotations
     * @see #annotationPage(int, int, String)
     */
    public Flux<Annotation> annotations(@Nullable String keyword) {
        return Paging.numberedPages(1, LISTING_PAGE_SIZE, (number) -> annotationPage(number, LISTING_PAGE_SIZE, keyword));
    }

    /**
     * Creates an annotation ({@code POST /apps/annotations}).
     * @param question the question
     * @param answer the answer to give to it
     * @return the annotation
     */
    public Mono<Annotation> createAnnotation(String question, String answer) {
        Map<String, Object> body = annotationBody(question, answer);
        return Mono.defer(() -> this.transport.json(DifyCall.post("/apps/annotations").notIdempotent().json(body), Annotation.class));
    }

    /**
     * Changes an annotation's question and answer ({@code PUT /apps/annotations/{annotation_id}}).
     * @param annotationId the annotation
     * @param question the new question
     * @param answer the new answer
     * @return the annotation
     */
    public Mono<Annotation> updateAnnotation(String annotationId, String question, String answer) {
        Objects.requireNonNull(annotationId, "annotationId");
        Map<String, Object> body = annotationBody(question, answer);
        return Mono.defer(() -> this.transport.json(DifyCall.put("/apps/annotations/{annotation_id}")
                .pathVariable("annotation_id", annotationId)
                .json(body), Annotation.class));
    }

    private static Map<String, Object> annotationBody(String question, String answer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", Objects.requireNonNull(question, "question"));
        body.put("answer", Objects.requireNonNull(answer, "answer"));
        return body;
    }

    /**
     * Deletes an annotation and its hit history ({@code DELETE /apps/annotations/{annotation_id}}).
     * @param annotationId the annotation
     * @return completes when Dify deleted it
     */
    public Mono<Void> deleteAnnotation(String annotationId) {
        Objects.requireNonNull(annotationId, "annotationId");
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.delete("/apps/annotations/{annotation_id}")
                .pathVariable("annotation_id", annotationId)));
    }

    /**
     * Starts turning annotation reply on ({@code POST /apps/annotation-reply/enable}). Dify does it in
     * the background; follow it with {@link #annotationReplyStatus(AnnotationReplyAction, String)}.
     * @param settings the embedding model and score threshold
     * @return the job
     */
    public Mono<AnnotationReplyJob> enableAnnotationReply(AnnotationReplySettings settings) {
        return annotationReply(AnnotationReplyAction.ENABLE, settings);
    }

    /**
     * Starts turning annotation reply off ({@code POST /apps/annotation-reply/disable}). Dify does it
     * in the background; follow it with {@link #annotationReplyStatus(AnnotationReplyAction, String)}.
     * @param settings the embedding model and score threshold, which Dify requires here too
     * @return the job
     */
    public Mono<AnnotationReplyJob> disableAnnotationReply(AnnotationReplySettings settings) {
        return annotationReply(AnnotationReplyAction.DISABLE, settings);
    }

    private Mono<AnnotationReplyJob> annotationReply(AnnotationReplyAction action, AnnotationReplySettings settings) {
        Objects.requireNonNull(settings, "settings");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("embedding_provider_name", settings.embeddingProviderName());
        body.put("embedding_model_name", settings.embeddingModelName());
        body.put("score_threshold", settings.scoreThreshold());
        return Mono.defer(() -> this.transport.json(DifyCall.post("/apps/annotation-reply/{action}")
                .pathVariable("action", action.wireName())
                .json(body), AnnotationReplyJob.class));
    }

    /**
     * The status of a job that turns annotation reply on or off
     * ({@code GET /apps/annotation-reply/{action}/status/{job_id}}).
     * @param action what the job does, as it was started
     * @param jobId the job
     * @return the job with its status
     */
    public Mono<AnnotationReplyJob> annotationReplyStatus(AnnotationReplyAction action, String jobId) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(jobId, "jobId");
        return Mono.defer(() -> this.transport.json(DifyCall.get("/apps/annotation-reply/{action}/status/{job_id}")
                .pathVariable("action", action.wireName())
                .pathVariable("job_id", jobId), AnnotationReplyJob.class));
    }

    // ---- support

    private static MultipartBodyBuilder multipart(FileUpload file, String user) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        // The small field first, so a server reading the parts in order has it before the content.
        body.part("user", user);
        body.asyncPart("file", file.content(), DataBuffer.class)
            .filename(file.filename())
            .contentType(file.contentType());
        return body;
    }

    /**
     * Finds the local read failure behind a failed upload: the WebClient reports it as a failure
     * of the request, which the transport reports as a connection failure, and that would mislead.
     */
    private static Throwable readFailureOrSelf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileReadException readFailure) {
                return readFailure;
            }
        }
        return failure;
    }

    private @Nullable String optionalUser(@Nullable String user) {
        if (user != null && !user.isBlank()) {
            return user;
        }
        String defaultUser = app().defaultUser();
        return (defaultUser != null && !defaultUser.isBlank()) ? defaultUser : null;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + app() + "]";
    }
}
