package io.github.difyspring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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

import io.github.difyspring.test.DifyFault;
import io.github.difyspring.test.DifyTestServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DifyHealthContributorAutoConfiguration}: one health indicator per app, keyed
 * by app name, asking Dify's {@code GET /info} with the app's key. Dify is the library's test
 * double, which finds each app by the key its request carries.
 */
class DifyHealthContributorAutoConfigurationTests {

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> {
        server.chatflowApp("support", "app-support-key").info(Map.of("name", "Support Bot", "description", "", "tags", List.of(),
                "mode", "advanced-chat", "author_name", "ops"));
        server.workflowApp("reports", "app-reports-key");
    });

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
                WebClientAutoConfiguration.class, DifyAutoConfiguration.class, DifyHealthContributorAutoConfiguration.class,
                HealthContributorAutoConfiguration.class))
        .withPropertyValues("dify.apps.support.api-key=app-support-key", "dify.apps.support.type=chat",
                "dify.apps.reports.api-key=app-reports-key", "dify.apps.reports.type=workflow");

    private ApplicationContextRunner onDify() {
        return this.runner.withPropertyValues("dify.base-url=" + dify.baseUrl());
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
        onDify().run((context) -> {
            Health health = health(context, "support");
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("name", "Support Bot")
                .containsEntry("mode", "advanced-chat")
                .containsEntry("type", "chat");
            assertThat(dify.server().requests().app("support").to("GET", "/info")).as("asked with the support app's key")
                .hasSize(1);
        });
    }

    @ParameterizedTest
    @CsvSource({ "401, unauthorized, Access token is invalid", "403, app_unavailable, App unavailable",
            "404, not_found, App not found" })
    void anAppDifyRefusesIsDownWithTheStatusAndDifysCode(int status, String code, String message) {
        dify.server().app("reports").onEveryRequest(DifyFault.httpError(status, code, message));
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
        dify.server().app("support").onNextRequest(DifyFault.slowFirstByte(Duration.ofSeconds(3)));
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
