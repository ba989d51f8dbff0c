package io.github.difyspring.client.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Dify stand-in that opens a stream and holds it open until the client goes away, noting when
 * that happens, and answers stop requests (after an optional delay, with an optional status).
 */
final class HeldStreamServer implements AutoCloseable {

    /** What the stream sends before holding still. */
    enum Opening {

        /** Nothing at all: not even the status line. */
        NOTHING,

        /** The headers and keep-alive pings, but no event. */
        PINGS,

        /** The headers and one event with task id {@code t1}. */
        ONE_EVENT
    }

    static final String EVENT = "{\"event\":\"message\",\"task_id\":\"t1\",\"message_id\":\"m1\",\"conversation_id\":\"c1\",\"answer\":\"Hel\"}";

    private final List<String> stopRequests = new CopyOnWriteArrayList<>();

    private final List<String> streamRequests = new CopyOnWriteArrayList<>();

    private final CompletableFuture<Long> clientClosedAt = new CompletableFuture<>();

    private final RawHttpServer server;

    HeldStreamServer(Opening opening) throws IOException {
        this(opening, 200, 0);
    }

    HeldStreamServer(Opening opening, int stopStatus, long stopDelayMillis) throws IOException {
        this(opening, stopStatus, stopDelayMillis, null);
    }

    /**
     * A server that sends one event, then the given text, and closes the connection.
     * @param afterFirstEvent the text to send after the first event, as it goes on the wire
     */
    HeldStreamServer(String afterFirstEvent) throws IOException {
        this(Opening.ONE_EVENT, 200, 0, afterFirstEvent);
    }

    private HeldStreamServer(Opening opening, int stopStatus, long stopDelayMillis, String afterFirstEvent) throws IOException {
        this.server = new RawHttpServer((socket, request) -> {
            OutputStream out = socket.getOutputStream();
            if (request.contains("/stop HTTP/1.1")) {
                this.stopRequests.add(request);
                Thread.sleep(stopDelayMillis);
                String body = "{\"result\":\"success\"}";
                RawHttpServer.write(out, "HTTP/1.1 " + stopStatus + " X\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body);
                return;
            }
            this.streamRequests.add(request);
            if (opening != Opening.NOTHING) {
                RawHttpServer.writeStreamHead(out);
                RawHttpServer.write(out, (opening == Opening.ONE_EVENT) ? "data: " + EVENT + "\n\n" : "event: ping\n\n");
            }
            if (afterFirstEvent != null) {
                RawHttpServer.write(out, afterFirstEvent);
                out.close();
                this.clientClosedAt.complete(System.nanoTime());
                return;
            }
            holdUntilClientLeaves(socket.getInputStream());
        });
    }

    private void holdUntilClientLeaves(InputStream in) {
        try {
            while (in.read() != -1) {
                // the client sends nothing more on a stream: anything read is ignored
            }
        }
        catch (IOException ex) {
            // a reset: the client left too
        }
        this.clientClosedAt.complete(System.nanoTime());
    }

    String baseUrl() {
        return this.server.baseUrl();
    }

    List<String> stopRequests() {
        return this.stopRequests;
    }

    List<String> streamRequests() {
        return this.streamRequests;
    }

    /**
     * When the client closed the stream's connection.
     * @return {@link System#nanoTime()} then
     */
    long clientClosedAt() throws Exception {
        return this.clientClosedAt.get(10, TimeUnit.SECONDS);
    }

    boolean clientClosed() {
        return this.clientClosedAt.isDone();
    }

    @Override
    public void close() throws IOException {
        this.server.close();
    }
}
