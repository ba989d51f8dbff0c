package io.github.difyspring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.MapPropertySource;

import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyConnectionPool;
import io.github.difyspring.client.core.DifyClientOptions;
import io.github.difyspring.client.core.DifyPoolOptions;
import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.reliability.LogCapture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time limits, retries, cancellation and pool properties: their defaults, per-app overrides,
 * the checks that stop startup, and the warning about plain http.
 */
class DifyReliabilityPropertiesTests {

    private static final String KEY = "app-SECRET-0123456789";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, DifyAutoConfiguration.class));

    @Test
    void defaults() {
        this.runner.withPropertyValues("dify.apps.a.api-key=" + KEY).run((context) -> {
            DifyClients clients = context.getBean(DifyClients.class);
            assertThat(clients.app("a").options()).isEqualTo(DifyClientOptions.defaults());
            assertThat(clients.app("a").options().retry()).isEqualTo(DifyRetryOptions.defaults());
            assertThat(clients.connectionPool().options()).isEqualTo(DifyPoolOptions.defaults());
            assertThat(clients.connectionPool().maxConnections()).isEqualTo(1000);
            assertThat(clients.connectionPool().name()).isEqualTo("dify");
        });
    }

    @Test
    void globalSettingsApplyToEveryAppAndAppSettingsOverrideThemOneByOne() {
        this.runner.withPropertyValues("dify.connect-timeout=3s", "dify.response-timeout=2m", "dify.stream-idle-timeout=45s",
                "dify.stop-on-cancel=false", "dify.stop-timeout=2s", "dify.max-in-memory-size=4MB", "dify.retry.max-attempts=5",
                "dify.retry.initial-backoff=100ms", "dify.retry.max-backoff=5s", "dify.retry.jitter=0.2",
                "dify.retry.generations-on-server-error=true", "dify.apps.plain.api-key=" + KEY, "dify.apps.own.api-key=" + KEY, "dify.apps.own.connect-timeout=1s",
                "dify.apps.own.response-timeout=10m", "dify.apps.own.stream-idle-timeout=90s", "dify.apps.own.stop-on-cancel=true",
                "dify.apps.own.stop-timeout=1s", "dify.apps.own.retry.enabled=false", "dify.apps.own.retry.jitter=0",
                "dify.apps.own.retry.generations-on-server-error=false")
            .run((context) -> {
                DifyClients clients = context.getBean(DifyClients.class);
                DifyRetryOptions globalRetry = new DifyRetryOptions(true, 5, Duration.ofMillis(100), Duration.ofSeconds(5), 0.2, true);
                assertThat(clients.app("plain").options()).isEqualTo(new DifyClientOptions(Duration.ofSeconds(3), Duration.ofMinutes(2),
                        Duration.ofSeconds(45), globalRetry, false, Duration.ofSeconds(2), 4 * 1024 * 1024));
                assertThat(clients.app("own").options()).isEqualTo(new DifyClientOptions(Duration.ofSeconds(1), Duration.ofMinutes(10),
                        Duration.ofSeconds(90), new DifyRetryOptions(false, 5, Duration.ofMillis(100), Duration.ofSeconds(5), 0, false), true,
                        Duration.ofSeconds(1), 4 * 1024 * 1024));
                assertThat(clients.chat("own").app().options().retry().effectiveMaxAttempts()).isEqualTo(1);
            });
    }

    @Test
    void poolSettings() {
        this.runner.withPropertyValues("dify.apps.a.api-key=" + KEY, "dify.pool.max-connections=2000",
                "dify.pool.pending-acquire-max-count=-1", "dify.pool.pending-acquire-timeout=10s", "dify.pool.max-idle-time=20s",
                "dify.pool.eviction-interval=0")
            .run((context) -> {
                DifyConnectionPool pool = context.getBean(DifyClients.class).connectionPool();
                assertThat(pool.options()).isEqualTo(new DifyPoolOptions(2000, -1, Duration.ofSeconds(10), Duration.ofSeconds(20),
                        Duration.ZERO));
                assertThat(pool.maxConnections()).isEqualTo(2000);
            });
    }

    @Test
    void closingTheContextClosesThePool() {
        DifyConnectionPool[] pool = new DifyConnectionPool[1];
        this.runner.withPropertyValues("dify.apps.a.api-key=" + KEY).run((context) -> {
            pool[0] = context.getBean(DifyClients.class).connectionPool();
            assertThat(pool[0].isClosed()).isFalse();
        });
        assertThat(pool[0].isClosed()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dify.connect-timeout=0s | dify.connect-timeout | not a positive duration",
            "dify.response-timeout=-1s | dify.response-timeout | not a positive duration",
            "dify.apps.a.stream-idle-timeout=0 | dify.apps.a.stream-idle-timeout | not a positive duration",
            "dify.stop-timeout=0ms | dify.stop-timeout | not a positive duration",
            "dify.retry.max-attempts=0 | dify.retry.max-attempts | sent at least once",
            "dify.apps.a.retry.max-attempts=-1 | dify.apps.a.retry.max-attempts | sent at least once",
            "dify.retry.initial-backoff=0s | dify.retry.initial-backoff | not a positive duration",
            "dify.apps.a.retry.max-backoff=10ms | dify.apps.a.retry.max-backoff | shorter than the initial backoff",
            "dify.retry.jitter=1.5 | dify.retry.jitter | outside 0 to 1",
            "dify.apps.a.retry.jitter=-0.1 | dify.apps.a.retry.jitter | outside 0 to 1",
            "dify.pool.max-connections=0 | dify.pool.max-connections | no request could ever be sent",
            "dify.pool.pending-acquire-max-count=-2 | dify.pool.pending-acquire-max-count | it is -2",
            "dify.pool.pending-acquire-timeout=0s | dify.pool.pending-acquire-timeout | not a positive duration",
            "dify.pool.max-idle-time=-5s | dify.pool.max-idle-time | not a positive duration",
            "dify.pool.eviction-interval=-1s | dify.pool.eviction-interval | it is PT-1S",
            "dify.max-in-memory-size=0 | dify.max-in-memory-size | not between 1 byte and 2 GB" })
    void wrongValuesStopStartupNamingThePropertyAndTheFix(String property, String name, String problem) {
        FailureAnalysis analysis = failure("dify.apps.a.api-key=" + KEY, property);
        assertThat(analysis.getDescription()).contains("'" + name + "'").contains(problem);
        assertThat(analysis.getAction()).contains(name);
    }

    @Test
    void theFixForAPoolOfNoConnectionsGivesTheDefaultThePoolReallyHas() {
        FailureAnalysis analysis = failure("dify.apps.a.api-key=" + KEY, "dify.pool.max-connections=0");
        assertThat(analysis.getAction()).contains("the default is " + DifyPoolOptions.DEFAULT_MAX_CONNECTIONS + ")")
            .contains("1000");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://dify.example.com/v1\r\nX-Injected: yes", "https://dify.example.com/v1\n",
            "https://dify.example.com/\u0000v1", "http://dify.example.com/v1\rHost: evil" })
    void baseUrlsWithHeaderBreakingCharactersAreRefused(String url) {
        // Given as is: a property value written "key=value" would lose a trailing line break.
        FailureAnalysis global = failure(Map.of("dify.apps.a.api-key", KEY, "dify.base-url", url));
        FailureAnalysis app = failure(Map.of("dify.apps.a.api-key", KEY, "dify.apps.a.base-url", url));
        assertThat(global.getDescription()).contains("'dify.base-url'").contains("control character");
        assertThat(app.getDescription()).contains("'dify.apps.a.base-url'").contains("control character");
    }

    @Test
    void apiKeysWithNonAsciiCharactersAreRefusedWithoutShowingThem() {
        FailureAnalysis analysis = failure("dify.apps.a.api-key=" + KEY + "\u00e9");
        assertThat(analysis.getDescription()).contains("'dify.apps.a.api-key'").contains("non-ASCII character at position 22");
    }

    @Test
    void baseUrlsThatAreNeitherHttpNorHttpsAreRefused() {
        FailureAnalysis analysis = failure("dify.apps.a.api-key=" + KEY, "dify.base-url=ws://dify.example.com/v1");
        assertThat(analysis.getDescription()).contains("'dify.base-url'").contains("not an absolute http or https URL");
    }

    @Test
    void plainHttpToAnotherHostIsWarnedAboutWithoutTheKey() {
        try (LogCapture log = LogCapture.of("io.github.difyspring.autoconfigure", Level.INFO)) {
            this.runner.withPropertyValues("dify.base-url=http://dify.internal/v1", "dify.apps.a.api-key=" + KEY,
                    "dify.apps.b.api-key=" + KEY, "dify.apps.b.base-url=http://10.0.0.7:5001/v1").run((context) -> {
                        assertThat(context).hasNotFailed();
                    });
            assertThat(log.events()).filteredOn((event) -> event.getLevel() == Level.WARN)
                .extracting((event) -> event.getFormattedMessage())
                .satisfiesExactly(
                        (line) -> assertThat(line).contains("Dify app 'a'", "plain http", "dify.internal", "(dify.base-url)")
                            .doesNotContain(KEY),
                        (line) -> assertThat(line).contains("Dify app 'b'", "10.0.0.7:5001", "(dify.apps.b.base-url)").doesNotContain(KEY));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:5001/v1", "http://127.0.0.1/v1", "http://[::1]:8080/v1", "http://dify.localhost/v1",
            "https://dify.example.com/v1" })
    void httpsAndLoopbackAreNotWarnedAbout(String url) {
        try (LogCapture log = LogCapture.of("io.github.difyspring.autoconfigure", Level.INFO)) {
            this.runner.withPropertyValues("dify.base-url=" + url, "dify.apps.a.api-key=" + KEY)
                .run((context) -> assertThat(context).hasNotFailed());
            assertThat(log.events()).noneMatch((event) -> event.getLevel() == Level.WARN);
        }
    }

    private FailureAnalysis failure(Map<String, Object> properties) {
        return failure(this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources()
            .addFirst(new MapPropertySource("exact", properties))));
    }

    private FailureAnalysis failure(String... properties) {
        return failure(this.runner.withPropertyValues(properties));
    }

    private FailureAnalysis failure(ApplicationContextRunner runner) {
        FailureAnalysis[] result = new FailureAnalysis[1];
        runner.run((context) -> {
            assertThat(context).hasFailed();
            result[0] = new InvalidDifyPropertyFailureAnalyzer(null).analyze(context.getStartupFailure());
        });
        assertThat(result[0]).isNotNull();
        assertThat(result[0].getDescription()).doesNotContain(KEY);
        assertThat(result[0].getAction()).doesNotContain(KEY);
        return result[0];
    }
}
