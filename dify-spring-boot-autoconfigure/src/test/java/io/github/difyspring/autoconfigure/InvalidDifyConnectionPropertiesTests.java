package io.github.difyspring.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyConnectorFactory;

import static io.github.difyspring.autoconfigure.ConnectionTestSupport.KEY;
import static io.github.difyspring.autoconfigure.ConnectionTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong SSL and proxy settings stop startup, naming the property and the fix and never showing the
 * proxy password; right ones start, and the connector factory can be replaced.
 */
class InvalidDifyConnectionPropertiesTests {

    private static final String PASSWORD = "N0t-In-Any-Message";

    @Test
    void anUnknownGlobalBundleIsNamedWithTheConfiguredOnesAndTheFix() {
        FailureAnalysis analysis = failure(runner(), "dify.ssl.bundle=privat-ca");

        assertThat(analysis.getDescription()).contains("'dify.ssl.bundle'", "no SSL bundle named 'privat-ca'", "test-ca", "mtls");
        assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.privat-ca", "spring.ssl.bundle.jks.privat-ca",
                "dify.ssl.bundle");
    }

    @Test
    void anUnknownAppBundleIsNamedUnderTheApp() {
        FailureAnalysis analysis = failure(runner(), "dify.apps.a.ssl.bundle=nope");

        assertThat(analysis.getDescription()).contains("'dify.apps.a.ssl.bundle'", "no SSL bundle named 'nope'");
    }

    @Test
    void aBundleWithoutSpringBootsSslBundlesIsRefused() {
        ApplicationContextRunner withoutSsl = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, DifyAutoConfiguration.class));

        FailureAnalysis analysis = failure(withoutSsl, "dify.ssl.bundle=test-ca");

        assertThat(analysis.getDescription()).contains("'dify.ssl.bundle'", "no SSL bundles");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dify.proxy.host=proxy.example.com | dify.proxy.port | has no port",
            "dify.proxy.port=3128 | dify.proxy.host | the proxy has no host",
            "dify.proxy.enabled=true | dify.proxy.host | the proxy has no host",
            "dify.apps.a.proxy.port=70000 | dify.apps.a.proxy.host | the app's proxy has no host",
            "dify.apps.a.proxy.non-proxy-hosts=localhost | dify.apps.a.proxy.host | the app's proxy has no host",
            "dify.proxy.host=http://proxy.example.com:3128 | dify.proxy.host | not a host name",
            "dify.apps.a.proxy.host=user@proxy | dify.apps.a.proxy.host | not a host name" })
    void incompleteOrWrongProxiesAreRefused(String property, String name, String problem) {
        FailureAnalysis analysis = failure(runner(), property);

        assertThat(analysis.getDescription()).contains("'" + name + "'").contains(problem);
        assertThat(analysis.getAction()).contains(name);
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        FailureAnalysis analysis = failure(runner(), "dify.proxy.host=proxy.example.com", "dify.proxy.port=70000");

        assertThat(analysis.getDescription()).contains("'dify.proxy.port'", "70000");
    }

    @Test
    void aPasswordWithoutAUserIsRefusedWithoutShowingIt() {
        FailureAnalysis analysis = failure(runner(), "dify.proxy.host=proxy.example.com", "dify.proxy.port=3128",
                "dify.proxy.password=" + PASSWORD);

        assertThat(analysis.getDescription()).contains("'dify.proxy.password'", "without a user name");
    }

    @Test
    void aCompleteProxyStartsAndNeverShowsItsPassword() {
        runner().withPropertyValues("dify.apps.a.api-key=" + KEY, "dify.proxy.host=proxy.example.com", "dify.proxy.port=3128",
                "dify.proxy.username=u", "dify.proxy.password=" + PASSWORD, "dify.proxy.non-proxy-hosts=localhost,*.internal")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                DifyProperties properties = context.getBean(DifyProperties.class);
                assertThat(properties.getProxy().toString()).contains("proxy.example.com", "******").doesNotContain(PASSWORD);
                assertThat(ProxySettings.of("dify.proxy", properties.getProxy()).toString()).contains("******")
                    .doesNotContain(PASSWORD);
                assertThat(context.getBean(DifyClients.class).toString()).doesNotContain(PASSWORD);
            });
    }

    @Test
    void theConnectorFactoryCanBeReplaced() {
        DifyConnectorFactory own = DifyConnectorFactory.pooled();
        runner().withBean(DifyConnectorFactory.class, () -> own)
            .withPropertyValues("dify.apps.a.api-key=" + KEY)
            .run((context) -> assertThat(context.getBean(DifyConnectorFactory.class)).isSameAs(own));
    }

    private static FailureAnalysis failure(ApplicationContextRunner runner, String... properties) {
        FailureAnalysis[] result = new FailureAnalysis[1];
        runner.withPropertyValues("dify.apps.a.api-key=" + KEY).withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            result[0] = new InvalidDifyPropertyFailureAnalyzer(null).analyze(context.getStartupFailure());
        });
        assertThat(result[0]).as("a failure analysis").isNotNull();
        for (String text : List.of(result[0].getDescription(), result[0].getAction(), String.valueOf(result[0].getCause()))) {
            assertThat(text).doesNotContain(KEY).doesNotContain(PASSWORD);
        }
        return result[0];
    }
}
