package io.github.difyspring.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.github.difyspring.test.AppMemory.StoredFile;

/**
 * Every app's Service API: what the app says about itself, file uploads and previews, and the
 * routes of {@link GenerationRoutes} and {@link ConversationRoutes}. Shapes follow Dify 1.14.2's
 * {@code api/controllers/service_api/app/app.py}, {@code site.py}, {@code file.py},
 * {@code file_preview.py} and {@code api/fields/file_fields.py}.
 */
final class AppRoutes {

    /** Dify's default upload limit for documents. */
    private static final long MAX_FILE_SIZE = 15L * 1024 * 1024;

    /** The types whose preview says {@code Accept-Ranges: bytes} ({@code file_preview.py}). */
    private static final Set<String> SEEKABLE = Set.of("audio/mpeg", "audio/wav", "audio/mp4", "audio/ogg", "audio/flac", "audio/aac",
            "video/mp4", "video/webm", "video/quicktime", "audio/x-m4a");

    private final AppMemory memory;

    private final EventStreams streams;

    AppRoutes(AppMemory memory, EventStreams streams) {
        this.memory = memory;
        this.streams = streams;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
            .GET("/v1/info", (request) -> Wire.ok(Wire.app(request).info()))
            .GET("/v1/parameters", (request) -> Wire.ok(Wire.app(request).parameters()))
            .GET("/v1/meta", (request) -> Wire.ok(Map.of("tool_icons", Map.of())))
            .GET("/v1/site", (request) -> Wire.ok(site(Wire.app(request))))
            .POST("/v1/files/upload", this::upload)
            .GET("/v1/files/{file_id}/preview", this::preview)
            .build()
            .and(new GenerationRoutes(this.memory, this.streams).routes())
            .and(new ConversationRoutes(this.memory).routes());
    }

    static Map<String, Object> defaultInfo(String name, DifyAppMode mode) {
        return Wire.obj("name", name, "description", "", "tags", List.of(), "mode", mode.wireName(), "author_name", "Dify test server");
    }

    static Map<String, Object> defaultParameters(DifyAppMode mode) {
        return Wire.obj("opening_statement", "", "suggested_questions", List.of(),
                "suggested_questions_after_answer", Map.of("enabled", mode.isChat()), "speech_to_text", Map.of("enabled", false),
                "text_to_speech", Map.of("enabled", false), "retriever_resource", Map.of("enabled", false),
                "annotation_reply", Map.of("enabled", false), "more_like_this", Map.of("enabled", false),
                "sensitive_word_avoidance", Map.of("enabled", false), "user_input_form", List.of(),
                "file_upload", Map.of("image", Wire.obj("enabled", false, "number_limits", 3, "transfer_methods", List.of("remote_url", "local_file"))),
                "system_parameters", Wire.obj("file_size_limit", 15, "image_file_size_limit", 10, "audio_file_size_limit", 50,
                        "video_file_size_limit", 100, "workflow_file_upload_limit", 10));
    }

    /**
     * The first required input of the app's {@code user_input_form} that the inputs lack or leave
     * blank, as Dify's {@code BaseAppGenerator._validate_inputs} finds it.
     */
    static @Nullable String missingInput(Map<String, Object> parameters, Map<String, Object> inputs) {
        List<?> form = (parameters.get("user_input_form") instanceof List<?> list) ? list : List.of();
        for (Object field : form) {
            if (field instanceof Map<?, ?> wrapper && !wrapper.isEmpty() && wrapper.values().iterator().next() instanceof Map<?, ?> settings
                    && Boolean.TRUE.equals(settings.get("required"))) {
                Object value = inputs.get(String.valueOf(settings.get("variable")));
                if (value == null || value.toString().isBlank()) {
                    return String.valueOf(settings.get("variable"));
                }
            }
        }
        return null;
    }

    private static Map<String, Object> site(ScriptedApp app) {
        return Wire.obj("title", app.info().getOrDefault("name", app.name()), "chat_color_theme", null, "chat_color_theme_inverted", false,
                "icon_type", "emoji", "icon", "\uD83E\uDD16", "icon_background", "#FFEAD5", "description", app.info().getOrDefault("description", ""),
                "copyright", null, "privacy_policy", null, "custom_disclaimer", "", "default_language", "en-US", "show_workflow_steps", true,
                "use_icon_as_answer_icon", false, "icon_url", null);
    }

    private Mono<ServerResponse> upload(ServerRequest request) {
        RecordedRequest recorded = Wire.recorded(request);
        RecordedPart file = recorded.parts().get("file");
        if (file == null || !file.isFile()) {
            return Wire.error(HttpStatus.BAD_REQUEST, "no_file_uploaded", "Please upload your file.");
        }
        if (recorded.parts().values().stream().filter(RecordedPart::isFile).count() > 1) {
            return Wire.error(HttpStatus.BAD_REQUEST, "too_many_files", "Only one file is allowed.");
        }
        if (file.filename().isBlank()) {
            return Wire.error(HttpStatus.BAD_REQUEST, "filename_not_exists_error", "The specified filename does not exist.");
        }
        if (file.contentType() == null) {
            return Wire.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_file_type", "File type not allowed.");
        }
        if (file.content().length > MAX_FILE_SIZE) {
            return Wire.error(HttpStatus.PAYLOAD_TOO_LARGE, "file_too_large", "File size exceeded. 15 MB is the limit.");
        }
        String user = (recorded.user() != null) ? recorded.user() : "";
        StoredFile stored = this.memory.storeFile(Wire.app(request).apiKey(), user, file);
        int dot = stored.name().lastIndexOf('.');
        return Wire.json(HttpStatus.CREATED, Wire.obj("id", stored.id(), "reference", null, "name", stored.name(), "size", stored.content().length,
                "extension", (dot >= 0) ? stored.name().substring(dot + 1).toLowerCase(Locale.ROOT) : "", "mime_type", stored.mimeType(),
                "created_by", Wire.uuid(user), "created_at", stored.createdAt(), "preview_url", null,
                "source_url", request.uri().resolve("/files/" + stored.id() + "/file-preview").toString(), "original_url", null, "user_id", null,
                "tenant_id", Wire.uuid("tenant"), "conversation_id", null, "file_key", null));
    }

    /** A file's bytes, once a message or run has used it, as Dify checks ({@code _validate_file_ownership}). */
    private Mono<ServerResponse> preview(ServerRequest request) {
        String id = request.pathVariable("file_id");
        try {
            UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            return RequestFilter.notFoundPage();
        }
        StoredFile file = this.memory.file(id);
        if (!this.memory.isInMessage(id) || file == null) {
            return Wire.error(HttpStatus.NOT_FOUND, "file_not_found", "File not found in message context");
        }
        if (!file.appKey().equals(Wire.app(request).apiKey())) {
            return Wire.error(HttpStatus.FORBIDDEN, "file_access_denied", "File access denied: not owned by requesting app");
        }
        // HTML is always sent as a download (controllers/common/file_response.py enforce_download_for_html).
        String type = file.mimeType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        boolean html = type.equals("text/html") || type.equals("application/xhtml+xml") || file.name().toLowerCase(Locale.ROOT).matches(".*\\.html?");
        boolean attachment = html || "true".equalsIgnoreCase(request.queryParam("as_attachment").orElse("false"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(attachment ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(file.mimeType()));
        headers.setContentLength(file.content().length);
        headers.setCacheControl("public, max-age=3600");
        if (SEEKABLE.contains(type)) {
            headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        }
        if (html) {
            headers.set("X-Content-Type-Options", "nosniff");
        }
        if (attachment) {
            headers.set(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename*=UTF-8''" + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return ServerResponse.ok().headers((target) -> target.addAll(headers)).bodyValue(file.content());
    }
}
