package io.github.difyspring.sample.api;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.PayloadTooLargeException;

import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.sample.SampleProperties;

/**
 * Turns a browser's file part into a {@link FileUpload} streamed on to Dify, within
 * {@code sample.limits.max-upload-size}: a body that declares more is refused before a byte is read,
 * one that grows past it fails as it does, and either way the answer is a 413 {@code file_too_large}.
 */
@Component
class UploadLimits {

    /** What a multipart request may hold beside the file itself: boundaries, headers, a user field. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final long maxUploadSize;

    UploadLimits(SampleProperties properties) {
        this.maxUploadSize = properties.getLimits().getMaxUploadSize().toBytes();
    }

    /**
     * Streams a file part on to Dify through {@code send}, within the limit.
     * @param <T> Dify's answer
     * @param request the multipart request, for the length it declares
     * @param file the file part
     * @param send sends the upload to Dify
     * @return Dify's answer; a 413 {@link ApiException} when the file is too large
     */
    <T> Mono<T> upload(ServerHttpRequest request, Mono<FilePart> file, Function<FileUpload, Mono<T>> send) {
        if (request.getHeaders().getContentLength() > this.maxUploadSize + MULTIPART_OVERHEAD) {
            // Refused before a byte of the body is read.
            throw fileTooLarge();
        }
        return file.flatMap((part) -> send.apply(FileUpload.of(limited(part.content()), filename(part.filename()),
                    part.headers().getContentType())))
            .onErrorMap(UploadLimits::causedByTooLarge, (ex) -> fileTooLarge());
    }

    /** The content, failing once it grows past the limit (for bodies that did not declare their length). */
    private Flux<DataBuffer> limited(Flux<DataBuffer> content) {
        AtomicLong seen = new AtomicLong();
        return content.handle((buffer, sink) -> {
            if (seen.addAndGet(buffer.readableByteCount()) > this.maxUploadSize) {
                DataBufferUtils.release(buffer);
                sink.error(fileTooLarge());
            }
            else {
                sink.next(buffer);
            }
        });
    }

    /** Whether the upload failed on a size limit: ours, or the multipart reader's disk limit per part. */
    private static boolean causedByTooLarge(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if ((cause instanceof ApiException api && api.getStatus() == HttpStatus.PAYLOAD_TOO_LARGE)
                    || cause instanceof DataBufferLimitException || cause instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private ApiException fileTooLarge() {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "file_too_large",
                "The file is larger than " + this.maxUploadSize / (1024 * 1024) + " MB");
    }

    private static String filename(@Nullable String filename) {
        String name = (filename != null) ? filename : "";
        // Some browsers send the whole client-side path.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (name.isBlank()) {
            throw ApiException.invalidParam("the file needs a name");
        }
        return name;
    }
}
