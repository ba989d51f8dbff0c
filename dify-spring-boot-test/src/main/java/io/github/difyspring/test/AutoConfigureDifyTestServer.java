package io.github.difyspring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's Dify clients at a {@link DifyTestServer}: the test context starts one,
 * adds every app configured under {@code dify.apps} (its {@code api-key} and {@code type}; an
 * app without a key is left out) and the {@code dify.knowledge} workspace, and overrides
 * {@code dify.base-url}, each app's {@code dify.apps.<name>.base-url} and
 * {@code dify.knowledge.base-url} with the server's URL, so no request leaves the machine. The
 * server is a bean, to autowire and script; it is reset before every test method (its apps stay)
 * and closed with the context.
 * <pre>{@code
 * @SpringBootTest(properties = {
 *         "dify.apps.support.api-key=app-test-key",
 *         "dify.apps.support.type=chatflow" })
 * @AutoConfigureDifyTestServer
 * class SupportTests {
 *
 *     @Autowired
 *     DifyTestServer dify;
 *
 *     @Test
 *     void answersFromDify() {
 *         this.dify.app("support").answers("Hello, world");
 *         // call the code under test, then
 *         assertThat(this.dify.requests().app("support").chatMessages()).hasSize(1);
 *     }
 * }
 * }</pre>
 * A test class with this annotation, or whose enclosing or super class has it, gets the server;
 * test classes that share a context share its server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureDifyTestServer {

}
