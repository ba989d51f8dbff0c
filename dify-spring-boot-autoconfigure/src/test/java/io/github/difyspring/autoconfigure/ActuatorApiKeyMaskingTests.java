package io.github.difyspring.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator's {@code configprops} and {@code env} endpoints keep the API keys and the proxy passwords
 * masked even when told to show values, wherever they came from; other Dify properties stay visible.
 */
class ActuatorApiKeyMaskingTests {

    private static final String KEY = "app-ActuatorK3y5Qp01";

    private static final String ENV_KEY = "app-FromTheEnvK3y77";

    private static final String PROXY_PASSWORD = "Gl0bal-Pr0xy-Pw";

    private static final String APP_PROXY_PASSWORD = "App-Pr0xy-Pw-From-Env";

    private static final String KNOWLEDGE_KEY = "dataset-Kn0wl3dg3-S3cr3t";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, ConfigurationPropertiesReportEndpointAutoConfiguration.class,
                EnvironmentEndpointAutoConfiguration.class, WebClientAutoConfiguration.class, DifyAutoConfiguration.class))
        .withInitializer((context) -> context.getEnvironment().getPropertySources()
            .addFirst(new MapPropertySource("systemEnvironmentLike", Map.of("SUPPORT_DIFY_KEY", ENV_KEY, "SALES_PROXY_PASSWORD", APP_PROXY_PASSWORD))))
        .withPropertyValues("management.endpoints.web.exposure.include=configprops,env", "management.endpoint.configprops.show-values=always",
                "management.endpoint.env.show-values=always",
                "dify.base-url=https://dify.example.com/v1", "dify.apps.support.api-key=${SUPPORT_DIFY_KEY}",
                "dify.apps.sales.api-key=" + KEY, "dify.apps.sales.user=sales-bot", "dify.proxy.host=proxy.example.com",
                "dify.proxy.port=3128", "dify.proxy.username=egress", "dify.proxy.password=" + PROXY_PASSWORD,
                "dify.apps.sales.proxy.host=sales-proxy.example.com", "dify.apps.sales.proxy.port=8080",
                "dify.apps.sales.proxy.username=sales", "dify.apps.sales.proxy.password=${SALES_PROXY_PASSWORD}",
                "dify.knowledge.api-key=" + KNOWLEDGE_KEY);

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void configpropsMasksTheKeysAndShowsTheRest() {
        this.runner.run((context) -> {
            String report = json.writeValueAsString(context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());

            assertThat(report).contains("dify.example.com", "sales-bot", "******", "proxy.example.com", "egress")
                .doesNotContain(KEY)
                .doesNotContain(ENV_KEY)
                .doesNotContain(PROXY_PASSWORD)
                .doesNotContain(APP_PROXY_PASSWORD)
                .doesNotContain(KNOWLEDGE_KEY);
        });
    }

    @Test
    void envMasksTheKeysWhereverTheyAre() {
        this.runner.run((context) -> {
            String report = json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));

            assertThat(report).contains("dify.example.com", "sales-bot", "SUPPORT_DIFY_KEY", "SALES_PROXY_PASSWORD", "proxy.example.com")
                .doesNotContain(KEY)
                .doesNotContain(ENV_KEY)
                .doesNotContain(PROXY_PASSWORD)
                .doesNotContain(APP_PROXY_PASSWORD)
                .doesNotContain(KNOWLEDGE_KEY);
        });
    }

    @Test
    void theSanitizerCanBeReplaced() {
        this.runner.withBean("difyApiKeySanitizer", org.springframework.boot.actuate.endpoint.SanitizingFunction.class,
                () -> (data) -> data)
            .run((context) -> assertThat(context.getBean("difyApiKeySanitizer")).isNotInstanceOf(DifyApiKeySanitizer.class));
    }
}
