package io.github.difyspring.client.knowledge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.file.FileUpload;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 64 MB file added with {@code create-by-file} is streamed: it comes from a publisher that makes
 * it 64 KB at a time and never holds it, a small real server on loopback (not WireMock, which
 * would keep the whole body in this JVM's heap) reads the multipart body as a stream and checks
 * that every byte of the file part arrived, and the client never ran far ahead of the server nor
 * grew the heap by anything near the file's size. The answer is a Dify 1.14.2 (ad96501e)
 * {@code {"document", "batch"}} ({@code DocumentAddByFileApi} of
 * {@code api/controllers/service_api/dataset/document.py}).
 */
class LargeUploadTest {

    private static final long SIZE = 64L * 1024 * 1024;

    private static final int CHUNK = 64 * 1024;

    private static final String PATH = "/v1/datasets/" + KnowledgeDocumentTestSupport.KB_ID + "/document/create-by-file";

    private HttpServer server;

    private ExecutorService executor;

    private final AtomicLong generated = new AtomicLong();

    private final AtomicLong received = new AtomicLong();

    private final AtomicLong maxAhead = new AtomicLong();

    private final AtomicLong maxHeapGrowth = new AtomicLong();

    private final AtomicReference<String> head = new AtomicReference<>();

    private final AtomicReference<String> digest = new AtomicReference<>();

    private final AtomicReference<String> tail = new AtomicReference<>();

    private long baselineHeap;

    @BeforeEach
    void startServer() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext(PATH, this::receive);
        this.executor = Executors.newSingleThreadExecutor();
        this.server.setExecutor(this.executor);
        this.server.start();
    }

    @AfterEach
    void stopServer() {
        this.server.stop(0);
        this.executor.shutdownNow();
    }

    @Test
    void a64MegabyteFileIsStreamedToDifyWithoutEverBeingHeldWhole() {
        DifyKnowledgeClient client = new DifyKnowledgeClient(new DifyApp("knowledge", DifyAppType.KNOWLEDGE,
                URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1"), KnowledgeDocumentTestSupport.DATASET_KEY,
                null), WebClient.builder());
        this.baselineHeap = usedHeapAfterGc();

        DocumentBatch answer = client.base(KnowledgeDocumentTestSupport.KB_ID).documents()
            .createByFile(FileUpload.of(content(), "big.pdf", MediaType.APPLICATION_PDF), DocumentSettings.defaults())
            .block(Duration.ofMinutes(2));

        assertThat(answer).isNotNull();
        assertThat(answer.batch()).isEqualTo(KnowledgeDocumentTestSupport.BATCH);
        assertThat(this.head.get()).contains("name=\"data\"").contains("{\"process_rule\":{\"mode\":\"automatic\"}}")
            .contains("name=\"file\"; filename=\"big.pdf\"").contains("Content-Type: application/pdf");
        assertThat(this.received.get()).as("bytes of the file part received").isEqualTo(SIZE);
        assertThat(this.digest.get()).as("SHA-256 of the file part received").isEqualTo(expectedDigest());
        assertThat(this.tail.get()).as("what follows the file part: %s", HexFormat.of().formatHex(this.tail.get().getBytes(StandardCharsets.ISO_8859_1))).matches("\r\n--[^\r\n]+--\r\n");
        assertThat(this.maxAhead.get()).as("most bytes made but not yet received by the server").isLessThan(SIZE / 2);
        assertThat(this.maxHeapGrowth.get()).as("most heap growth (after GC) while the file was uploaded").isLessThan(SIZE / 2);
    }

    /**
     * The file: pseudo-random bytes made as they are asked for, without a carriage return, so that
     * the first {@code \r} the server meets in the file part is the start of the closing boundary.
     */
    private Flux<DataBuffer> content() {
        return Flux.<DataBuffer, Generator>generate(Generator::new, (generator, sink) -> {
            long made = this.generated.get();
            if (made >= SIZE) {
                sink.complete();
                return generator;
            }
            byte[] bytes = generator.next((int) Math.min(CHUNK, SIZE - made));
            this.maxAhead.accumulateAndGet(this.generated.addAndGet(bytes.length) - this.received.get(), Math::max);
            sink.next(DefaultDataBufferFactory.sharedInstance.wrap(bytes));
            return generator;
        });
    }

    private static String expectedDigest() {
        MessageDigest sha = sha256();
        Generator generator = new Generator();
        for (long made = 0; made < SIZE; made += CHUNK) {
            sha.update(generator.next((int) Math.min(CHUNK, SIZE - made)));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Reads the multipart body as a stream, keeping only its small head and tail. */
    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            this.head.set(readHead(body));
            MessageDigest sha = sha256();
            ByteArrayOutputStream after = new ByteArrayOutputStream();
            byte[] buffer = new byte[CHUNK];
            long nextHeapCheck = SIZE / 4;
            boolean inFile = true;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                int afterFile = 0;
                if (inFile) {
                    int end = n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\r') {
                            end = i;
                            inFile = false;
                            break;
                        }
                    }
                    sha.update(buffer, 0, end);
                    long total = this.received.addAndGet(end);
                    if (total >= nextHeapCheck && nextHeapCheck < SIZE) {
                        this.maxHeapGrowth.accumulateAndGet(usedHeapAfterGc() - this.baselineHeap, Math::max);
                        nextHeapCheck += SIZE / 4;
                    }
                    afterFile = end;
                }
                after.write(buffer, afterFile, n - afterFile);
            }
            this.digest.set(HexFormat.of().formatHex(sha.digest()));
            this.tail.set(after.toString(StandardCharsets.ISO_8859_1));
        }
        byte[] answer = ("{\"document\": " + KnowledgeDocumentTestSupport.documentJson(KnowledgeDocumentTestSupport.DOC_ID, "big.pdf",
                "waiting", "queuing") + ", \"batch\": \"" + KnowledgeDocumentTestSupport.BATCH + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** The bytes up to the blank line that ends the headers of the second part, the file's. */
    private static String readHead(InputStream body) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int blankLines = 0;
        while (blankLines < 2) {
            int next = body.read();
            if (next < 0) {
                throw new IOException("The body ended in its head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(next);
            byte[] bytes = head.toByteArray();
            int length = bytes.length;
            if (length >= 4 && bytes[length - 4] == '\r' && bytes[length - 3] == '\n' && bytes[length - 2] == '\r'
                    && bytes[length - 1] == '\n') {
                blankLines++;
            }
            if (length > 64 * 1024) {
                throw new IOException("No file part in the first 64 KB of the body");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A xorshift generator of bytes, the same sequence every time, never a carriage return. */
    private static final class Generator {

        private long state = 0x9E3779B97F4A7C15L;

        byte[] next(int length) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                this.state ^= this.state << 13;
                this.state ^= this.state >>> 7;
                this.state ^= this.state << 17;
                byte value = (byte) this.state;
                bytes[i] = (value == '\r') ? (byte) '\n' : value;
            }
            return bytes;
        }
    }
}
