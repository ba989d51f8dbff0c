package io.github.difyspring.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.MultipartBodyBuilder;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.file.FileReadException;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.file.UploadedFile;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.RequestSupport;

/**
 * The files of one app's end user: uploads to reference in messages and runs, and downloads of the
 * files a message references. Get it from {@link DifyAppClient#files()}; it acts for the client's
 * end user. Non-blocking: every method returns a {@link Mono} or {@link Flux} that does nothing
 * until subscribed.
 */
public final class AppFiles {

    private final DifyTransport transport;

    private final DifyApp app;

    AppFiles(DifyTransport transport, DifyApp app) {
        this.transport = transport;
        this.app = app;
    }

    /**
     * Uploads a file ({@code POST /files/upload}), to reference it in later messages or runs with
     * {@link UploadedFile#toDifyFile(DifyFileType)}. The content is streamed, not read into memory.
     * The file belongs to the end user: only requests from the same user can use it. Which types an
     * app takes is in its {@link DifyAppClient#parameters() parameters}; Dify answers 413
     * ({@link io.github.difyspring.client.error.DifyPayloadTooLargeException}) for a file over the
     * deployment's limit and 415 for one without a content type. Should the content fail to be
     * read (a missing file, say), the upload fails with a {@link FileReadException}.
     * @param file the file
     * @return the uploaded file
     */
    public Mono<UploadedFile> upload(FileUpload file) {
        Objects.requireNonNull(file, "file");
        return Mono.defer(() -> this.transport.json(DifyCall.post("/files/upload").notIdempotent()
                .multipart(multipart(file, RequestSupport.user(this.app, null)))
                .repeatable(file.isRepeatable()), UploadedFile.class))
            .onErrorMap(AppFiles::readFailureOrSelf);
    }

    /**
     * Downloads a file ({@code GET /files/{file_id}/preview}): an uploaded file that a message of
     * this app references. The content is streamed as it arrives, never held whole; each buffer
     * must be released by the subscriber (as {@link DataBufferUtils#write} and WebFlux's response
     * writing do). Not offered by workflow apps. The end user is sent when the client has one;
     * Dify does not check it.
     * @param fileId the file
     * @return the file's content, buffer by buffer
     */
    public Flux<DataBuffer> download(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        String user = this.app.defaultUser();
        return Flux.defer(() -> this.transport.bytes(DifyCall.get("/files/{file_id}/preview")
                .pathVariable("file_id", fileId)
                .query("user", (user != null && !user.isBlank()) ? user : null)));
    }

    /**
     * Downloads a file into a local file, streaming it to disk without holding it in memory. The
     * target is opened (created or truncated) only when the content starts to arrive, so an error
     * answer leaves it untouched; should the download fail midway, the partly written target is
     * deleted.
     * @param fileId the file
     * @param target the local file to write
     * @return completes when the whole content is written
     * @see #download(String)
     */
    public Mono<Void> download(String fileId, Path target) {
        Objects.requireNonNull(target, "target");
        return download(fileId)
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

    /**
     * The multipart body of an upload: the user, then the streamed content.
     */
    static MultipartBodyBuilder multipart(FileUpload file, String user) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        // The small field first, so a server reading the parts in order has it before the content.
        body.part("user", user);
        filePart(body, file);
        return body;
    }

    /** Adds the {@code file} part every upload has: the content streamed, with its name and type. */
    static void filePart(MultipartBodyBuilder body, FileUpload file) {
        body.asyncPart("file", file.content(), DataBuffer.class).filename(file.filename()).contentType(file.contentType());
    }

    /**
     * Finds the local read failure behind a failed upload: the WebClient reports it as a failure
     * of the request, which the transport reports as a connection failure, and that would mislead.
     */
    static Throwable readFailureOrSelf(Throwable failure) {
        for (@Nullable Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileReadException readFailure) {
                return readFailure;
            }
        }
        return failure;
    }

    @Override
    public String toString() {
        return "AppFiles[" + this.app + "]";
    }
}
