package io.github.difyspring.sample.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The application on a random port with its Dify apps {@code support} (chat), {@code writer}
 * (completion), {@code etl} (workflow), {@code live} (chat) and {@code helper} (agent), the
 * accounts {@code alice} and {@code bob} (password "demo"), a short heartbeat and small request
 * limits, and clients signed in as those accounts. Which Dify the apps talk to is the subclass's
 * choice: {@link StubbedDifyTest} (the library's Dify test server) for nearly every test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dify.apps.support.api-key=" + SampleApplicationTest.SUPPORT_KEY, "dify.apps.support.type=chat",
        "dify.apps.writer.api-key=sk-writer-secret-0002", "dify.apps.writer.type=completion",
        "dify.apps.etl.api-key=sk-etl-secret-0003", "dify.apps.etl.type=workflow",
        "dify.apps.live.api-key=sk-live-secret-0004", "dify.apps.live.type=chat",
        "dify.apps.helper.api-key=" + SampleApplicationTest.AGENT_KEY, "dify.apps.helper.type=agent",
        "sample.users.alice.password=" + SampleApplicationTest.DEMO_HASH, "sample.users.bob.password=" + SampleApplicationTest.DEMO_HASH,
        "sample.stream.heartbeat-interval=300ms",
        "sample.limits.max-request-body=64KB", "sample.limits.max-upload-size=256KB" })
@AutoConfigureWebTestClient
public abstract class SampleApplicationTest {

    /** bcrypt of "demo". */
    public static final String DEMO_HASH = "{bcrypt}$2a$10$LX2JCYie7zhTHaiPuhmD7etbfh/JBKYdAh7GOnWW7g.rd31eDl37.";

    public static final String SUPPORT_KEY = "sk-support-secret-0001";

    public static final String AGENT_KEY = "sk-agent-secret-0005";

    public static final List<String> KEYS = List.of(SUPPORT_KEY, "sk-writer-secret-0002", "sk-etl-secret-0003", "sk-live-secret-0004",
            AGENT_KEY);

    protected static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private WebTestClient webTestClient;

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

    /** A JSON object's text as maps, lists, strings, numbers and booleans. */
    protected static Map<String, Object> json(String text) {
        return JSON.readValue(text, new TypeReference<Map<String, Object>>() {
        });
    }
}
