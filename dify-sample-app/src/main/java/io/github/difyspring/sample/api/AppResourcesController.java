package io.github.difyspring.sample.api;

import java.security.Principal;
import java.util.Map;

import reactor.core.publisher.Mono;

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

import io.github.difyspring.client.AppFiles;
import io.github.difyspring.client.app.AppInfo;
import io.github.difyspring.client.app.FeedbackRating;
import io.github.difyspring.client.app.FeedbackRequest;
import io.github.difyspring.client.file.UploadedFile;

/**
 * The Dify endpoints every app type offers: feedback, file upload, the app's parameters and its
 * description, at Dify's paths under {@code /api/apps/{app}}, as the signed-in account.
 */
@RestController
@RequestMapping("/api/apps/{app}")
class AppResourcesController {

    private final DifyApps apps;

    private final UploadLimits uploads;

    AppResourcesController(DifyApps apps, UploadLimits uploads) {
        this.apps = apps;
        this.uploads = uploads;
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
        AppFiles files = this.apps.any(app).forUser(principal.getName()).files();
        return this.uploads.upload(request, file, files::upload)
            .map((uploaded) -> ResponseEntity.status(HttpStatus.CREATED).body(uploaded));
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
