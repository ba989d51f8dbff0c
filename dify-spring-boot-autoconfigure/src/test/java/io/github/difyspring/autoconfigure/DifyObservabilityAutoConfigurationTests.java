package io.github.difyspring.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.observation.DefaultDifyObservationConvention;
import io.github.difyspring.client.observation.DifyMetricsObservationHandler;
import io.github.difyspring.client.observation.DifyObservationContext;
import io.github.difyspring.client.observation.DifyObservationConvention;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the observation wiring of {@link DifyAutoConfiguration}: with Spring Boot's
 * observation and metrics auto-configuration, every Dify call is timed, streams get a
 * time-to-first-event timer, usage is counted, and the WebClient's HTTP metrics keep URI templates.
 */
class DifyObservabilityAutoConfigurationTests {

    @RegisterExtension
    static final WireMockExtension dify = WireMockExtension.newInstance()
        .options(options().dynamicPort().bindAddress("127.0.0.1"))
        .build();

    private static final String STREAM = """
            data: {"event": "message", "task_id": "t1", "message_id": "m1", "answer": "Hi", "created_at": 1}

            data: {"event": "message_end", "task_id": "t1", "message_id": "m1", "metadata": {"usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15, "total_price": "0.25", "currency": "RMB"}}}

            """;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
                WebClientAutoConfiguration.class, DifyAutoConfiguration.class))
        .withPropertyValues("dify.apps.support.api-key=app-support-key", "dify.apps.support.user=ops");

    private final ApplicationContextRunner observed = this.runner.withConfiguration(AutoConfigurations.of(
            ObservationAutoConfiguration.class, MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, WebClientObservationAutoConfiguration.class));

    @BeforeEach
    void answerChatMessages() {
        dify.stubFor(post("/v1/chat-messages").willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "text/event-stream")
            .withBody(STREAM)));
    }

    private String difyUrl() {
        return "dify.base-url=http://127.0.0.1:" + dify.getPort() + "/v1";
    }

    @Test
    void withBootsObservationAndMetricsEveryCallIsTimedAndItsUsageCounted() {
        this.observed.withPropertyValues(difyUrl()).run((context) -> {
            assertThat(context).hasSingleBean(DifyMetricsObservationHandler.class);
            context.getBean("support", DifyChatClient.class).stream(ChatRequest.of("Hi")).blockLast();

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get(DefaultDifyObservationConvention.NAME)
                .tags("dify.app", "support", "dify.app.type", "chat", "dify.operation", "POST /chat-messages",
                        "dify.response.mode", "streaming", "outcome", "SUCCESS", "dify.error.code", "none")
                .timer()
                .count()).isEqualTo(1);
            assertThat(meters.get(DifyMetricsObservationHandler.TIME_TO_FIRST_EVENT).tag("dify.app", "support").timer().count())
                .isEqualTo(1);
            assertThat(meters.get(DifyMetricsObservationHandler.TOKENS).tags("dify.app", "support", "dify.token.type", "total")
                .counter()
                .count()).isEqualTo(15);
            assertThat(meters.get(DifyMetricsObservationHandler.PRICE).tags("dify.app", "support", "currency", "RMB")
                .counter()
                .count()).isEqualTo(0.25);
            assertThat(meters.get("http.client.requests").tag("uri", "/v1/chat-messages").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void aConventionBeanReplacesTheDefault() {
        this.observed.withPropertyValues(difyUrl()).withUserConfiguration(TenantConvention.class).run((context) -> {
            assertThat(context).hasSingleBean(DifyObservationConvention.class).doesNotHaveBean("difyObservationConvention");
            context.getBean("support", DifyChatClient.class).stream(ChatRequest.of("Hi")).blockLast();

            assertThat(context.getBean(MeterRegistry.class).get("dify.calls").tag("tenant", "acme").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void withoutAMeterRegistryThereIsNoMetricsHandlerAndCallsWork() {
        this.runner.withPropertyValues(difyUrl())
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
            .run((context) -> {
                assertThat(context).doesNotHaveBean(DifyMetricsObservationHandler.class);
                assertThat(context.getBean("support", DifyChatClient.class).stream(ChatRequest.of("Hi")).collectList().block())
                    .hasSize(2);
            });
    }

    @Test
    void withoutObservationAtAllCallsWork() {
        dify.stubFor(post("/v1/chat-messages").willReturn(okJson("{\"event\": \"message\", \"answer\": \"Hello\"}")));
        this.runner.withPropertyValues(difyUrl()).run((context) -> {
            assertThat(context).doesNotHaveBean(DifyMetricsObservationHandler.class);
            assertThat(context.getBean("support", DifyChatClient.class).send(ChatRequest.of("Hi")).block().answer())
                .isEqualTo("Hello");
        });
    }

    @Test
    void withoutMicrometerCoreOnTheClasspathCallsWork() {
        this.runner.withPropertyValues(difyUrl())
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(DifyMetricsObservationHandler.class);
                assertThat(context.getBean("support", DifyChatClient.class).stream(ChatRequest.of("Hi")).collectList().block())
                    .hasSize(2);
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class TenantConvention {

        @Bean
        DifyObservationConvention tenantConvention() {
            return new DefaultDifyObservationConvention() {

                @Override
                public String getName() {
                    return "dify.calls";
                }

                @Override
                public KeyValues getLowCardinalityKeyValues(DifyObservationContext context) {
                    return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
                }
            };
        }
    }
}
