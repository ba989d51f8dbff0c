package io.github.difyspring.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring test without {@link AutoConfigureDifyTestServer} gets no server, and its Dify
 * properties stay as configured, although the module is on its class path.
 */
@SpringBootTest(classes = WithoutAutoConfigureDifyTestServerTests.NoBeans.class,
        properties = { "dify.apps.support.api-key=app-support-test-key", "dify.base-url=http://example.invalid/v1" })
class WithoutAutoConfigureDifyTestServerTests {

    @Autowired
    private ApplicationContext context;

    @Test
    void noServerAndTheBaseUrlAsConfigured() {
        assertThat(this.context.getBeanNamesForType(DifyTestServer.class)).isEmpty();
        assertThat(this.context.getEnvironment().getProperty("dify.base-url")).isEqualTo("http://example.invalid/v1");
        assertThat(this.context.getEnvironment().getProperty("dify.apps.support.base-url")).isNull();
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {

    }
}
