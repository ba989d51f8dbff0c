package io.github.difyspring.benchmarks.contenders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The wire limit: what it costs only to receive the bytes. Plain {@code java.nio} sockets on one
 * selector thread write the HTTP request by hand ({@code Connection: close}) and drain the answer
 * into one reused buffer, discarding it; the only work per byte is a scan for {@code \ndata:}, to
 * count events, and a check that the body ended with the last chunk. No HTTP parsing, no SSE
 * decoding, no JSON.
 */
public final class WireLimitContender implements Contender {

    private static final byte[] DATA_LINE = "\ndata:".getBytes(StandardCharsets.US_ASCII);

    /** The last five bytes of a chunked body: the zero-length chunk and the blank line after it. */
    private static final long LAST_CHUNK = 0x300d0a0d0aL;

    private static final byte[] STATUS_OK = "HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String id() {
        return "wire-limit-nio";
    }

    @Override
    public String label() {
        return "wire limit (NIO socket, bytes discarded)";
    }

    @Override
    public StreamClient streamClient(URI baseUrl) {
        return new Streams(baseUrl);
    }

    private static final class Streams implements StreamClient {

        private final InetSocketAddress address;

        private final byte[] request;

        private final Selector selector;

        private final Queue<Connection> toRegister = new ConcurrentLinkedQueue<>();

        private final Thread loop;

        private volatile boolean closed;

        Streams(URI baseUrl) {
            this.address = new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort());
            byte[] body = BenchRequests.chatBody("streaming").getBytes(StandardCharsets.UTF_8);
            String head = "POST " + baseUrl.getPath() + "/chat-messages HTTP/1.1\r\n" + "Host: " + baseUrl.getHost() + ":"
                    + baseUrl.getPort() + "\r\n" + "Authorization: Bearer " + BenchRequests.API_KEY + "\r\n"
                    + "Content-Type: application/json\r\n" + "Accept: text/event-stream\r\n" + "Content-Length: " + body.length
                    + "\r\n" + "Connection: close\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            this.request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, this.request, 0, headBytes.length);
            System.arraycopy(body, 0, this.request, headBytes.length, body.length);
            try {
                this.selector = Selector.open();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            this.loop = new Thread(this::run, "wire-reader");
            this.loop.setDaemon(true);
            this.loop.start();
        }

        @Override
        public CompletableFuture<StreamResult> open() {
            Connection connection = new Connection(ByteBuffer.wrap(this.request));
            this.toRegister.add(connection);
            this.selector.wakeup();
            return connection.result;
        }

        private void run() {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (!this.closed) {
                    this.selector.select();
                    Connection pending;
                    while ((pending = this.toRegister.poll()) != null) {
                        pending.connect(this.selector, this.address);
                    }
                    for (SelectionKey key : this.selector.selectedKeys()) {
                        ((Connection) key.attachment()).ready(key, buffer);
                    }
                    this.selector.selectedKeys().clear();
                }
            }
            catch (IOException | RuntimeException ex) {
                for (SelectionKey key : this.selector.keys()) {
                    ((Connection) key.attachment()).fail(key, ex);
                }
            }
            finally {
                Connection unregistered;
                while ((unregistered = this.toRegister.poll()) != null) {
                    unregistered.result.completeExceptionally(new CancellationException("stopped"));
                }
                for (SelectionKey key : this.selector.keys()) {
                    ((Connection) key.attachment()).fail(key, new CancellationException("stopped"));
                }
                try {
                    this.selector.close();
                }
                catch (IOException ex) {
                    // Closing anyway.
                }
            }
        }

        @Override
        public void stopAll() {
            this.closed = true;
            this.selector.wakeup();
            try {
                this.loop.join(5_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            stopAll();
        }
    }

    /** One stream: its socket, how far the request was written and what the scan has seen. */
    private static final class Connection {

        final CompletableFuture<StreamResult> result = new CompletableFuture<>();

        private final ByteBuffer request;

        private SocketChannel channel;

        private int dataLineMatch;

        private long dataLines;

        private long firstDataLineNanos = -1;

        private long tail;

        private int statusMatched;

        Connection(ByteBuffer request) {
            this.request = request;
        }

        void connect(Selector selector, InetSocketAddress address) {
            try {
                this.channel = SocketChannel.open();
                this.channel.configureBlocking(false);
                this.channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                int interest = this.channel.connect(address) ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT;
                this.channel.register(selector, interest, this);
            }
            catch (IOException ex) {
                this.result.completeExceptionally(ex);
            }
        }

        void ready(SelectionKey key, ByteBuffer buffer) {
            try {
                if (key.isConnectable() && this.channel.finishConnect()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isWritable()) {
                    this.channel.write(this.request);
                    if (!this.request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isValid() && key.isReadable()) {
                    read(key, buffer);
                }
            }
            catch (IOException ex) {
                fail(key, ex);
            }
        }

        private void read(SelectionKey key, ByteBuffer buffer) throws IOException {
            while (true) {
                buffer.clear();
                int read = this.channel.read(buffer);
                if (read < 0) {
                    finish(key);
                    return;
                }
                if (read == 0) {
                    return;
                }
                scan(buffer.array(), read);
            }
        }

        private void scan(byte[] bytes, int length) {
            int i = 0;
            while (this.statusMatched < STATUS_OK.length && i < length) {
                if (bytes[i++] != STATUS_OK[this.statusMatched++]) {
                    this.statusMatched = Integer.MIN_VALUE;
                    break;
                }
            }
            int match = this.dataLineMatch;
            long seen = this.dataLines;
            long last = this.tail;
            for (int j = 0; j < length; j++) {
                byte b = bytes[j];
                last = (last << 8) | (b & 0xFF);
                if (b == DATA_LINE[match]) {
                    if (++match == DATA_LINE.length) {
                        if (seen++ == 0) {
                            this.firstDataLineNanos = System.nanoTime();
                        }
                        match = 0;
                    }
                }
                else {
                    match = (b == '\n') ? 1 : 0;
                }
            }
            this.dataLineMatch = match;
            this.dataLines = seen;
            this.tail = last;
        }

        private void finish(SelectionKey key) throws IOException {
            key.cancel();
            this.channel.close();
            if (this.statusMatched != STATUS_OK.length) {
                this.result.completeExceptionally(new IOException("The answer was not HTTP 200"));
                return;
            }
            boolean whole = (this.tail & 0xFF_FFFF_FFFFL) == LAST_CHUNK;
            // Every data line but the last is a message event; the last is message_end (its usage unread).
            this.result.complete(new StreamResult(whole ? this.dataLines - 1 : this.dataLines, whole, this.firstDataLineNanos));
        }

        void fail(SelectionKey key, Exception ex) {
            if (key != null) {
                key.cancel();
            }
            try {
                this.channel.close();
            }
            catch (IOException closing) {
                ex.addSuppressed(closing);
            }
            this.result.completeExceptionally(ex);
        }
    }
}
