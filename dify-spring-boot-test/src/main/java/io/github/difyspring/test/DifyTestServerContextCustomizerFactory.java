package io.github.difyspring.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives the contexts of test classes annotated with {@link AutoConfigureDifyTestServer} a
 * {@link DifyTestServer}. Registered in {@code META-INF/spring.factories}.
 */
class DifyTestServerContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureDifyTestServer.class)
                ? new DifyTestServerContextCustomizer() : null;
    }
}
