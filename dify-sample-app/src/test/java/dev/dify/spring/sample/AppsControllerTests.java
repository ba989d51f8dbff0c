package dev.dify.spring.sample;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dify.apps.support.api-key=support-secret-key", "dify.apps.etl.api-key=etl-secret-key", "dify.apps.etl.type=workflow" })
@AutoConfigureWebTestClient
class AppsControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void listsTheConfiguredAppsWithoutTheirKeys() {
        byte[] body = this.client.get().uri("/api/apps").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.length()").isEqualTo(2)
            .jsonPath("$[0].name").isEqualTo("support")
            .jsonPath("$[0].type").isEqualTo("CHAT")
            .jsonPath("$[1].name").isEqualTo("etl")
            .jsonPath("$[1].type").isEqualTo("WORKFLOW")
            .returnResult().getResponseBodyContent();
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("secret");
    }
}
