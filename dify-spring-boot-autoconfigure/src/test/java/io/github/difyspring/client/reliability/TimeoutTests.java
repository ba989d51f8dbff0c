package io.github.difyspring.client.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.error.DifyConnectTimeoutException;
import io.github.difyspring.client.error.DifyResponseTimeoutException;
import io.github.difyspring.client.error.DifyStreamIdleTimeoutException;
import io.github.difyspring.client.error.DifyTimeoutException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.file.UploadedFile;
import io.github.difyspring.test.DifyFault;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each time limit ends a call with its own exception, naming the app, the operation and the limit,
 * at about the limit, and only connect timeouts are retried. Dify's slow answers are the test
 * double's slow first byte; a host that never accepts is a socket of its own.
 */
class TimeoutTests extends ReliabilityTestSupport {

    @Test
    void defaultsSuitSlowModelsAndDifysPings() {
        DifyClientOptions defaults = DifyClientOptions.defaults();

        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.responseTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(60)).isGreaterThan(Duration.ofSeconds(10));
    }

    @Test
    void aServerThatNeverAcceptsTripsTheConnectTimeoutOnEveryAttempt() throws IOException {
        try (SaturatedListener listener = new SaturatedListener()) {
            DifyChatClient client = clients(new DifyApp("support", DifyAppType.CHAT, URI.create("http://127.0.0.1:" + listener.port() + "/v1"),
                    API_KEY, DEFAULT_USER, fastOptions().withConnectTimeout(Duration.ofMillis(300))), DifyPoolOptions.defaults())
                .chat("support");

            long start = System.nanoTime();
            DifyConnectTimeoutException error = failure(client.send(ChatRequest.of("Hi")), DifyConnectTimeoutException.class);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(error).isInstanceOf(DifyTimeoutException.class);
            assertThat(error.getTimeout()).isEqualTo(Duration.ofMillis(300));
            assertThat(error.getOperation()).isEqualTo("POST /chat-messages");
            assertThat(error.getMessage()).contains("'support'", "POST /chat-messages", "300 ms", "connect timeout");
            assertThat(elapsedMillis).as("three attempts of 300 ms").isBetween(850L, 5000L);
        }
    }

    @Test
    void aSlowBlockingAnswerTripsTheResponseTimeoutAndIsNotRetried() {
        difyApp(DifyAppType.CHAT).onNextRequest(DifyFault.slowFirstByte(Duration.ofSeconds(3)));
        DifyChatClient client = clientsOnDify(DifyAppType.CHAT, fastOptions().withResponseTimeout(Duration.ofMillis(500))).chat("chat-app");

        long start = System.nanoTime();
        DifyResponseTimeoutException error = failure(client.send(ChatRequest.of("Hi")), DifyResponseTimeoutException.class);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(error.getMessage()).contains("'chat-app'", "POST /chat-messages", "500 ms", "response timeout");
        assertThat(error.getTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(elapsedMillis).isBetween(450L, 2500L);
        assertThat(dify().requests().chatMessages()).hasSize(1);
    }

    @Test
    void aDownloadThatStopsSendingTripsTheResponseTimeout() {
        DifyChatClient client = clientsOnDify(DifyAppType.CHAT, fastOptions().withResponseTimeout(Duration.ofMillis(500))).chat("chat-app");
        // Dify serves a file's bytes once a message used it.
        UploadedFile file = client.files().upload(FileUpload.of(new byte[64], "data.bin", MediaType.APPLICATION_OCTET_STREAM)).block(TIMEOUT);
        client.send(ChatRequest.builder().query("See the file").file(file.toDifyFile(DifyFileType.DOCUMENT)).build()).block(TIMEOUT);
        difyApp(DifyAppType.CHAT).onNextRequest(DifyFault.slowFirstByte(Duration.ofSeconds(3)));

        DifyResponseTimeoutException error = failure(client.files().download(file.id()), DifyResponseTimeoutException.class);

        assertThat(error.getMessage()).contains("GET /files/{file_id}/preview", "500 ms");
        assertThat(dify().requests().to("GET", "/files/" + file.id() + "/preview")).hasSize(1);
    }

    @Test
    void aStreamWhoseHeadersNeverComeTripsTheIdleTimeoutAndIsNotRetried() {
        difyApp(DifyAppType.CHAT).answers("late").onNextRequest(DifyFault.slowFirstByte(Duration.ofSeconds(3)));
        DifyChatClient client = clientsOnDify(DifyAppType.CHAT, fastOptions().withStreamIdleTimeout(Duration.ofMillis(500))).chat("chat-app");

        Outcome<DifyEvent> outcome = failing(client.stream(ChatRequest.of("Hi")));

        assertThat(outcome.items()).isEmpty();
        assertThat(outcome.error()).isInstanceOf(DifyStreamIdleTimeoutException.class)
            .hasMessageContaining("'chat-app'")
            .hasMessageContaining("POST /chat-messages")
            .hasMessageContaining("500 ms");
        assertThat(((DifyTimeoutException) outcome.error()).getTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(dify().requests().chatMessages()).hasSize(1);
    }

    @Test
    void theStreamIdleTimeoutDoesNotLimitBlockingCallsNorTheResponseTimeoutStreams() {
        difyApp(DifyAppType.CHAT).answers("Hello").onNextRequest(DifyFault.slowFirstByte(Duration.ofMillis(800)));
        DifyChatClient client = clientsOnDify(DifyAppType.CHAT, DifyClientOptions.defaults().withRetry(DifyRetryOptions.disabled())
            .withStreamIdleTimeout(Duration.ofMillis(300))
            .withResponseTimeout(Duration.ofSeconds(5))).chat("chat-app");

        assertThat(client.send(ChatRequest.of("Hi")).block(TIMEOUT).answer()).isEqualTo("Hello");
    }

    /**
     * A listening socket whose accept queue is full: new connections are neither accepted nor
     * refused, just as with a host that drops packets.
     */
    private static final class SaturatedListener implements AutoCloseable {

        private final ServerSocket server;

        private final List<Socket> fillers = new ArrayList<>();

        SaturatedListener() throws IOException {
            this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 200);
                    this.fillers.add(socket);
                }
                catch (SocketTimeoutException ex) {
                    socket.close();
                    return; // full: this connection attempt hung
                }
            }
            throw new IllegalStateException("Could not fill the accept queue of a loopback listener");
        }

        int port() {
            return this.server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : this.fillers) {
                socket.close();
            }
            this.server.close();
        }
    }
}
