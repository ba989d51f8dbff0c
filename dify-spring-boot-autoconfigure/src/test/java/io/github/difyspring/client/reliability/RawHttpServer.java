package io.github.difyspring.client.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bare HTTP/1.1 server on loopback for the bytes neither the Dify test double nor WireMock
 * writes: a ping at a chosen moment before silence, a frame cut in the middle with a stop answered
 * afterwards. Each connection runs a script on its own thread.
 */
final class RawHttpServer implements AutoCloseable {

    /** What the server does with one connection, after the request has been read. */
    @FunctionalInterface
    interface Script {

        void run(Socket socket, String request) throws IOException, InterruptedException;
    }

    private final ServerSocket server;

    private final Thread acceptor;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RawHttpServer(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(() -> {
            while (!this.server.isClosed()) {
                try {
                    Socket socket = this.server.accept();
                    this.sockets.add(socket);
                    Thread worker = new Thread(() -> {
                        try (socket) {
                            script.run(socket, readRequest(socket.getInputStream()));
                        }
                        catch (IOException | InterruptedException ex) {
                            // the client went away: part of what these tests provoke
                        }
                    }, "raw-http-connection");
                    worker.setDaemon(true);
                    worker.start();
                }
                catch (IOException ex) {
                    return;
                }
            }
        }, "raw-http-acceptor");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** How many connections the server accepted. */
    int connections() {
        return this.sockets.size();
    }

    int port() {
        return this.server.getLocalPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Reads the request line, headers and a Content-Length body. */
    static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        while (matched < 4) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("request ended early");
            }
            head.write(b);
            matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    /** Writes the head of a 200 event stream without a length, so the body ends when the connection does. */
    static void writeStreamHead(OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Ends the connection with a TCP reset rather than an orderly close. */
    static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        this.server.close();
        for (Socket socket : this.sockets) {
            socket.close();
        }
    }
}
