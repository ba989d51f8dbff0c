package io.github.difyspring.test;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureDifyTestServer} in a Spring Boot test: the server plays the configured apps
 * and the knowledge workspace, every base URL points at it, and each test starts from a reset
 * server. The tests run in order, so that one sees what the one before it left.
 */
@SpringBootTest(classes = AutoConfigureDifyTestServerTests.NoBeans.class, properties = {
        "dify.apps.support.api-key=app-support-test-key", "dify.apps.support.type=chat",
        "dify.apps.flow.api-key=app-flow-test-key", "dify.apps.flow.type=workflow",
        "dify.apps.flow.base-url=http://example.invalid/v1", "dify.knowledge.api-key=dataset-test-key" })
@AutoConfigureDifyTestServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureDifyTestServerTests {

    @Autowired
    private DifyTestServer server;

    @Autowired
    private Environment environment;

    @Test
    @Order(1)
    void everyBaseUrlPointsAtTheServer() {
        assertThat(this.server.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/v1");
        assertThat(this.environment.getProperty("dify.base-url")).isEqualTo(this.server.baseUrl());
        assertThat(this.environment.getProperty("dify.apps.support.base-url")).isEqualTo(this.server.baseUrl());
        assertThat(this.environment.getProperty("dify.apps.flow.base-url")).isEqualTo(this.server.baseUrl());
        assertThat(this.environment.getProperty("dify.knowledge.base-url")).isEqualTo(this.server.baseUrl());
    }

    @Test
    @Order(2)
    void theServerPlaysTheConfiguredAppsInTheirModes() {
        assertThat(this.server.apps()).extracting(ScriptedApp::name).containsExactly("support", "flow");
        assertThat(this.server.app("support").mode()).isEqualTo(DifyAppMode.CHAT);
        assertThat(this.server.app("flow").mode()).isEqualTo(DifyAppMode.WORKFLOW);
        assertThat(this.server.knowledge()).isNotNull();
    }

    @Test
    @Order(3)
    void anAppAnswersToItsKey() {
        HttpResponse<String> support = new WireClient(this.server, "app-support-test-key").get("/info");
        HttpResponse<String> flow = new WireClient(this.server, "app-flow-test-key").get("/info");

        assertThat(support.statusCode()).isEqualTo(200);
        assertThat(WireClient.json(support.body())).containsEntry("mode", "chat");
        assertThat(flow.statusCode()).isEqualTo(200);
        assertThat(WireClient.json(flow.body())).containsEntry("mode", "workflow");
        assertThat(this.server.requests().app("support")).hasSize(1);
        assertThat(this.server.requests()).hasSize(2);
    }

    @Test
    @Order(4)
    void eachTestStartsFromAResetServerWithTheSameApps() {
        assertThat(this.server.requests()).isEmpty();
        assertThat(this.server.apps()).extracting(ScriptedApp::name).containsExactly("support", "flow");
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {

    }
}
