package io.github.difyspring.test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request bodies the behaviour tests send and the reading of what comes back, written out by
 * hand as a Service API client writes them.
 */
final class Bodies {

    private Bodies() {
    }

    /** A chat or completion message: {@code inputs}, {@code query}, {@code user}; the response mode is added by the caller. */
    static Map<String, Object> message(String query, String user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", Map.of());
        body.put("query", query);
        body.put("user", user);
        return body;
    }

    /** A workflow run: {@code inputs} and {@code user}. */
    static Map<String, Object> run(Map<String, Object> inputs, String user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", inputs);
        body.put("user", user);
        return body;
    }

    static Map<String, Object> streaming(Map<String, Object> body) {
        body.put("response_mode", "streaming");
        return body;
    }

    static Map<String, Object> blocking(Map<String, Object> body) {
        body.put("response_mode", "blocking");
        return body;
    }

    /** The {@code answer} of every event of a type, in order, such as the pieces of a streamed answer. */
    static List<Object> pieces(WireClient.Stream stream, String type) {
        return stream.events().stream().filter((event) -> type.equals(event.get("event"))).map((event) -> event.get("answer")).toList();
    }

    /** Dify's error answer: the status, {@code application/json}, and {@code {"code", "message", "status"}} in that order. */
    static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> body = json(response);
        assertThat(body.keySet()).containsExactly("code", "message", "status");
        assertThat(body).containsEntry("code", code).containsEntry("message", message).containsEntry("status", status);
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        return WireClient.json(response.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
