package io.github.difyspring.client.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * One request to the Service API, described before it is sent: method, path template and its
 * variables, query parameters, and a JSON or multipart body. Not meant to be used directly.
 */
public final class DifyCall {

    private final HttpMethod method;

    private final String path;

    private static final MultiValueMap<String, String> NO_QUERY = CollectionUtils.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());

    /** Made when the first variable is set: most calls have none. */
    private @Nullable Map<String, Object> pathVariables;

    /** Made when the first parameter is added: most calls have none. */
    private @Nullable MultiValueMap<String, String> query;

    private @Nullable Object jsonBody;

    private @Nullable MultipartBodyBuilder multipartBody;

    private @Nullable String traceId;

    private @Nullable String stopPath;

    private @Nullable String stopUser;

    private boolean repeatable = true;

    private boolean idempotent = true;

    private boolean rawUsageMetered;

    private DifyCall(HttpMethod method, String path) {
        this.method = method;
        this.path = path;
    }

    /**
     * A GET request.
     * @param path the path template under the base URL, such as {@code /messages/{message_id}/suggested}
     * @return the call
     */
    public static DifyCall get(String path) {
        return new DifyCall(HttpMethod.GET, path);
    }

    /**
     * A POST request.
     * @param path the path template under the base URL
     * @return the call
     */
    public static DifyCall post(String path) {
        return new DifyCall(HttpMethod.POST, path);
    }

    /**
     * A PUT request.
     * @param path the path template under the base URL
     * @return the call
     */
    public static DifyCall put(String path) {
        return new DifyCall(HttpMethod.PUT, path);
    }

    /**
     * A PATCH request.
     * @param path the path template under the base URL
     * @return the call
     */
    public static DifyCall patch(String path) {
        return new DifyCall(HttpMethod.PATCH, path);
    }

    /**
     * A DELETE request.
     * @param path the path template under the base URL
     * @return the call
     */
    public static DifyCall delete(String path) {
        return new DifyCall(HttpMethod.DELETE, path);
    }

    /**
     * Sets a variable of the path template; the value is encoded.
     * @param name the variable name
     * @param value its value
     * @return this call
     */
    public DifyCall pathVariable(String name, Object value) {
        if (this.pathVariables == null) {
            this.pathVariables = new LinkedHashMap<>();
        }
        this.pathVariables.put(name, value);
        return this;
    }

    /**
     * Adds a query parameter, unless the value is {@code null}.
     * @param name the parameter name
     * @param value its value, or {@code null} to leave it out
     * @return this call
     */
    public DifyCall query(String name, @Nullable Object value) {
        if (value != null) {
            if (this.query == null) {
                this.query = new LinkedMultiValueMap<>();
            }
            this.query.add(name, String.valueOf(value));
        }
        return this;
    }

    /**
     * Sets a JSON body.
     * @param body the body, serialized by the WebClient's JSON encoder
     * @return this call
     */
    public DifyCall json(Object body) {
        this.jsonBody = body;
        return this;
    }

    /**
     * Sets a multipart body.
     * @param body the parts
     * @return this call
     */
    public DifyCall multipart(MultipartBodyBuilder body) {
        this.multipartBody = body;
        return this;
    }

    /**
     * Sets the {@code X-Trace-Id} header.
     * @param traceId the trace id, or {@code null} for none
     * @return this call
     */
    public DifyCall traceId(@Nullable String traceId) {
        this.traceId = traceId;
        return this;
    }

    /**
     * Makes cancelling this call's stream stop the task on Dify's side too, when the client's
     * options allow it: the stop request goes to {@code stopPath} with the first task id the stream
     * delivered, as {@code user}.
     * @param stopPath the stop endpoint's path template with a {@code {task_id}} variable, such as
     * {@code /chat-messages/{task_id}/stop}
     * @param user the end user who started the stream, who alone may stop it
     * @return this call
     */
    public DifyCall stopOnCancel(String stopPath, String user) {
        this.stopPath = stopPath;
        this.stopUser = user;
        return this;
    }

    /**
     * Marks whether the body can be sent again. A body read from a one-shot source (an input
     * stream, a publisher) cannot, so such a call is never retried.
     * @param repeatable whether the body can be sent more than once
     * @return this call
     */
    public DifyCall repeatable(boolean repeatable) {
        this.repeatable = repeatable;
        return this;
    }

    /**
     * Marks a request that Dify must not receive twice: it starts paid work (a generation, a
     * resumed run, a speech or transcription model call) or creates a record. It is then retried
     * only when Dify cannot have received it (see {@link io.github.difyspring.client.core.DifyRetryOptions}).
     * @return this call
     */
    public DifyCall notIdempotent() {
        this.idempotent = false;
        return this;
    }

    /**
     * Asks that the usage in a raw answer (a blocking answer's JSON, a raw stream's
     * {@code message_end} or {@code workflow_finished}) be read for the token and price meters. A
     * raw answer is otherwise passed on without being decoded at all.
     * @param metered whether to read the usage
     * @return this call
     */
    public DifyCall rawUsageMetered(boolean metered) {
        this.rawUsageMetered = metered;
        return this;
    }

    HttpMethod method() {
        return this.method;
    }

    String path() {
        return this.path;
    }

    Map<String, Object> pathVariables() {
        return (this.pathVariables != null) ? this.pathVariables : Map.of();
    }

    MultiValueMap<String, String> query() {
        return (this.query != null) ? this.query : NO_QUERY;
    }

    @Nullable Object jsonBody() {
        return this.jsonBody;
    }

    @Nullable MultipartBodyBuilder multipartBody() {
        return this.multipartBody;
    }

    @Nullable String traceId() {
        return this.traceId;
    }

    @Nullable String stopPath() {
        return this.stopPath;
    }

    @Nullable String stopUser() {
        return this.stopUser;
    }

    boolean isRepeatable() {
        return this.repeatable;
    }

    boolean isIdempotent() {
        return this.idempotent;
    }

    boolean isRawUsageMetered() {
        return this.rawUsageMetered;
    }

    /**
     * Names the operation in messages: method and path template, never values.
     * @return such as {@code POST /chat-messages/{task_id}/stop}
     */
    String operation() {
        return this.method.name() + " " + this.path;
    }

    @Override
    public String toString() {
        return operation();
    }
}
