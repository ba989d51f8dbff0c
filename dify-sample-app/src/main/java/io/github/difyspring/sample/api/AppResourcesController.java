package io.github.difyspring.sample.api;

import java.security.Principal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.PayloadTooLargeException;

import io.github.difyspring.client.app.AppInfo;
import io.github.difyspring.client.app.FeedbackRating;
import io.github.difyspring.client.app.FeedbackRequest;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.file.UploadedFile;
import io.github.difyspring.sample.SampleProperties;

/**
 * The Dify endpoints every app type offers: feedback, file upload, the app's parameters and its
 * description, at Dify's paths under {@code /api/apps/{app}}, as the signed-in account.
 */
@RestController
@RequestMapping("/api/apps/{app}")
class AppResourcesController {

    /** What a multipart request may hold beside the file itself: boundaries, headers, a user field. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final DifyApps apps;

    private final long maxUploadSize;

    AppResourcesController(DifyApps apps, SampleProperties properties) {
        this.apps = apps;
        this.maxUploadSize = properties.getLimits().getMaxUploadSize().toBytes();
    }

    @PostMapping("/messages/{messageId}/feedbacks")
    Mono<Map<String, Object>> feedback(@PathVariable String app, @PathVariable String messageId,
            @RequestBody Map<String, Object> body, Principal principal) {
        String rating = DifyRequestBodies.text(body, "rating");
        FeedbackRating parsed = FeedbackRating.fromWire(rating);
        if (rating != null && parsed == null) {
            throw ApiException.invalidParam("rating must be 'like', 'dislike' or null");
        }
        FeedbackRequest feedback = new FeedbackRequest(parsed, DifyRequestBodies.text(body, "content"), principal.getName());
        return this.apps.any(app).feedback(messageId, feedback).thenReturn(DifyResponseBodies.SUCCESS);
    }

    @PostMapping(path = "/files/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<UploadedFile>> upload(@PathVariable String app, @RequestPart("file") Mono<FilePart> file,
            ServerHttpRequest request, Principal principal) {
        var client = this.apps.any(app);
        long declared = request.getHeaders().getContentLength();
        if (declared > this.maxUploadSize + MULTIPART_OVERHEAD) {
            // Refused before a byte of the body is read.
            throw fileTooLarge();
        }
        return file.flatMap((part) -> client.forUser(principal.getName()).files()
            .upload(FileUpload.of(limited(part.content()), filename(part.filename()),
                    part.headers().getContentType())))
            .onErrorMap(AppResourcesController::causedByTooLarge, (ex) -> fileTooLarge())
            .map((uploaded) -> ResponseEntity.status(HttpStatus.CREATED).body(uploaded));
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

    @GetMapping("/parameters")
    Mono<Map<String, Object>> parameters(@PathVariable String app) {
        return this.apps.any(app).parameters().map(DifyResponseBodies::parameters);
    }

    @GetMapping("/info")
    Mono<AppInfo> info(@PathVariable String app) {
        return this.apps.any(app).info();
    }
}
