package io.github.difyspring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A request the test server received, for assertions: which app sent it (found by its key),
 * the method, path, query, headers, user and body. The key itself is never kept: the
 * {@code Authorization} header reads {@code Bearer ****}, and {@link #toString()} shows the app's
 * name instead.
 */
public final class RecordedRequest {

    private final String app;

    private final String method;

    private final String path;

    private final Map<String, List<String>> queryParams;

    private final Map<String, List<String>> headers;

    private final byte[] body;

    private final Map<String, Object> json;

    private final Map<String, RecordedPart> parts;

    private final CountDownLatch answered = new CountDownLatch(1);

    RecordedRequest(String app, String method, String path, Map<String, List<String>> queryParams, Map<String, List<String>> headers,
            byte[] body, Map<String, Object> json, Map<String, RecordedPart> parts) {
        this.app = app;
        this.method = method;
        this.path = path;
        this.queryParams = Collections.unmodifiableMap(new LinkedHashMap<>(queryParams));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
        this.json = Collections.unmodifiableMap(json);
        this.parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /**
     * The name of the app (or knowledge workspace) whose key the request carried.
     * @return the name given when the app was added, or {@code "unknown"} for a key the server does not know
     */
    public String app() {
        return this.app;
    }

    /** The HTTP method, such as {@code POST}. */
    public String method() {
        return this.method;
    }

    /**
     * The path below the Service API root.
     * @return such as {@code /chat-messages}
     */
    public String path() {
        return this.path;
    }

    /** Every query parameter, by name. */
    public Map<String, List<String>> queryParams() {
        return this.queryParams;
    }

    /**
     * A query parameter's first value.
     * @param name the parameter
     * @return its value, or {@code null}
     */
    public @Nullable String queryParam(String name) {
        List<String> values = this.queryParams.get(name);
        return (values == null || values.isEmpty()) ? null : values.get(0);
    }

    /** The headers, with lower-case names; {@code authorization} is masked. */
    public Map<String, List<String>> headers() {
        return this.headers;
    }

    /**
     * A header's first value.
     * @param name the header, in any case
     * @return its value, or {@code null}
     */
    public @Nullable String header(String name) {
        List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return (values == null || values.isEmpty()) ? null : values.get(0);
    }

    /** The body as text; empty when there was none or it was multipart. */
    public String bodyText() {
        return new String(this.body, StandardCharsets.UTF_8);
    }

    /** The JSON body as maps and lists; empty when the body was not a JSON object. */
    public Map<String, Object> body() {
        return this.json;
    }

    /** The multipart parts by field name; empty when the request was not multipart. */
    public Map<String, RecordedPart> parts() {
        return this.parts;
    }

    /**
     * The end user the request names, wherever Dify reads it: the JSON body, the query string or a
     * multipart field.
     * @return the user, or {@code null} when it names none
     */
    public @Nullable String user() {
        if (this.json.get("user") instanceof String user) {
            return user;
        }
        String fromQuery = queryParam("user");
        if (fromQuery != null) {
            return fromQuery;
        }
        RecordedPart part = this.parts.get("user");
        return (part != null) ? part.text() : null;
    }

    /** The {@code inputs} of a message or run; empty when it sent none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> inputs() {
        return (this.json.get("inputs") instanceof Map<?, ?> inputs) ? (Map<String, Object>) inputs : Map.of();
    }

    /**
     * The {@code query} of a chat or completion message: what the user asked.
     * @return the query, or {@code null}
     */
    public @Nullable String query() {
        return (this.json.get("query") instanceof String query) ? query : null;
    }

    /**
     * The conversation a chat message continues.
     * @return its id, or {@code null} when the message starts a new conversation
     */
    public @Nullable String conversationId() {
        return (this.json.get("conversation_id") instanceof String id && !id.isBlank()) ? id : null;
    }

    /** Whether the request asked for a stream ({@code "response_mode": "streaming"}). */
    public boolean isStreaming() {
        return "streaming".equals(this.json.get("response_mode"));
    }

    /**
     * Waits until the server has finished its answer to this request: sent its last byte, or lost
     * the connection, as when a client cancels a stream.
     * @param timeout how long to wait
     * @return {@code true} when the answer ended within the wait
     */
    public boolean awaitAnswered(Duration timeout) {
        try {
            return this.answered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the answer has ended, by its last byte or a lost connection. */
    public boolean isAnswered() {
        return this.answered.getCount() == 0;
    }

    void markAnswered() {
        this.answered.countDown();
    }

    @Override
    public String toString() {
        String content = !this.parts.isEmpty() ? this.parts.values().toString() : bodyText();
        return this.app + ": " + this.method + " " + this.path + (this.queryParams.isEmpty() ? "" : " " + this.queryParams)
                + (content.isEmpty() ? "" : " " + content);
    }
}
