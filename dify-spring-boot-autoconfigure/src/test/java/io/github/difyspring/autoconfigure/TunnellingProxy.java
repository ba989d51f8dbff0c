package io.github.difyspring.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A small HTTP forwarding proxy on 127.0.0.1, for the proxy tests: it tunnels {@code CONNECT host:port}
 * (what Reactor Netty's HTTP proxy sends, for http and https targets alike) and refuses anything
 * else with 405. With credentials, a CONNECT without the matching {@code Proxy-Authorization: Basic}
 * header gets 407. It counts the tunnels it opened, the targets and headers it saw, and the bytes it
 * relayed.
 */
final class TunnellingProxy implements AutoCloseable {

    private final ServerSocket serverSocket;

    private final @Nullable String expectedAuthorization;

    private final AtomicInteger tunnels = new AtomicInteger();

    private final AtomicInteger refused = new AtomicInteger();

    private final AtomicLong bytesRelayed = new AtomicLong();

    private final List<String> targets = Collections.synchronizedList(new ArrayList<>());

    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

    private TunnellingProxy(@Nullable String username, @Nullable String password) throws IOException {
        this.expectedAuthorization = (username != null) ? "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)) : null;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tunnelling-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy that lets everyone through. */
    static TunnellingProxy open() throws IOException {
        return new TunnellingProxy(null, null);
    }

    /** A proxy that asks for Basic authentication with these credentials. */
    static TunnellingProxy withCredentials(String username, String password) throws IOException {
        return new TunnellingProxy(username, password);
    }

    int port() {
        return this.serverSocket.getLocalPort();
    }

    /** Tunnels opened: CONNECT requests let through. */
    int tunnels() {
        return this.tunnels.get();
    }

    /** CONNECT requests refused for want of the right credentials. */
    int refused() {
        return this.refused.get();
    }

    long bytesRelayed() {
        return this.bytesRelayed.get();
    }

    /** The {@code host:port} of every CONNECT, let through or not. */
    List<String> targets() {
        return List.copyOf(this.targets);
    }

    /** The {@code Proxy-Authorization} header of every CONNECT ({@code ""} when it had none). */
    List<String> authorizations() {
        return List.copyOf(this.authorizations);
    }

    private void accept() {
        while (!this.serverSocket.isClosed()) {
            try {
                Socket client = this.serverSocket.accept();
                this.sockets.add(client);
                start(() -> serve(client));
            }
            catch (IOException ex) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try {
            List<String> head = readHead(client.getInputStream());
            String[] requestLine = head.isEmpty() ? new String[0] : head.get(0).split(" ");
            if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
                respond(client, "405 Method Not Allowed");
                return;
            }
            String target = requestLine[1];
            String authorization = header(head, "proxy-authorization");
            this.targets.add(target);
            this.authorizations.add(authorization);
            if (this.expectedAuthorization != null && !this.expectedAuthorization.equals(authorization)) {
                this.refused.incrementAndGet();
                respond(client, "407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"dify-test\"");
                return;
            }
            int colon = target.lastIndexOf(':');
            Socket upstream = new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
            this.sockets.add(upstream);
            this.tunnels.incrementAndGet();
            client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            start(() -> relay(upstream, client));
            relay(client, upstream);
        }
        catch (IOException ex) {
            close(client);
        }
    }

    private static void respond(Socket client, String status) throws IOException {
        client.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        client.close();
    }

    /** Copies one direction until it ends, then closes both sockets so that the other direction ends too. */
    private void relay(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                out.flush();
                this.bytesRelayed.addAndGet(read);
            }
        }
        catch (IOException ex) {
            // One side went away: end the tunnel.
        }
        finally {
            close(from);
            close(to);
        }
    }

    /** Reads the request head byte by byte, so that nothing after it is taken from the tunnel. */
    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return List.of(text.strip().split("\r\n"));
            }
        }
        return List.of();
    }

    private static String header(List<String> head, String name) {
        return head.stream().skip(1).filter((line) -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
            .map((line) -> line.substring(name.length() + 1).strip()).findFirst().orElse("");
    }

    private static void start(Runnable task) {
        Thread thread = new Thread(task, "tunnelling-proxy-connection");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        this.serverSocket.close();
        this.sockets.forEach(TunnellingProxy::close);
    }
}
