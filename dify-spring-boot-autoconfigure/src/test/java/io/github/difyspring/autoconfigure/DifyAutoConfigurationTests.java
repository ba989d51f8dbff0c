package io.github.difyspring.autoconfigure;

import java.util.Map;
import java.util.NoSuchElementException;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientCustomizer;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DifyAutoConfiguration}: which beans exist for which properties, how they are
 * named and injected, and how they back off.
 */
class DifyAutoConfigurationTests {

    private static final WireMockServer dify = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            JacksonAutoConfiguration.class, CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
            DifyAutoConfiguration.class));

    @BeforeAll
    static void startDify() {
        dify.start();
    }

    @AfterAll
    static void stopDify() {
        dify.stop();
    }

    @BeforeEach
    void answerChatMessages() {
        dify.resetAll();
        dify.stubFor(post("/v1/chat-messages").willReturn(okJson("{\"event\":\"message\",\"answer\":\"Hello\"}")));
    }

    private String difyUrl() {
        return "http://127.0.0.1:" + dify.port() + "/v1";
    }

    @Test
    void isListedAsAnAutoConfiguration() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
            .contains(DifyAutoConfiguration.class.getName());
    }

    @Test
    void withoutAppsThereAreNoClientsButAnEmptyRegistry() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(DifyClients.class);
            assertThat(context.getBean(DifyClients.class).names()).isEmpty();
            assertThat(context).doesNotHaveBean(DifyChatClient.class)
                .doesNotHaveBean(DifyWorkflowClient.class)
                .doesNotHaveBean(DifyCompletionClient.class);
        });
    }

    @Test
    void registersOneClientPerAppNamedAfterTheApp() {
        this.runner.withPropertyValues("dify.apps.support.api-key=k1", "dify.apps.support.type=chat",
                "dify.apps.research.api-key=k2", "dify.apps.research.type=agent", "dify.apps.flow.api-key=k3",
                "dify.apps.flow.type=chatflow", "dify.apps.summarize.api-key=k4", "dify.apps.summarize.type=completion",
                "dify.apps.etl.api-key=k5", "dify.apps.etl.type=workflow")
            .run((context) -> {
                assertThat(context.getBeanNamesForType(DifyChatClient.class)).containsExactlyInAnyOrder("support", "research",
                        "flow");
                assertThat(context.getBeanNamesForType(DifyWorkflowClient.class)).containsExactly("etl");
                assertThat(context.getBeanNamesForType(DifyCompletionClient.class)).containsExactly("summarize");
                assertThat(context.getBean("research", DifyChatClient.class).app().type()).isEqualTo(DifyAppType.AGENT);
                assertThat(context.getBean("flow", DifyChatClient.class).app().type()).isEqualTo(DifyAppType.CHATFLOW);
                DifyClients clients = context.getBean(DifyClients.class);
                assertThat(clients.names()).containsExactly("support", "research", "flow", "summarize", "etl");
                assertThat(context.getBean("support")).isSameAs(clients.chat("support"));
                assertThat(context.getBean("etl")).isSameAs(clients.workflow("etl"));
                assertThat(context.getBean("summarize")).isSameAs(clients.completion("summarize"));
            });
    }

    @Test
    void typeDefaultsToChatAndTypeNamesAreCaseInsensitive() {
        this.runner.withPropertyValues("dify.apps.plain.api-key=k1", "dify.apps.loud.api-key=k2", "dify.apps.loud.type=WORKFLOW")
            .run((context) -> {
                assertThat(context.getBean("plain", DifyChatClient.class).app().type()).isEqualTo(DifyAppType.CHAT);
                assertThat(context.getBean("loud")).isInstanceOf(DifyWorkflowClient.class);
            });
    }

    @Test
    void appsTakeTheGlobalBaseUrlUnlessTheyHaveTheirOwn() {
        this.runner.withPropertyValues("dify.base-url=https://dify.example.com/v1/", "dify.apps.a.api-key=k1",
                "dify.apps.b.api-key=k2", "dify.apps.b.base-url=http://localhost:5001/v1", "dify.apps.b.user=svc-b")
            .run((context) -> {
                DifyApp a = context.getBean(DifyClients.class).app("a");
                DifyApp b = context.getBean(DifyClients.class).app("b");
                assertThat(a.baseUrl()).hasToString("https://dify.example.com/v1");
                assertThat(a.defaultUser()).isNull();
                assertThat(b.baseUrl()).hasToString("http://localhost:5001/v1");
                assertThat(b.defaultUser()).isEqualTo("svc-b");
                assertThat(b.apiKey()).isEqualTo("k2");
            });
    }

    @Test
    void defaultBaseUrlIsDifyCloud() {
        this.runner.withPropertyValues("dify.apps.a.api-key=k1")
            .run((context) -> assertThat(context.getBean(DifyClients.class).app("a").baseUrl())
                .hasToString("https://api.dify.ai/v1"));
    }

    @Test
    void qualifierPicksTheAppsClient() {
        this.runner.withPropertyValues("dify.apps.support.api-key=k1", "dify.apps.sales.api-key=k2")
            .withUserConfiguration(QualifiedInjection.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(QualifiedInjection.class).client.app().name()).isEqualTo("sales");
            });
    }

    @Test
    void aLoneClientOfItsTypeIsInjectableWithoutQualifier() {
        this.runner.withPropertyValues("dify.apps.support.api-key=k1", "dify.apps.sales.api-key=k2",
                "dify.apps.etl.api-key=k3", "dify.apps.etl.type=workflow")
            .withUserConfiguration(UnqualifiedWorkflowInjection.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(UnqualifiedWorkflowInjection.class).client.app().name()).isEqualTo("etl");
            });
    }

    @Test
    void registryRefusesUnknownNamesAndWrongTypesWithAHint() {
        this.runner.withPropertyValues("dify.apps.etl.api-key=k1", "dify.apps.etl.type=workflow").run((context) -> {
            DifyClients clients = context.getBean(DifyClients.class);
            assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> clients.chat("nope"))
                .withMessageContaining("'nope'")
                .withMessageContaining("[etl]");
            assertThatIllegalArgumentException().isThrownBy(() -> clients.chat("etl"))
                .withMessageContaining("workflow(\"etl\")");
        });
    }

    @Test
    void clientsUseTheApplicationsWebClientBuilderAndTheirOwnKey() {
        this.runner.withPropertyValues("dify.base-url=" + difyUrl(), "dify.apps.support.api-key=support-key",
                "dify.apps.support.user=u1")
            .withUserConfiguration(ApplicationWideHeader.class)
            .run((context) -> {
                context.getBean("support", DifyChatClient.class).send(ChatRequest.of("Hi")).block();
                dify.verify(postRequestedFor(urlEqualTo("/v1/chat-messages"))
                    .withHeader("Authorization", equalTo("Bearer support-key"))
                    .withHeader("X-Application", equalTo("everywhere")));
            });
    }

    @Test
    void difyClientCustomizersAdjustOnlyTheAppTheyChooseInOrder() {
        this.runner.withPropertyValues("dify.base-url=" + difyUrl(), "dify.apps.support.api-key=k1",
                "dify.apps.support.user=u1", "dify.apps.sales.api-key=k2", "dify.apps.sales.user=u2")
            .withUserConfiguration(SupportOnlyCustomizers.class)
            .run((context) -> {
                DifyClients clients = context.getBean(DifyClients.class);
                clients.chat("support").send(ChatRequest.builder().query("Hi").user("support-user").build()).block();
                clients.chat("sales").send(ChatRequest.builder().query("Hi").user("sales-user").build()).block();
                LoggedRequest support = dify.findAll(postRequestedFor(urlEqualTo("/v1/chat-messages"))
                    .withHeader("Authorization", equalTo("Bearer k1"))).get(0);
                assertThat(support.header("X-Customized").values()).containsExactly("first", "second");
                dify.verify(postRequestedFor(urlEqualTo("/v1/chat-messages")).withHeader("Authorization", equalTo("Bearer k2"))
                    .withHeader("X-Customized", absent()));
            });
    }

    @Test
    void customizingOneAppDoesNotLeakIntoTheApplicationsBuilder() {
        this.runner.withPropertyValues("dify.apps.support.api-key=k1")
            .withUserConfiguration(SupportOnlyCustomizers.class)
            .run((context) -> {
                WebClient.Builder applicationBuilder = context.getBean(WebClient.Builder.class);
                dify.stubFor(post("/plain").willReturn(okJson("{}")));
                applicationBuilder.build().post().uri("http://127.0.0.1:" + dify.port() + "/plain").retrieve()
                    .toBodilessEntity().block();
                dify.verify(postRequestedFor(urlEqualTo("/plain")).withHeader("X-Customized", absent())
                    .withHeader("Authorization", absent()));
            });
    }

    @Test
    void backsOffFromTheApplicationsOwnRegistry() {
        this.runner.withPropertyValues("dify.apps.support.api-key=k1")
            .withUserConfiguration(OwnRegistry.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(DifyClients.class);
                assertThat(context.getBean(DifyClients.class)).isSameAs(context.getBean(OwnRegistry.class).registry);
                assertThat(context.getBean("support", DifyChatClient.class).app().apiKey()).isEqualTo("own-key");
            });
    }

    @Test
    void anAppNamedLikeTheApplicationsOwnClientStopsStartupRatherThanGuessWhichIsMeant() {
        this.runner.withPropertyValues("dify.apps.support.api-key=k1", "dify.apps.sales.api-key=k2")
            .withUserConfiguration(OwnSupportClient.class)
            .run((context) -> assertThat(context).getFailure()
                .isInstanceOf(InvalidDifyPropertyException.class)
                .hasMessageContaining("'dify.apps.support'")
                .hasMessageContaining("clashes with an existing bean"));
    }

    @Test
    void theApplicationsOwnClientLivesBesideTheAppsUnderAnotherName() {
        this.runner.withPropertyValues("dify.apps.sales.api-key=k2")
            .withUserConfiguration(OwnSupportClient.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean("support", DifyChatClient.class).app().apiKey()).isEqualTo("own-key");
                assertThat(context.getBean("sales", DifyChatClient.class).app().apiKey()).isEqualTo("k2");
            });
    }

    @Test
    void appsSetOnlyThroughEnvironmentVariablesGetTheirClientOfTheirType() {
        this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("DIFY_APPS_ETL_API_KEY", "k1", "DIFY_APPS_ETL_TYPE", "workflow", "DIFY_APPS_SUPPORT_API_KEY", "k2"))))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean("etl")).isInstanceOf(DifyWorkflowClient.class);
                assertThat(context.getBean("support")).isInstanceOf(DifyChatClient.class);
            });
    }

    @Test
    void anAppWithListsAndNestedSettingsIsRegisteredOnce() {
        this.runner.withPropertyValues("dify.apps.support.api-key=k1", "dify.apps.support.proxy.enabled=false",
                "dify.apps.support.proxy.non-proxy-hosts[0]=localhost", "dify.apps.support.retry.max-attempts=2")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBeanNamesForType(DifyChatClient.class)).containsExactly("support");
                assertThat(context.getBean("support", DifyChatClient.class).app().options().retry().maxAttempts()).isEqualTo(2);
            });
    }

    @Test
    void keysNeverShowInToString() {
        this.runner.withPropertyValues("dify.apps.support.api-key=very-secret-key").run((context) -> {
            assertThat(context.getBean(DifyProperties.class).getApps().get("support").toString()).doesNotContain("very-secret");
            assertThat(context.getBean(DifyClients.class).toString()).doesNotContain("very-secret").contains("support");
            assertThat(context.getBean("support").toString()).doesNotContain("very-secret");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class QualifiedInjection {

        final DifyChatClient client;

        QualifiedInjection(@Qualifier("sales") DifyChatClient client) {
            this.client = client;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UnqualifiedWorkflowInjection {

        final DifyWorkflowClient client;

        UnqualifiedWorkflowInjection(DifyWorkflowClient client) {
            this.client = client;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationWideHeader {

        @Bean
        WebClientCustomizer applicationWideHeader() {
            return (builder) -> builder.defaultHeader("X-Application", "everywhere");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SupportOnlyCustomizers {

        @Bean
        @Order(2)
        DifyClientCustomizer second() {
            return (app, builder) -> {
                if (app.equals("support")) {
                    builder.defaultHeaders((headers) -> headers.add("X-Customized", "second"));
                }
            };
        }

        @Bean
        @Order(1)
        DifyClientCustomizer first() {
            return (app, builder) -> {
                if (app.equals("support")) {
                    builder.defaultHeaders((headers) -> headers.add("X-Customized", "first"));
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {

        final DifyClients registry = new DifyClients(
                java.util.List.of(new DifyApp("support", DifyAppType.CHAT, java.net.URI.create("http://localhost/v1"),
                        "own-key", null)),
                WebClient.builder(), java.util.List.of());

        @Bean
        DifyClients difyClients() {
            return this.registry;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSupportClient {

        @Bean
        DifyChatClient support() {
            return new DifyChatClient(new DifyApp("support", DifyAppType.CHAT, java.net.URI.create("http://localhost/v1"),
                    "own-key", null), WebClient.builder());
        }
    }
}
