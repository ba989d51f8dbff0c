package io.github.difyspring.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DifyHealthContributorAutoConfiguration}: one health indicator per app, keyed
 * by app name, asking Dify's {@code GET /info} with the app's key.
 */
class DifyHealthContributorAutoConfigurationTests {

    @RegisterExtension
    static final WireMockExtension dify = WireMockExtension.newInstance()
        .options(options().dynamicPort().bindAddress("127.0.0.1"))
        .build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
                WebClientAutoConfiguration.class, DifyAutoConfiguration.class, DifyHealthContributorAutoConfiguration.class,
                HealthContributorAutoConfiguration.class))
        .withPropertyValues("dify.apps.support.api-key=app-support-key", "dify.apps.support.type=chat",
                "dify.apps.reports.api-key=app-reports-key", "dify.apps.reports.type=workflow");

    private ApplicationContextRunner onDify() {
        return this.runner.withPropertyValues("dify.base-url=http://127.0.0.1:" + dify.getPort() + "/v1");
    }

    private static Health health(AssertableApplicationContext context, String app) {
        CompositeReactiveHealthContributor composite = context.getBean("difyHealthContributor",
                CompositeReactiveHealthContributor.class);
        ReactiveHealthIndicator indicator = (ReactiveHealthIndicator) composite.getContributor(app);
        assertThat(indicator).as("indicator of %s", app).isNotNull();
        return indicator.health().block();
    }

    @Test
    void anAppThatAnswersIsUpWithItsNameAndMode() {
        dify.stubFor(get("/v1/info").willReturn(okJson("""
                {"name": "Support Bot", "description": "", "tags": [], "mode": "advanced-chat", "author_name": "ops"}
                """)));
        onDify().run((context) -> {
            Health health = health(context, "support");
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("name", "Support Bot")
                .containsEntry("mode", "advanced-chat")
                .containsEntry("type", "chat");
            dify.verify(getRequestedFor(urlEqualTo("/v1/info")).withHeader("Authorization",
                    equalTo("Bearer app-support-key")));
        });
    }

    @ParameterizedTest
    @CsvSource({ "401, unauthorized, Access token is invalid", "403, app_unavailable, App unavailable",
            "404, not_found, App not found" })
    void anAppDifyRefusesIsDownWithTheStatusAndDifysCode(int status, String code, String message) {
        dify.stubFor(get("/v1/info").willReturn(aResponse().withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"code\": \"" + code + "\", \"message\": \"" + message + "\", \"status\": " + status + "}")));
        onDify().run((context) -> {
            Health health = health(context, "reports");
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("status", status)
                .containsEntry("code", code)
                .containsEntry("message", message)
                .containsEntry("type", "workflow");
            assertThat(health.getDetails().toString()).doesNotContain("app-reports-key");
        });
    }

    @Test
    void anAppThatDoesNotAnswerInTimeIsDown() {
        dify.stubFor(get("/v1/info").willReturn(okJson("{\"name\": \"late\"}").withFixedDelay(3000)));
        onDify().withPropertyValues("management.health.dify.timeout=200ms").run((context) -> {
            long start = System.nanoTime();
            Health health = health(context, "support");
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", "no answer from GET /info within 200 ms");
            assertThat(System.nanoTime() - start).as("the probe does not wait for Dify").isLessThan(2_500_000_000L);
        });
    }

    @Test
    void anUnreachableDifyIsDownWithoutTheKey() {
        this.runner.withPropertyValues("dify.base-url=http://127.0.0.1:1/v1", "dify.retry.enabled=false").run((context) -> {
            Health health = health(context, "support");
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
            assertThat(health.getDetails().toString()).doesNotContain("app-support-key");
        });
    }

    @Test
    void canBeSwitchedOff() {
        onDify().withPropertyValues("management.health.dify.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("difyHealthContributor"));
    }

    @Test
    void backsOffWithoutSpringBootsHealthSupport() {
        onDify().withClassLoader(new FilteredClassLoader(ReactiveHealthContributor.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("difyHealthContributor"));
    }

    @Test
    void backsOffWithoutDifyApps() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DifyHealthContributorAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean("difyHealthContributor"));
    }

    @Test
    void isInTheDefaultHealthGroupButNotInTheLivenessProbe() {
        onDify().withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
                HealthContributorRegistryAutoConfiguration.class,
                HealthEndpointAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
                AvailabilityProbesAutoConfiguration.class))
            .withPropertyValues("management.endpoint.health.probes.enabled=true")
            .run((context) -> {
                HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
                assertThat(groups.getPrimary().isMember("dify")).isTrue();
                assertThat(groups.get("liveness").isMember("dify")).isFalse();
            });
    }
}
