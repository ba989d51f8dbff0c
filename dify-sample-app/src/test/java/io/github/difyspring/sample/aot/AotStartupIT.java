package io.github.difyspring.sample.aot;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.ClassUtils;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.sample.DifySampleApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app as {@code spring-boot:process-aot} left it, started in ahead-of-time mode: the
 * bean definitions come from the generated code, not from the auto-configuration, and the per-app
 * client beans the starter registers are among them and work.
 */
class AotStartupIT {

    private ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        System.clearProperty(AotDetector.AOT_ENABLED);
        if (this.context != null) {
            this.context.close();
        }
    }

    @Test
    void thePerAppClientBeansSurviveAheadOfTimeProcessingAndWork() {
        assertThat(ClassUtils.isPresent(DifySampleApplication.class.getName() + "__ApplicationContextInitializer",
                getClass().getClassLoader())).as("process-aot generated the application's initializer").isTrue();
        System.setProperty(AotDetector.AOT_ENABLED, "true");
        assertThat(AotDetector.useGeneratedArtifacts()).isTrue();

        SpringApplication application = new SpringApplication(DifySampleApplication.class);
        // The generated initializer is looked up by the main class, which would otherwise be the test runner's.
        application.setMainApplicationClass(DifySampleApplication.class);
        this.context = application.run("--server.port=0", "--sample.demo.word-delay=5ms");

        assertThat(this.context.getBean("assistant")).isInstanceOf(DifyChatClient.class);
        assertThat(this.context.getBean("writer")).isInstanceOf(DifyCompletionClient.class);
        assertThat(this.context.getBean("pipeline")).isInstanceOf(DifyWorkflowClient.class);
        assertThat(this.context.getBean(DifyClients.class).names()).containsExactly("assistant", "writer", "pipeline");

        int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
        WebTestClient client = WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(20))
            .defaultHeaders((headers) -> headers.setBasicAuth("alice", "demo"))
            .build();
        List<ServerSentEvent<String>> events = client.post().uri("/api/apps/assistant/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("query", "What is AOT?", "response_mode", "streaming"))
            .exchange()
            .expectStatus().isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
            })
            .getResponseBody()
            .collectList()
            .block(Duration.ofSeconds(20));
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).event()).isEqualTo("message_end");
        client.get().uri("/actuator/health").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.components.dify.components.assistant.status").isEqualTo("UP");
    }
}
