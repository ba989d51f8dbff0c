package io.github.difyspring.sample.support;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The base of the tests that run the application against a stubbed Dify: WireMock for the apps
 * {@code support} (chat), {@code writer} (completion), {@code etl} (workflow) and {@code helper}
 * (agent), and a
 * {@link ScriptedDify} for the chat app {@code live}. The servers are started once and shared,
 * so all these tests share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dify.apps.support.api-key=" + StubbedDifyTest.SUPPORT_KEY, "dify.apps.support.type=chat",
        "dify.apps.writer.api-key=sk-writer-secret-0002", "dify.apps.writer.type=completion",
        "dify.apps.etl.api-key=sk-etl-secret-0003", "dify.apps.etl.type=workflow",
        "dify.apps.live.api-key=sk-live-secret-0004", "dify.apps.live.type=chat",
        "dify.apps.helper.api-key=" + StubbedDifyTest.AGENT_KEY, "dify.apps.helper.type=agent",
        "sample.users.alice.password=" + StubbedDifyTest.DEMO_HASH, "sample.users.bob.password=" + StubbedDifyTest.DEMO_HASH,
        "sample.stream.heartbeat-interval=300ms",
        "sample.limits.max-request-body=64KB", "sample.limits.max-upload-size=256KB" })
@AutoConfigureWebTestClient
public abstract class StubbedDifyTest {

    /** bcrypt of "demo". */
    public static final String DEMO_HASH = "{bcrypt}$2a$10$LX2JCYie7zhTHaiPuhmD7etbfh/JBKYdAh7GOnWW7g.rd31eDl37.";

    public static final String SUPPORT_KEY = "sk-support-secret-0001";

    public static final String AGENT_KEY = "sk-agent-secret-0005";

    public static final List<String> KEYS = List.of(SUPPORT_KEY, "sk-writer-secret-0002", "sk-etl-secret-0003", "sk-live-secret-0004",
            AGENT_KEY);

    protected static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    protected static final WireMockServer wiremock = startWireMock();

    protected static final ScriptedDify scripted = new ScriptedDify();

    @Autowired
    private WebTestClient webTestClient;

    private static WireMockServer startWireMock() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void difyServers(DynamicPropertyRegistry registry) {
        registry.add("dify.base-url", () -> wiremock.baseUrl() + "/v1");
        registry.add("dify.apps.live.base-url", scripted::baseUrl);
    }

    @BeforeEach
    void resetStubs() {
        wiremock.resetAll();
        scripted.reset("");
    }

    /** A client signed in with HTTP Basic as the given user (password "demo"). */
    protected WebTestClient as(String user) {
        return this.webTestClient.mutate()
            .responseTimeout(Duration.ofSeconds(15))
            .defaultHeaders((headers) -> headers.setBasicAuth(user, "demo"))
            .build();
    }

    protected WebTestClient anonymous() {
        return this.webTestClient.mutate().responseTimeout(Duration.ofSeconds(15)).build();
    }

    /** Only the events that carry data: the heartbeats (comments) left out. */
    protected static Flux<ServerSentEvent<String>> dataEvents(Flux<ServerSentEvent<String>> events) {
        return events.filter((event) -> event.data() != null);
    }
}
