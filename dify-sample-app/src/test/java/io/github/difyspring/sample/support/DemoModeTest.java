package io.github.difyspring.sample.support;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The base of the tests of the offline demo: the application as README's first command starts it
 * (no Dify key, so the Dify test server on loopback), with shorter pauses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "sample.demo.word-delay=20ms",
        "sample.demo.ping-interval=100ms" })
@AutoConfigureWebTestClient
public abstract class DemoModeTest {

    protected static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private WebTestClient webTestClient;

    protected WebTestClient as(String user) {
        return this.webTestClient.mutate()
            .responseTimeout(Duration.ofSeconds(20))
            .defaultHeaders((headers) -> headers.setBasicAuth(user, "demo"))
            .build();
    }
}
