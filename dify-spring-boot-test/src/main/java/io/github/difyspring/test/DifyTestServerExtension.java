package io.github.difyspring.test;

import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link DifyTestServer} for each test class, in plain JUnit tests: started before the class's
 * tests, reset before each of them (the apps stay) and closed after the last. Either let JUnit
 * hand it to test and lifecycle methods and constructors:
 * <pre>{@code
 * @ExtendWith(DifyTestServerExtension.class)
 * class SupportTests {
 *
 *     @Test
 *     void answers(DifyTestServer dify) {
 *         dify.chatApp("support", "app-test-key").answers("Hello, world");
 *         // call the code under test with dify.baseUrl()
 *     }
 * }
 * }</pre>
 * or register it in a static field, to reach it from anywhere and to add the apps once:
 * <pre>{@code
 * @RegisterExtension
 * static final DifyTestServerExtension dify = new DifyTestServerExtension(
 *         (server) -> server.chatApp("support", "app-test-key").answers("Hello, world"));
 * }</pre>
 * Nested test classes share their enclosing class's server.
 */
public final class DifyTestServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DifyTestServerExtension.class);

    private final Consumer<DifyTestServer> setup;

    private volatile @Nullable DifyTestServer server;

    /**
     * An extension whose server starts with no apps.
     */
    public DifyTestServerExtension() {
        this((server) -> {
        });
    }

    /**
     * An extension that prepares its server after starting it and after every reset, so each
     * test starts from the same apps and scripts.
     * @param setup what to do with the server, such as adding apps and scripting them
     */
    public DifyTestServerExtension(Consumer<DifyTestServer> setup) {
        this.setup = Objects.requireNonNull(setup, "setup");
    }

    /**
     * The server of the running test class.
     * @return the server
     * @throws IllegalStateException before the test class started, as when the extension is not
     * registered in a static field
     */
    public DifyTestServer server() {
        DifyTestServer server = this.server;
        if (server == null) {
            throw new IllegalStateException("The Dify test server starts before the tests of a class: "
                    + "register the DifyTestServerExtension in a static field");
        }
        return server;
    }

    /**
     * The Service API root of the running test class's server, what {@code dify.base-url} takes.
     * @return such as {@code http://127.0.0.1:40123/v1}
     */
    public String baseUrl() {
        return server().baseUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        DifyTestServer server = server(context);
        server.reset();
        this.setup.accept(server);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DifyTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server(extensionContext);
    }

    /**
     * The server of the test class, started on first use and kept in the class's store, which
     * closes it after the class (a nested class finds its enclosing class's server there).
     */
    private DifyTestServer server(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        DifyTestServer server = classContext.getStore(NAMESPACE).computeIfAbsent(DifyTestServer.class, (key) -> {
            DifyTestServer started = DifyTestServer.start();
            try {
                this.setup.accept(started);
            }
            catch (RuntimeException | Error ex) {
                started.close();
                throw ex;
            }
            return started;
        }, DifyTestServer.class);
        this.server = server;
        return server;
    }
}
