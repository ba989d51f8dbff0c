package io.github.difyspring.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyUnauthorizedException;
import io.github.difyspring.test.DifyTestServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code dify.knowledge.*}: a knowledge base API key registers one {@link DifyKnowledgeClient} bean
 * with the settings of {@code dify.*} and its own; without one there is none; a wrong setting stops
 * startup naming the property, and an app's key is told apart from a knowledge base key.
 */
class KnowledgeAutoConfigurationTests {

    private static final String KNOWLEDGE_KEY = "dataset-Kn0wl3dg3K3y";

    /** Knows no knowledge base key: it refuses every key on the Knowledge API, as Dify refuses an app's. */
    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension();

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            JacksonAutoConfiguration.class, CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
            DifyAutoConfiguration.class));

    private String difyUrl() {
        return dify.baseUrl();
    }

    @Test
    void aKnowledgeKeyRegistersOneKnowledgeClientBesideTheApps() {
        this.runner.withPropertyValues("dify.base-url=" + difyUrl(), "dify.knowledge.api-key=" + KNOWLEDGE_KEY,
                "dify.apps.support.api-key=app-1").run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(DifyKnowledgeClient.class).hasBean("difyKnowledgeClient");
                    DifyKnowledgeClient knowledge = context.getBean(DifyKnowledgeClient.class);
                    assertThat(knowledge.app().type()).isEqualTo(DifyAppType.KNOWLEDGE);
                    assertThat(knowledge.app().baseUrl()).hasToString(difyUrl());
                    assertThat(context.getBean(DifyClients.class).knowledge("knowledge")).isSameAs(knowledge);
                    assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> context.getBean(DifyClients.class).client("knowledge")))
                        .hasMessage("Dify app 'knowledge' is the workspace's knowledge bases, not an app; use knowledge(\"knowledge\")");
                    assertThat(context.getBean("support")).isInstanceOf(DifyChatClient.class);
                });
    }

    @Test
    void withoutAKnowledgeKeyThereIsNoKnowledgeClient() {
        this.runner.withPropertyValues("dify.apps.support.api-key=app-1").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(DifyKnowledgeClient.class);
        });
    }

    @Test
    void theKnowledgeClientTakesTheGlobalSettingsAndItsOwn() {
        this.runner.withPropertyValues("dify.base-url=https://dify.example.com/v1", "dify.connect-timeout=3s",
                "dify.retry.max-attempts=5", "dify.knowledge.api-key=" + KNOWLEDGE_KEY,
                "dify.knowledge.base-url=https://kb.example.com/v1", "dify.knowledge.response-timeout=2m").run((context) -> {
                    DifyKnowledgeClient knowledge = context.getBean(DifyKnowledgeClient.class);
                    assertThat(knowledge.app().baseUrl()).hasToString("https://kb.example.com/v1");
                    assertThat(knowledge.app().options().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(knowledge.app().options().responseTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(knowledge.app().options().retry().maxAttempts()).isEqualTo(5);
                });
    }

    @Test
    void knowledgeSettingsWithoutAKeyStopStartupNamingTheKey() {
        InvalidDifyPropertyException failure = failure("dify.knowledge.base-url=https://kb.example.com/v1");
        assertThat(failure.getProperty()).isEqualTo("dify.knowledge.api-key");
        assertThat(failure.getProblem()).contains("dify.knowledge has settings but no API key");
    }

    @Test
    void aBlankKnowledgeKeyStopsStartupSayingWhereToFindTheKey() {
        InvalidDifyPropertyException failure = failure("dify.knowledge.api-key= ");
        assertThat(failure.getProperty()).isEqualTo("dify.knowledge.api-key");
        assertThat(failure.getAction()).contains("knowledge base API key", "Knowledge > Service API");
    }

    @Test
    void anAppsKeyAsTheKnowledgeKeyStopsStartupWithoutShowingIt() {
        InvalidDifyPropertyException failure = failure("dify.knowledge.api-key=app-S3cr3tAppK3y");
        assertThat(failure.getProperty()).isEqualTo("dify.knowledge.api-key");
        assertThat(failure.getProblem()).contains("an app's API key");
        assertThat(failure.getMessage()).doesNotContain("S3cr3tAppK3y");
    }

    @Test
    void knowledgeIsNotAnAppType() {
        InvalidDifyPropertyException failure = failure("dify.apps.kb.api-key=" + KNOWLEDGE_KEY, "dify.apps.kb.type=knowledge");
        assertThat(failure.getProperty()).isEqualTo("dify.apps.kb.type");
        assertThat(failure.getAction()).contains("dify.knowledge.api-key");
    }

    @Test
    void anAppNamedKnowledgeBesideTheKnowledgeClientStopsStartup() {
        InvalidDifyPropertyException failure = failure("dify.knowledge.api-key=" + KNOWLEDGE_KEY, "dify.apps.knowledge.api-key=app-1");
        assertThat(failure.getProperty()).isEqualTo("dify.apps.knowledge");
    }

    @Test
    void aBeanNamedLikeTheKnowledgeClientStopsStartup() {
        this.runner.withUserConfiguration(ClashingBean.class).withPropertyValues("dify.knowledge.api-key=" + KNOWLEDGE_KEY)
            .run((context) -> assertThat(context).getFailure()
                .isInstanceOf(InvalidDifyPropertyException.class)
                .hasMessageContaining("difyKnowledgeClient"));
    }

    @Test
    void anAppsKeyRefusedByTheKnowledgeApiIsExplained() {
        this.runner.withPropertyValues("dify.base-url=" + difyUrl(), "dify.knowledge.api-key=" + KNOWLEDGE_KEY, "dify.retry.enabled=false")
            .run((context) -> {
                DifyKnowledgeClient knowledge = context.getBean(DifyKnowledgeClient.class);
                DifyUnauthorizedException failure = catchThrowableOfType(DifyUnauthorizedException.class,
                        () -> knowledge.base("kb-1").boundTags().block(Duration.ofSeconds(10)));
                assertThat(failure.getKeyHint()).contains("knowledge base API key", "an app's API key is refused");
                assertThat(failure.getMessage()).contains("Access token is invalid", "knowledge base API key")
                    .doesNotContain(KNOWLEDGE_KEY);
                assertThat(dify.server().requests().to("GET", "/datasets/kb-1/tags").single().app()).isEqualTo("unknown");
            });
    }

    private InvalidDifyPropertyException failure(String... properties) {
        InvalidDifyPropertyException[] failure = new InvalidDifyPropertyException[1];
        this.runner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            Throwable cause = context.getStartupFailure();
            while (cause != null && !(cause instanceof InvalidDifyPropertyException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("startup failure %s", context.getStartupFailure()).isInstanceOf(InvalidDifyPropertyException.class);
            failure[0] = (InvalidDifyPropertyException) cause;
        });
        return failure[0];
    }

    @Configuration(proxyBeanMethods = false)
    static class ClashingBean {

        @Bean
        String difyKnowledgeClient() {
            return "not a client";
        }
    }
}
