package io.github.difyspring.autoconfigure;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
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
            .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.of(Environment.class, new StandardEnvironment()),
                    SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
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
                    .contains(BeanNamedSupport.class.getName());
                assertThat(analysis.getAction()).contains("Rename the app", "or the other bean");
                assertNoKey(analysis);
            });
    }

    @Test
    void appNamedLikeTheRegistryClashes() {
        FailureAnalysis analysis = failure("dify.apps.difyClients.api-key=" + KEY);
        assertThat(analysis.getDescription()).contains("'dify.apps.difyClients'").contains("clashes");
    }

    @Test
    void theAnalysisSaysWhichFileAndLineSetTheWrongValueWithoutShowingIt() throws IOException {
        PropertySource<?> yaml = new YamlPropertySourceLoader().load("invalid-dify.yml", new ClassPathResource("invalid-dify.yml")).get(0);
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        Environment[] environment = new Environment[1];
        this.runner.withInitializer((context) -> {
            context.getEnvironment().getPropertySources().addFirst(yaml);
            environment[0] = context.getEnvironment();
        }).run((context) -> {
            assertThat(context).hasFailed();
            analysis[0] = new InvalidDifyPropertyFailureAnalyzer(environment[0]).analyze(context.getStartupFailure());
        });

        assertThat(analysis[0].getDescription()).contains("'dify.apps.support.type'", "'chatbot' is not a Dify app type",
                "Its value comes from 'class path resource [invalid-dify.yml] - 5:13'");
        assertNoKey(analysis[0]);
    }

    @Test
    void theAnalysisNamesAnEnvironmentVariableAsTheOriginOfAValue() {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        Environment[] environment = new Environment[1];
        this.runner.withInitializer((context) -> {
            context.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    Map.of("DIFY_APPS_SUPPORT_API_KEY", KEY, "DIFY_APPS_SUPPORT_BASE_URL", "ftp://dify.internal/v1")));
            environment[0] = context.getEnvironment();
        }).run((context) -> {
            assertThat(context).hasFailed();
            analysis[0] = new InvalidDifyPropertyFailureAnalyzer(environment[0]).analyze(context.getStartupFailure());
        });

        assertThat(analysis[0].getDescription()).contains("'dify.apps.support.base-url'", "DIFY_APPS_SUPPORT_BASE_URL");
        assertNoKey(analysis[0]);
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
        FailureAnalysis analysis = new InvalidDifyPropertyFailureAnalyzer(null).analyze(failure);
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
