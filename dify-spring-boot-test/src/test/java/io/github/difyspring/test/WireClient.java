package io.github.difyspring.test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a test server the way a client that shares none of its code does: the JDK's
 * {@link HttpClient}, JSON read with a plain mapper, and a stream read line by line. An instance
 * sends with one app's key to one server; what needs neither is static.
 */
final class WireClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    private final String apiKey;

    WireClient(DifyTestServer server, String apiKey) {
        this.baseUrl = server.baseUrl();
        this.apiKey = apiKey;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, Map<String, ?> body) {
        return send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    HttpResponse<String> delete(String path, Map<String, ?> body) {
        return send(request(path).header("Content-Type", "application/json")
            .method("DELETE", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
    }

    /** Posts a JSON body and reads the whole stream: its frames as sent, pings included. */
    Stream stream(String path, Map<String, ?> body) {
        return stream(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
    }

    Stream streamGet(String path) {
        return stream(request(path).GET().build());
    }

    /** Sends a GET and keeps the body as bytes, such as a file preview. */
    HttpResponse<byte[]> getBytes(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Posts a {@code multipart/form-data} body, as a browser form does: plain fields, then the file
     * as the part {@code file}, if there is one.
     */
    HttpResponse<String> upload(String path, Map<String, String> fields, @Nullable Upload file) {
        String boundary = "----wire-client-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n"));
        if (file != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.filename() + "\"\r\n"
                    + "Content-Type: " + file.contentType() + "\r\n\r\n");
            body.writeBytes(file.content());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Posts a JSON body and opens its stream without reading it: the frames are read in the
     * background as they come, for a test to take one at a time, to wait for, or to cancel.
     */
    OpenStream open(String path, Map<String, ?> body) {
        return OpenStream.open(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
    }

    /** Opens a GET stream, read as {@link #open(String, Map)} reads it. */
    OpenStream openGet(String path) {
        return OpenStream.open(request(path).GET().build());
    }

    /**
     * Posts a JSON body over a plain socket (HTTP/1.1, {@code Connection: close}) and reads the raw
     * answer, status line and chunk sizes included, until the server closes the connection or the
     * read fails, as on a reset.
     */
    RawAnswer postRaw(String path, Map<String, ?> body) {
        URI uri = URI.create(this.baseUrl + path);
        byte[] json = JSON.writeValueAsBytes(body);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(20_000);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Bearer " + this.apiKey + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(json);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
            }
            catch (IOException ex) {
                return new RawAnswer(received.toString(StandardCharsets.UTF_8), ex);
            }
            return new RawAnswer(received.toString(StandardCharsets.UTF_8), null);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).header("Authorization", "Bearer " + this.apiKey)
            .timeout(Duration.ofSeconds(20));
    }

    static HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler) {
        try {
            return CLIENT.send(request, bodyHandler);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static Stream stream(HttpRequest request) {
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            List<String> frames = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                StringBuilder frame = new StringBuilder();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty()) {
                        frames.add(frame.toString());
                        frame.setLength(0);
                    }
                    else {
                        frame.append(line);
                    }
                }
            }
            return new Stream(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), frames);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads a JSON object.
     * @param json the JSON
     * @return its fields
     */
    static Map<String, Object> json(String json) {
        return JSON.readValue(json, new TypeReference<>() {
        });
    }

    /**
     * Whether something listens on a loopback port.
     * @param port the port
     * @return true when a connection is accepted
     */
    static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** A stream as received: each frame's line ({@code data: ...} or {@code event: ping}). */
    record Stream(int status, String contentType, List<String> frames) {

        /** The events' JSON objects, pings left out. */
        List<Map<String, Object>> events() {
            return this.frames.stream().filter((frame) -> frame.startsWith("data: ")).map((frame) -> json(frame.substring(6))).toList();
        }

        List<String> types() {
            return events().stream().map((event) -> (String) event.get("event")).toList();
        }

        /** The first event of a type. */
        Map<String, Object> first(String type) {
            return events().stream().filter((event) -> type.equals(event.get("event"))).findFirst()
                .orElseThrow(() -> new AssertionError("No " + type + " event in " + types()));
        }

        /** The text of the answer: the pieces of every event of the type, joined. */
        String text(String type, String field) {
            StringBuilder text = new StringBuilder();
            for (Map<String, Object> event : events()) {
                if (type.equals(event.get("event"))) {
                    Object value = (event.get("data") instanceof Map<?, ?> data) ? data.get(field) : event.get(field);
                    text.append(value);
                }
            }
            return text.toString();
        }
    }

    /**
     * An answer read from a plain socket.
     * @param text everything received, as text
     * @param failure what ended the read, or {@code null} when the server closed the connection
     */
    record RawAnswer(String text, @Nullable IOException failure) {

        /** The {@code data: } lines received. */
        List<String> dataLines() {
            return this.text.lines().filter((line) -> line.startsWith("data: ")).toList();
        }
    }

    /** A file to upload: its name, its content type and its bytes. */
    record Upload(String filename, String contentType, byte[] content) {
    }

    /**
     * A stream being received: a background thread reads it char by char and hands over each
     * frame ({@code data: ...} or {@code event: ping}) as soon as its blank line arrives. It ends at
     * the end of the body, or with the failure that ended it (a reset connection, a body cut short).
     */
    static final class OpenStream implements AutoCloseable {

        private static final String END = "<end of stream>";

        private final HttpResponse<InputStream> response;

        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        private final List<String> received = new CopyOnWriteArrayList<>();

        private final AtomicLong charsRead = new AtomicLong();

        private volatile @Nullable IOException failure;

        private volatile boolean ended;

        private OpenStream(HttpResponse<InputStream> response) {
            this.response = response;
            Thread reader = new Thread(this::read, "wire-client-stream");
            reader.setDaemon(true);
            reader.start();
        }

        static OpenStream open(HttpRequest request) {
            return new OpenStream(send(request, HttpResponse.BodyHandlers.ofInputStream()));
        }

        private void read() {
            try (Reader reader = new InputStreamReader(this.response.body(), StandardCharsets.UTF_8)) {
                StringBuilder frame = new StringBuilder();
                StringBuilder line = new StringBuilder();
                for (int c = reader.read(); c != -1; c = reader.read()) {
                    this.charsRead.incrementAndGet();
                    if (c != '\n') {
                        line.append((char) c);
                        continue;
                    }
                    if (line.isEmpty()) {
                        this.received.add(frame.toString());
                        this.queue.add(frame.toString());
                        frame.setLength(0);
                    }
                    else {
                        frame.append(line);
                    }
                    line.setLength(0);
                }
            }
            catch (IOException ex) {
                this.failure = ex;
            }
            finally {
                this.ended = true;
                this.queue.add(END);
            }
        }

        int status() {
            return this.response.statusCode();
        }

        HttpHeaders headers() {
            return this.response.headers();
        }

        /**
         * The next frame, pings included.
         * @return the frame, or {@code null} when none came within the wait or the stream has ended
         */
        @Nullable String nextFrame(Duration timeout) {
            try {
                String frame = this.queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (END.equals(frame)) {
                    this.queue.add(END);
                    return null;
                }
                return frame;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        /** The next event, pings skipped; fails when none comes within ten seconds. */
        Map<String, Object> nextEvent() {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                String frame = nextFrame(Duration.ofNanos(deadline - System.nanoTime()));
                if (frame == null) {
                    break;
                }
                if (frame.startsWith("data: ")) {
                    return json(frame.substring(6));
                }
            }
            throw new AssertionError("No further event; the stream " + (this.ended ? "ended" : "is silent") + " after " + this.received);
        }

        /** Waits for the end of the stream and returns every frame it sent, those taken before included. */
        Stream awaitEnd() {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!this.ended && System.nanoTime() < deadline) {
                nextFrame(Duration.ofMillis(100));
            }
            if (!this.ended) {
                throw new AssertionError("The stream did not end; it sent " + this.received);
            }
            return new Stream(status(), headers().firstValue("Content-Type").orElse(""), List.copyOf(this.received));
        }

        /** Every frame received so far. */
        List<String> received() {
            return List.copyOf(this.received);
        }

        /** How many characters of the body have come, frames or not. */
        long charsRead() {
            return this.charsRead.get();
        }

        /** The failure that ended the stream, or {@code null} when it ended normally or has not ended. */
        @Nullable IOException failure() {
            return this.failure;
        }

        boolean hasEnded() {
            return this.ended;
        }

        /** Cancels the stream, as a client that gives up does: the connection is closed. */
        @Override
        public void close() {
            try {
                this.response.body().close();
            }
            catch (IOException ex) {
                // Already gone.
            }
        }
    }
}
