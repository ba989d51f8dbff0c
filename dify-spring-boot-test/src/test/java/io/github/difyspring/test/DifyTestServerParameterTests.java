package io.github.difyspring.test;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DifyTestServerExtension} through {@code @ExtendWith}: one server for the class, handed to
 * the constructor, to lifecycle methods and to test methods, shared by nested classes.
 */
@ExtendWith(DifyTestServerExtension.class)
class DifyTestServerParameterTests {

    private static DifyTestServer beforeAll;

    private final DifyTestServer constructed;

    DifyTestServerParameterTests(DifyTestServer server) {
        this.constructed = server;
    }

    @BeforeAll
    static void addApp(DifyTestServer server) {
        beforeAll = server;
        server.chatflowApp("support", "app-support-test-key");
    }

    @BeforeEach
    void scriptApp(DifyTestServer server) {
        server.app("support").answers("Hello, world");
    }

    @Test
    void everyMethodGetsTheSameServer(DifyTestServer server) {
        assertThat(server).isSameAs(beforeAll).isSameAs(this.constructed);
    }

    @Test
    void appsAddedBeforeAllStayForEveryTest(DifyTestServer server) {
        HttpResponse<String> info = new WireClient(server, "app-support-test-key").get("/info");

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(WireClient.json(info.body())).containsEntry("mode", "advanced-chat");
    }

    @Test
    void anUnknownKeyIsRefused(DifyTestServer server) {
        assertThat(new WireClient(server, "app-unknown").get("/info").statusCode()).isEqualTo(401);
        assertThat(server.requests()).hasSize(1);
    }

    @Nested
    class Inner {

        @Test
        void nestedTestsGetTheSameServerReset(DifyTestServer server) {
            assertThat(server).isSameAs(beforeAll);
            assertThat(server.requests()).isEmpty();
            assertThat(server.app("support").mode()).isEqualTo(DifyAppMode.ADVANCED_CHAT);
        }
    }
}
