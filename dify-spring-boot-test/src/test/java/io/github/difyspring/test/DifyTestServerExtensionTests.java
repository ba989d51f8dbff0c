package io.github.difyspring.test;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DifyTestServerExtension} in a static field, with a setup that adds an app: the server is
 * there before the tests, each test starts from a reset server with the setup applied again, and
 * test methods can take the server as a parameter too. The tests run in order, so that one sees
 * what the one before it left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DifyTestServerExtensionTests {

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension(
            (server) -> server.workflowApp("flow", "app-flow-test-key").outputs(java.util.Map.of("result", "set up")));

    @Test
    @Order(1)
    void theServerPlaysTheAppsOfTheSetup() {
        HttpResponse<String> info = new WireClient(dify.server(), "app-flow-test-key").get("/info");

        assertThat(dify.baseUrl()).isEqualTo(dify.server().baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(WireClient.json(info.body())).containsEntry("mode", "workflow");
        assertThat(dify.server().requests()).hasSize(1);
    }

    @Test
    @Order(2)
    void eachTestStartsFromAResetServer(DifyTestServer server) {
        assertThat(server).isSameAs(dify.server());
        assertThat(server.requests()).isEmpty();
        assertThat(server.apps()).extracting(ScriptedApp::name).containsExactly("flow");
    }
}
