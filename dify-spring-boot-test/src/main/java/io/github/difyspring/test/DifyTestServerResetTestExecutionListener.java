package io.github.difyspring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;

/**
 * Resets the {@link DifyTestServer} of a test class annotated with
 * {@link AutoConfigureDifyTestServer} before each test method, so scripts, faults and recorded
 * requests of one test never reach the next, even when test classes share a cached context.
 * Registered in {@code META-INF/spring.factories}.
 */
class DifyTestServerResetTestExecutionListener implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
        return DependencyInjectionTestExecutionListener.ORDER + 100;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        // Never loads a context itself: one that failed to load, or was never needed, has no server to reset.
        if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureDifyTestServer.class)
                || !testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        if (context.containsBean(DifyTestServerContextCustomizer.BEAN_NAME)) {
            context.getBean(DifyTestServerContextCustomizer.BEAN_NAME, DifyTestServer.class).reset();
        }
    }
}
