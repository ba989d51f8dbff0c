package io.github.difyspring.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.netty.handler.logging.LogLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.logging.AdvancedByteBufFormat;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientCustomizer;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.reliability.LogCapture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every logger at TRACE, Spring's request details logging on and Reactor Netty's wiretap on
 * (as a hex dump and as text), a run of successful, streamed, cancelled, failed, retried and
 * timed-out calls logs plenty, and never the API key: not in a message, not in a stack trace, not
 * in the bytes a wiretap dumps. A control request, made the same way but outside the Dify clients,
 * shows that a key in a header would have been caught.
 */
class ApiKeyNeverLoggedTests {

    private static final String KEY = "app-NeverLoggedK3y7Qx29";

    private static final String CONTROL_KEY = "ctl-ControlSecret5Hb81";

    private static final String ANSWER = "{\"event\":\"message\",\"task_id\":\"t1\",\"id\":\"m1\",\"message_id\":\"m1\","
            + "\"conversation_id\":\"c1\",\"mode\":\"chat\",\"answer\":\"Hello\",\"metadata\":{},\"created_at\":1705407629}";

    private static final String EVENT = "data: {\"event\":\"message\",\"task_id\":\"t1\",\"message_id\":\"m1\",\"answer\":\"Hel\"}\n\n";

    /** One row of a Netty hex dump: offset, then up to 16 bytes in hex. */
    private static final Pattern HEX_ROW = Pattern.compile("\\|[0-9a-f]{8}\\|((?: [0-9a-f]{2}){1,16})");

    private static final WireMockServer dify = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeAll
    static void start() {
        dify.start();
        dify.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(containing("\"blocking\"")).willReturn(okJson(ANSWER)));
        dify.stubFor(post(urlEqualTo("/v1/chat-messages")).withRequestBody(containing("\"streaming\""))
            .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(EVENT + EVENT + "event: ping\n\n" + EVENT)
                .withChunkedDribbleDelay(4, 800)));
        dify.stubFor(post(urlMatching("/v1/chat-messages/.+/stop")).willReturn(okJson("{\"result\":\"success\"}")));
        dify.stubFor(get(urlEqualTo("/v1/info")).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"unauthorized\",\"message\":\"Access token is invalid\",\"status\":401}")));
        dify.stubFor(get(urlEqualTo("/v1/meta")).willReturn(aResponse().withStatus(503)));
        dify.stubFor(get(urlEqualTo("/v1/site")).willReturn(okJson("{}").withFixedDelay(2000)));
        dify.stubFor(get(urlEqualTo("/control")).willReturn(okJson("{}")));
    }

    @AfterAll
    static void stop() {
        dify.stop();
    }

    @Test
    void theKeyAppearsInNoLogLineAtAnyLevel() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + dify.port() + "/v1";
        ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
                    WebClientAutoConfiguration.class, DifyAutoConfiguration.class))
            .withUserConfiguration(Wiretaps.class)
            .withPropertyValues("spring.http.codecs.log-request-details=true", "dify.base-url=" + url, "dify.retry.initial-backoff=10ms",
                    "dify.retry.max-backoff=50ms", "dify.apps.hex.api-key=" + KEY, "dify.apps.hex.user=u1", "dify.apps.text.api-key=" + KEY,
                    "dify.apps.text.user=u1", "dify.apps.pooled.api-key=" + KEY, "dify.apps.pooled.user=u1",
                    "dify.apps.pooled.response-timeout=300ms", "dify.apps.refused.api-key=" + KEY, "dify.apps.refused.user=u1",
                    "dify.apps.refused.base-url=http://127.0.0.1:" + closedPort + "/v1");

        try (LogCapture log = LogCapture.of(Logger.ROOT_LOGGER_NAME, Level.TRACE)) {
            runner.run((context) -> {
                DifyClients clients = context.getBean(DifyClients.class);
                for (String app : List.of("hex", "text", "pooled")) {
                    exercise(clients.chat(app));
                }
                clients.chat("pooled").site().onErrorComplete().block(Duration.ofSeconds(10));
                clients.chat("refused").send(ChatRequest.of("Hi")).onErrorComplete().block(Duration.ofSeconds(10));
                control();
            });
            // The stop requests sent on cancel are fire and forget: let them finish logging.
            sleep(500);

            List<String> lines = clientSide(log.lines());
            assertThat(lines).as("lines logged").hasSizeGreaterThan(200);
            assertThat(lines).as("the wiretap logged the requests").anyMatch((line) -> line.startsWith("reactor.netty.http.client.HttpClient")
                    && line.contains("POST /v1/chat-messages"));
            assertThat(lines).as("the wiretap logged the header, masked").anyMatch((line) -> line.contains("Authorization: ******"));
            assertThat(lines).as("Spring logged the request headers").anyMatch((line) -> line.contains("headers=["));
            assertThat(lines).as("the retries were logged").anyMatch((line) -> line.contains("retrying in"));
            assertThat(lines).as("the stops were logged").anyMatch((line) -> line.contains("stopped task t1"));
            assertThat(String.join("\n", lines) + decodedHexDumps(lines)).as("the control key was caught").contains(CONTROL_KEY);

            assertThat(lines).as("log lines with the key").noneMatch((line) -> line.contains(KEY));
            assertThat(decodedHexDumps(lines)).as("bytes of the wiretap's hex dumps").doesNotContain(KEY);
        }
    }

    private static void exercise(DifyChatClient client) {
        Duration timeout = Duration.ofSeconds(10);
        client.send(ChatRequest.of("Hi")).block(timeout);
        client.stream(ChatRequest.of("Hi")).collectList().block(timeout);
        client.stream(ChatRequest.of("Hi")).take(1).blockLast(timeout);
        client.info().onErrorComplete().block(timeout);
        client.meta().onErrorComplete().block(timeout);
    }

    /** The same wiretap, on a client outside the Dify clients, with a key of its own in a header. */
    private static void control() {
        // A pool of its own: a pooled connection a Dify client used has a masking wiretap already.
        WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()).wiretap(true)))
            .build()
            .get()
            .uri("http://127.0.0.1:" + dify.port() + "/control")
            .header("Authorization", "Bearer " + CONTROL_KEY)
            .retrieve()
            .toBodilessEntity()
            .block(Duration.ofSeconds(10));
    }

    /** Leaves out the test server's own logging: Dify's side legitimately sees the key. */
    private static List<String> clientSide(List<String> lines) {
        return lines.stream().filter((line) -> !line.startsWith("wiremock") && !line.startsWith("com.github.tomakehurst")
                && !line.startsWith("org.eclipse.jetty")).toList();
    }

    /** The bytes of every hex dump row, decoded, so that a key split over rows is found too. */
    private static String decodedHexDumps(List<String> lines) {
        StringBuilder decoded = new StringBuilder();
        for (String line : lines) {
            List<Integer> bytes = new ArrayList<>();
            Matcher row = HEX_ROW.matcher(line);
            while (row.find()) {
                for (String hex : row.group(1).strip().split(" ")) {
                    bytes.add(Integer.parseInt(hex, 16));
                }
            }
            byte[] array = new byte[bytes.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = bytes.get(i).byteValue();
            }
            decoded.append(new String(array, StandardCharsets.ISO_8859_1)).append('\n');
        }
        return decoded.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiretaps {

        @Bean
        DifyClientCustomizer wiretaps() {
            return (app, builder) -> {
                if (app.equals("hex")) {
                    builder.clientConnector(new ReactorClientHttpConnector(HttpClient.create().wiretap(true)));
                }
                else if (app.equals("text")) {
                    builder.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        .wiretap("reactor.netty.http.client.HttpClient", LogLevel.DEBUG, AdvancedByteBufFormat.TEXTUAL)));
                }
            };
        }
    }
}
