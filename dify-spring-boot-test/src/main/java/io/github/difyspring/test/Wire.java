package io.github.difyspring.test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Dify's JSON answers, and what the request filter left on each request: the recorded request
 * (handlers read its body, not the request's) and the app or knowledge workspace of its key.
 */
final class Wire {

    static final String RECORDED = Wire.class.getName() + ".recorded";

    static final String APP = Wire.class.getName() + ".app";

    static final String KNOWLEDGE = Wire.class.getName() + ".knowledge";

    /** Writes JSON as Dify does: keys in insertion order, {@code null}s kept. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Wire() {
    }

    /** A JSON object from keys and values in turn, in that order; values may be {@code null}. */
    static Map<String, Object> obj(@Nullable Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    static RecordedRequest recorded(ServerRequest request) {
        return (RecordedRequest) request.attributes().get(RECORDED);
    }

    static ScriptedApp app(ServerRequest request) {
        return (ScriptedApp) request.attributes().get(APP);
    }

    static ScriptedKnowledge knowledge(ServerRequest request) {
        return (ScriptedKnowledge) request.attributes().get(KNOWLEDGE);
    }

    static Map<String, Object> body(ServerRequest request) {
        return recorded(request).body();
    }

    static Map<String, RecordedPart> parts(ServerRequest request) {
        return recorded(request).parts();
    }

    static @Nullable String text(Map<String, Object> body, String name) {
        return (body.get(name) instanceof String text) ? text : null;
    }

    static Mono<ServerResponse> ok(Object body) {
        return json(HttpStatus.OK, body);
    }

    static Mono<ServerResponse> json(HttpStatus status, Object body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(body));
    }

    /** Dify's error answer: {@code {"code", "message", "status"}}. */
    static Mono<ServerResponse> error(HttpStatus status, String code, String message) {
        return json(status, obj("code", code, "message", message, "status", status.value()));
    }

    /** Dify's answer to a request that names no end user ({@code validate_app_token}). */
    static Mono<ServerResponse> userRequired() {
        return error(HttpStatus.BAD_REQUEST, "invalid_param", "Arg user must be provided.");
    }

    /** A listing page in Dify's cursor style. */
    static Map<String, Object> page(int limit, boolean hasMore, List<?> data) {
        return obj("limit", limit, "has_more", hasMore, "data", data);
    }

    /** The {@code limit} query parameter, 1 to 100, default 20; {@code null} when out of range. */
    static @Nullable Integer limit(ServerRequest request) {
        try {
            int limit = Integer.parseInt(request.queryParam("limit").orElse("20"));
            return (limit >= 1 && limit <= 100) ? limit : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    /** A stable UUID made from a text, for ids Dify would take from its database. */
    static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
