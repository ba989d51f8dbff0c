package io.github.difyspring.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * What {@link DifyTestServerExtension} does around a test class, seen from outside it: JUnit runs
 * a class of two tests, which note the server they get; afterwards the server is closed.
 */
class DifyTestServerExtensionLifecycleTests {

    @Test
    void oneServerServesEveryTestOfAClassAndClosesAfterTheLast() {
        ServerUser.seen.clear();

        TestExecutionSummary summary = run(ServerUser.class);

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(ServerUser.seen).hasSize(2).containsOnly(ServerUser.seen.get(0));
        assertThat(WireClient.listens(ServerUser.seen.get(0).port())).isFalse();
    }

    @Test
    void eachTestClassGetsItsOwnServer() {
        ServerUser.seen.clear();

        run(ServerUser.class);
        run(ServerUser.class);

        assertThat(ServerUser.seen).hasSize(4);
        assertThat(ServerUser.seen.get(0)).isNotSameAs(ServerUser.seen.get(2));
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.discoveryRequest().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    /** A test class of a user's, run by the tests above only (build tools skip nested classes). */
    static class ServerUser {

        static final List<DifyTestServer> seen = new CopyOnWriteArrayList<>();

        @RegisterExtension
        static final DifyTestServerExtension dify = new DifyTestServerExtension();

        @Test
        void first() {
            seen.add(dify.server());
            assertThat(WireClient.listens(dify.server().port())).isTrue();
        }

        @Test
        void second(DifyTestServer server) {
            seen.add(server);
            assertThat(WireClient.listens(server.port())).isTrue();
        }
    }
}
