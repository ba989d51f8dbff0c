package io.github.difyspring.sample.demo;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DemoModeEnvironmentPostProcessorTests {

    private final DemoModeEnvironmentPostProcessor processor = new DemoModeEnvironmentPostProcessor();

    @Test
    void withoutAnyKeyTheDemoIsOnWithItsAppsUsersAndALoopbackPort() {
        MockEnvironment environment = new MockEnvironment();
        this.processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getActiveProfiles()).containsExactly("demo");
        assertThat(environment.getProperty("sample.demo.enabled", Boolean.class)).isTrue();
        int port = environment.getProperty("sample.demo.port", Integer.class);
        assertThat(port).isPositive();
        assertThat(environment.getProperty("dify.apps.assistant.base-url")).isEqualTo("http://127.0.0.1:" + port + "/v1");
        assertThat(environment.getProperty("dify.apps.pipeline.type")).isEqualTo("workflow");
        assertThat(environment.getProperty("sample.users.alice.password")).startsWith("{bcrypt}");
    }

    @Test
    void aKeyFromAnySourceTurnsTheDemoOff() {
        MockEnvironment environment = new MockEnvironment().withProperty("dify.apps.support.api-key", "app-real");
        this.processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getActiveProfiles()).isEmpty();
        assertThat(environment.getProperty("sample.demo.enabled")).isNull();
        assertThat(environment.getProperty("dify.apps.assistant.api-key")).isNull();
    }

    @Test
    void thePropertyForcesEitherWay() {
        MockEnvironment off = new MockEnvironment().withProperty("sample.demo.enabled", "false");
        this.processor.postProcessEnvironment(off, new SpringApplication());
        assertThat(off.getProperty("dify.apps.assistant.api-key")).isNull();

        MockEnvironment on = new MockEnvironment().withProperty("sample.demo.enabled", "true")
            .withProperty("dify.apps.support.api-key", "app-real")
            .withProperty("sample.demo.port", "45678");
        this.processor.postProcessEnvironment(on, new SpringApplication());
        assertThat(on.getProperty("dify.apps.writer.base-url")).isEqualTo("http://127.0.0.1:45678/v1");
        assertThat(on.getProperty("dify.apps.support.api-key")).isEqualTo("app-real");
    }
}
