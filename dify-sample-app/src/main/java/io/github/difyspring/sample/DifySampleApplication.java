package io.github.difyspring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A backend-for-frontend on the Dify starter: a signed-in browser (or API client) talks to Dify
 * apps through it without ever seeing their keys, and always as its own Dify end user. With no
 * Dify key configured it starts with a simulated Dify on loopback (see
 * {@link io.github.difyspring.sample.demo.DemoModeEnvironmentPostProcessor}).
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class DifySampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(DifySampleApplication.class, args);
    }
}
