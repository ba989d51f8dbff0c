package io.github.difyspring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong Dify properties stop startup, and the failure analysis names the property and the fix
 * without ever showing a key.
 */
class InvalidDifyPropertiesTests {

    private static final String KEY = "app-SECRET-0123456789";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, DifyAutoConfiguration.class));

    @Test
    void theAnalyzerIsRegistered() {
        // Other analyzers need constructor arguments this test does not give: skip them.
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
            .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
            })))
            .hasAtLeastOneElementOfType(InvalidDifyPropertyFailureAnalyzer.class);
    }

    @Test
    void missingApiKey() {
        FailureAnalysis analysis = failure("dify.apps.support.type=chat");
        assertThat(analysis.getDescription()).contains("'dify.apps.support.api-key'").contains("no API key");
        assertThat(analysis.getAction()).contains("Set dify.apps.support.api-key").contains("API Access");
    }

    @Test
    void blankApiKey() {
        FailureAnalysis analysis = failure("dify.apps.support.api-key=   ");
        assertThat(analysis.getDescription()).contains("'dify.apps.support.api-key'").contains("no API key");
    }

    @Test
    void apiKeyWithALineBreakIsRefusedWithoutShowingIt() {
        FailureAnalysis analysis = failure("dify.apps.support.api-key=" + KEY + "\r\nX-Injected: yes");
        assertThat(analysis.getDescription()).contains("'dify.apps.support.api-key'").contains("control character at position 22");
        assertThat(analysis.getAction()).contains("Copy the key again");
    }

    @Test
    void unknownType() {
        FailureAnalysis analysis = failure("dify.apps.support.api-key=" + KEY, "dify.apps.support.type=chatbot");
        assertThat(analysis.getDescription()).contains("'dify.apps.support.type'").contains("'chatbot' is not a Dify app type");
        assertThat(analysis.getAction()).contains("chat, agent, chatflow, workflow or completion");
    }

    @Test
    void malformedGlobalBaseUrl() {
        FailureAnalysis analysis = failure("dify.base-url=http://exa mple.com/v1", "dify.apps.support.api-key=" + KEY);
        assertThat(analysis.getDescription()).contains("'dify.base-url'").contains("not a valid URL");
        assertThat(analysis.getAction()).contains("https://api.dify.ai/v1");
    }

    @Test
    void relativeAppBaseUrl() {
        FailureAnalysis analysis = failure("dify.apps.support.api-key=" + KEY, "dify.apps.support.base-url=dify.internal/v1");
        assertThat(analysis.getDescription()).contains("'dify.apps.support.base-url'")
            .contains("not an absolute http or https URL");
    }

    @Test
    void baseUrlOfAnotherScheme() {
        FailureAnalysis analysis = failure("dify.apps.support.api-key=" + KEY, "dify.apps.support.base-url=ftp://dify.internal/v1");
        assertThat(analysis.getDescription()).contains("'dify.apps.support.base-url'")
            .contains("not an absolute http or https URL");
    }

    @Test
    void appNameThatCannotBeABeanName() {
        FailureAnalysis analysis = failure("dify.apps[my.app].api-key=" + KEY);
        assertThat(analysis.getDescription()).contains("'dify.apps.my.app'").contains("cannot be a bean name");
        assertThat(analysis.getAction()).contains("starts with a letter");
    }

    @Test
    void appNameThatClashesWithAnotherBean() {
        this.runner.withUserConfiguration(BeanNamedSupport.class)
            .withPropertyValues("dify.apps.support.api-key=" + KEY)
            .run((context) -> {
                FailureAnalysis analysis = analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("'dify.apps.support'")
                    .contains("clashes with an existing bean")
                    .contains("java.lang.String");
                assertThat(analysis.getAction()).contains("Rename the app");
                assertNoKey(analysis);
            });
    }

    @Test
    void appNamedLikeTheRegistryClashes() {
        FailureAnalysis analysis = failure("dify.apps.difyClients.api-key=" + KEY);
        assertThat(analysis.getDescription()).contains("'dify.apps.difyClients'").contains("clashes");
    }

    private FailureAnalysis failure(String... properties) {
        FailureAnalysis[] result = new FailureAnalysis[1];
        this.runner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            result[0] = analyze(context.getStartupFailure());
        });
        assertNoKey(result[0]);
        return result[0];
    }

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new InvalidDifyPropertyFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
        return analysis;
    }

    private static void assertNoKey(FailureAnalysis analysis) {
        assertThat(analysis.getDescription()).doesNotContain(KEY);
        assertThat(analysis.getAction()).doesNotContain(KEY);
        assertThat(analysis.getCause().getMessage()).doesNotContain(KEY);
    }

    @Configuration(proxyBeanMethods = false)
    static class BeanNamedSupport {

        @Bean
        String support() {
            return "not a Dify client";
        }
    }
}
