package io.github.difyspring.test;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Requests the test server received, oldest first, narrowed down by the methods below; it is an
 * {@link Iterable}, so AssertJ's {@code assertThat(...)} takes it as it is:
 * <pre>{@code
 * assertThat(server.requests().app("support").chatMessages().fromUser("user-42").withInput("plan", "pro"))
 *     .hasSize(1);
 * }</pre>
 * Each call returns a new selection; the server's record is not changed.
 */
public final class RecordedRequests implements Iterable<RecordedRequest> {

    private final List<RecordedRequest> requests;

    RecordedRequests(List<RecordedRequest> requests) {
        this.requests = List.copyOf(requests);
    }

    /**
     * The requests that match a condition.
     * @param condition the condition
     * @return the selection
     */
    public RecordedRequests matching(Predicate<RecordedRequest> condition) {
        return new RecordedRequests(this.requests.stream().filter(condition).toList());
    }

    /**
     * The requests of one app (or of the knowledge workspace), by the name it was added with.
     * @param name the app's name
     * @return the selection
     */
    public RecordedRequests app(String name) {
        return matching((request) -> request.app().equals(name));
    }

    /**
     * The requests to one path below the Service API root, by method.
     * @param method such as {@code POST}
     * @param path such as {@code /chat-messages}
     * @return the selection
     */
    public RecordedRequests to(String method, String path) {
        return matching((request) -> request.method().equalsIgnoreCase(method) && request.path().equals(path));
    }

    /** The chat messages sent ({@code POST /chat-messages}). */
    public RecordedRequests chatMessages() {
        return to("POST", "/chat-messages");
    }

    /** The completion messages sent ({@code POST /completion-messages}). */
    public RecordedRequests completionMessages() {
        return to("POST", "/completion-messages");
    }

    /** The workflow runs started ({@code POST /workflows/run} or {@code /workflows/{id}/run}). */
    public RecordedRequests workflowRuns() {
        return matching((request) -> request.method().equals("POST") && request.path().matches("/workflows/(run|[^/]+/run)"));
    }

    /** The generations asked for: chat and completion messages and workflow runs. */
    public RecordedRequests generations() {
        return matching((request) -> request.method().equals("POST") && (request.path().equals("/chat-messages")
                || request.path().equals("/completion-messages") || request.path().matches("/workflows/(run|[^/]+/run)")));
    }

    /** The stop requests, of any app mode. */
    public RecordedRequests stops() {
        return matching((request) -> request.method().equals("POST") && request.path().endsWith("/stop"));
    }

    /**
     * The requests that name an end user.
     * @param user the user
     * @return the selection
     */
    public RecordedRequests fromUser(String user) {
        return matching((request) -> user.equals(request.user()));
    }

    /**
     * The requests whose {@code inputs} hold a value.
     * @param name the input's name
     * @param value its value; numbers and booleans compare by their text
     * @return the selection
     */
    public RecordedRequests withInput(String name, Object value) {
        return matching((request) -> request.inputs().containsKey(name)
                && Objects.equals(String.valueOf(request.inputs().get(name)), String.valueOf(value)));
    }

    /** The requests that asked for a stream. */
    public RecordedRequests streaming() {
        return matching(RecordedRequest::isStreaming);
    }

    /** The requests that asked for a blocking answer. */
    public RecordedRequests blocking() {
        return matching((request) -> "blocking".equals(request.body().get("response_mode")));
    }

    /** How many requests there are. */
    public int size() {
        return this.requests.size();
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return this.requests.isEmpty();
    }

    /** The requests, oldest first. */
    public List<RecordedRequest> list() {
        return this.requests;
    }

    /** The requests as a stream. */
    public Stream<RecordedRequest> stream() {
        return this.requests.stream();
    }

    /**
     * The only request.
     * @return it
     * @throws AssertionError naming what there is, when there is not exactly one
     */
    public RecordedRequest single() {
        if (this.requests.size() != 1) {
            throw new AssertionError("Expected exactly one request but the Dify test server has " + this.requests.size()
                    + (this.requests.isEmpty() ? "" : ": " + this.requests));
        }
        return this.requests.get(0);
    }

    /**
     * The newest request.
     * @return it
     * @throws AssertionError when there is none
     */
    public RecordedRequest last() {
        if (this.requests.isEmpty()) {
            throw new AssertionError("The Dify test server has no such request");
        }
        return this.requests.get(this.requests.size() - 1);
    }

    @Override
    public Iterator<RecordedRequest> iterator() {
        return this.requests.iterator();
    }

    @Override
    public String toString() {
        return this.requests.toString();
    }
}
