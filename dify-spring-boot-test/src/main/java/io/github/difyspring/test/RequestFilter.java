package io.github.difyspring.test;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * What happens to every request before its route: its body is read and it is recorded (the key
 * masked); its key finds the app or the knowledge workspace, or Dify's 401 answers; and the app's
 * next fault is played (an HTTP error, a reset, a slow first byte) or handed to the stream.
 */
final class RequestFilter implements WebFilter {

    static final String STREAM_FAULT = RequestFilter.class.getName() + ".streamFault";

    /** Flask's own 404 page, which Dify's Service API sends for a path it has no route for. */
    private static final String NOT_FOUND_PAGE = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
            + "<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final Function<String, @Nullable ScriptedApp> apps;

    private final Function<String, @Nullable ScriptedKnowledge> workspaces;

    private final Collection<RecordedRequest> log;

    RequestFilter(Function<String, @Nullable ScriptedApp> apps, Function<String, @Nullable ScriptedKnowledge> workspaces,
            Collection<RecordedRequest> log) {
        this.apps = apps;
        this.workspaces = workspaces;
        this.log = log;
    }

    static Mono<ServerResponse> notFoundPage() {
        return ServerResponse.status(HttpStatus.NOT_FOUND).header(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").bodyValue(NOT_FOUND_PAGE);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String key = (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) ? authorization.substring(7).strip() : "";
        boolean knowledgePath = path.startsWith("/v1/datasets") || path.startsWith("/v1/workspaces");
        ScriptedApp app = knowledgePath ? null : this.apps.apply(key);
        ScriptedKnowledge workspace = knowledgePath ? this.workspaces.apply(key) : null;
        String owner = (app != null) ? app.name() : (workspace != null) ? workspace.name() : "unknown";
        return read(exchange).flatMap((body) -> {
            RecordedRequest recorded = record(owner, request, path, body);
            exchange.getAttributes().put(Wire.RECORDED, recorded);
            Mono<Void> handled;
            if (app == null && workspace == null) {
                handled = write(exchange.getResponse(), 401, "unauthorized", unauthorized(authorization), null);
            }
            else if (body.invalidJson()) {
                handled = write(exchange.getResponse(), 400, "bad_request", "Failed to decode JSON object: the body is not valid JSON", null);
            }
            else if (workspace != null) {
                exchange.getAttributes().put(Wire.KNOWLEDGE, workspace);
                handled = chain.filter(exchange);
            }
            else {
                exchange.getAttributes().put(Wire.APP, app);
                boolean streaming = recorded.isStreaming() && request.getMethod().name().equals("POST")
                        && path.matches("/v1/(chat-messages|completion-messages|workflows/run|workflows/[^/]+/run)");
                handled = play(app.takeFault(streaming), exchange, chain);
            }
            return handled.doFinally((signal) -> recorded.markAnswered());
        });
    }

    private static Mono<Void> play(@Nullable DifyFault fault, ServerWebExchange exchange, WebFilterChain chain) {
        if (fault == null) {
            return chain.filter(exchange);
        }
        return switch (fault.kind()) {
            case HTTP_ERROR -> write(exchange.getResponse(), fault.status(), fault.code(), fault.message(), fault.retryAfter());
            case SLOW_FIRST_BYTE -> Mono.delay(fault.delay()).then(chain.filter(exchange));
            // No answer at all: the reset, not a status line, ends the exchange.
            case RESET -> (fault.afterEvents() < 0) ? Mono.<Void>fromRunnable(() -> EventStreams.reset(exchange)).then(Mono.never())
                    : streamFault(fault, exchange, chain);
            default -> streamFault(fault, exchange, chain);
        };
    }

    private static Mono<Void> streamFault(DifyFault fault, ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(STREAM_FAULT, fault);
        return chain.filter(exchange);
    }

    /** Dify's 401 texts ({@code validate_and_get_api_token}). */
    private static String unauthorized(@Nullable String authorization) {
        if (authorization == null || !authorization.strip().contains(" ")) {
            return "Authorization header must be provided and start with 'Bearer'";
        }
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? "Access token is invalid" : "Authorization scheme must be 'Bearer'";
    }

    /** Dify's error answer, with Flask-RESTX's challenge on a 401 and a gateway's {@code Retry-After} when asked for. */
    private static Mono<Void> write(ServerHttpResponse response, int status, String code, String message, java.time.@Nullable Duration retryAfter) {
        response.setStatusCode(HttpStatus.valueOf(status));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (status == 401) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"api\"");
        }
        if (retryAfter != null) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        }
        byte[] body = Wire.JSON.writeValueAsBytes(Wire.obj("code", code, "message", message, "status", status));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private RecordedRequest record(String owner, ServerHttpRequest request, String path, Body body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION) ? List.of("Bearer ****") : List.copyOf(values)));
        RecordedRequest recorded = new RecordedRequest(owner, request.getMethod().name(), path.startsWith("/v1/") ? path.substring(3) : path,
                request.getQueryParams(), headers, body.bytes(), body.json(), body.parts());
        this.log.add(recorded);
        return recorded;
    }

    private static Mono<Body> read(ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type != null && MediaType.MULTIPART_FORM_DATA.includes(type)) {
            return exchange.getMultipartData().flatMapMany((parts) -> Flux.fromIterable(parts.values()).flatMapIterable((list) -> list))
                .concatMap(RequestFilter::readPart)
                .collectList()
                .map((list) -> {
                    Map<String, RecordedPart> byName = new LinkedHashMap<>();
                    list.forEach((part) -> byName.putIfAbsent(part.name(), part));
                    return new Body(new byte[0], Map.of(), byName, false);
                });
        }
        return DataBufferUtils.join(exchange.getRequest().getBody()).map(RequestFilter::bytes).defaultIfEmpty(new byte[0]).map((bytes) -> {
            try {
                return new Body(bytes, (bytes.length == 0) ? Map.of() : Wire.JSON.readValue(bytes, JSON_OBJECT), Map.of(), false);
            }
            catch (JacksonException ex) {
                return new Body(bytes, Map.of(), Map.of(), type == null || type.isCompatibleWith(MediaType.APPLICATION_JSON));
            }
        });
    }

    private static Mono<RecordedPart> readPart(Part part) {
        MediaType type = part.headers().getContentType();
        String contentType = (type != null) ? type.toString() : null;
        if (part instanceof FormFieldPart field) {
            return Mono.just(new RecordedPart(part.name(), null, contentType, field.value().getBytes(StandardCharsets.UTF_8)));
        }
        String filename = (part instanceof FilePart file) ? file.filename() : "";
        return DataBufferUtils.join(part.content()).map(RequestFilter::bytes).defaultIfEmpty(new byte[0])
            .map((bytes) -> new RecordedPart(part.name(), filename, contentType, bytes));
    }

    private static byte[] bytes(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    /** A request's body as read: its bytes, its JSON object or its multipart parts. */
    private record Body(byte[] bytes, Map<String, Object> json, Map<String, RecordedPart> parts, boolean invalidJson) {
    }
}
