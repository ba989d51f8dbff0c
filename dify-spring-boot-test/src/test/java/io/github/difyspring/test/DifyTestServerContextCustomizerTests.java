package io.github.difyspring.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;

/**
 * The context customizer on its own: which test classes get it, which configured apps the
 * server plays, and that the server closes with its context.
 */
class DifyTestServerContextCustomizerTests {

    private final DifyTestServerContextCustomizerFactory factory = new DifyTestServerContextCustomizerFactory();

    @Test
    void onlyAnnotatedTestClassesTheirSubclassesAndInnerClassesGetTheCustomizer() {
        ContextCustomizer annotated = this.factory.createContextCustomizer(Annotated.class, List.of());

        assertThat(annotated).isNotNull();
        assertThat(this.factory.createContextCustomizer(Annotated.Inner.class, List.of())).isEqualTo(annotated);
        assertThat(this.factory.createContextCustomizer(Subclass.class, List.of())).isEqualTo(annotated).hasSameHashCodeAs(annotated);
        assertThat(this.factory.createContextCustomizer(DifyTestServerContextCustomizerTests.class, List.of())).isNull();
    }

    @Test
    void theServerPlaysEveryAppWithAKeyInTheModeItsTypeNamesAsTheLibraryReadsIt() {
        try (GenericApplicationContext context = customized("dify.apps.support.api-key=app-support", "dify.apps.helper.api-key=app-helper",
                "dify.apps.helper.type=AGENT", "dify.apps.flow.api-key=app-flow", "dify.apps.flow.type=chat-flow",
                "dify.apps.draft.type=workflow", "dify.apps.odd.api-key=app-odd", "dify.apps.odd.type=knowledge")) {
            DifyTestServer server = context.getBean(DifyTestServer.class);

            assertThat(server.apps()).extracting(ScriptedApp::name, ScriptedApp::mode)
                .containsExactlyInAnyOrder(tuple("support", DifyAppMode.CHAT),
                        tuple("helper", DifyAppMode.AGENT_CHAT),
                        tuple("flow", DifyAppMode.ADVANCED_CHAT));
            assertThat(context.getEnvironment().getProperty("dify.base-url")).isEqualTo(server.baseUrl());
            assertThat(context.getEnvironment().getProperty("dify.apps.helper.base-url")).isEqualTo(server.baseUrl());
            assertThat(context.getEnvironment().getProperty("dify.knowledge.base-url")).isNull();
        }
    }

    @Test
    void theKnowledgeWorkspaceIsAddedWithItsKey() {
        try (GenericApplicationContext context = customized("dify.knowledge.api-key=dataset-test")) {
            DifyTestServer server = context.getBean(DifyTestServerContextCustomizer.BEAN_NAME, DifyTestServer.class);

            assertThat(server.apps()).isEmpty();
            assertThat(server.knowledge()).isNotNull();
            assertThat(context.getEnvironment().getProperty("dify.knowledge.base-url")).isEqualTo(server.baseUrl());
        }
    }

    @Test
    void theServerClosesWithTheContext() {
        GenericApplicationContext context = customized("dify.apps.support.api-key=app-support");
        int port = context.getBean(DifyTestServer.class).port();
        assertThat(WireClient.listens(port)).isTrue();

        context.close();

        assertThat(WireClient.listens(port)).isFalse();
    }

    @Test
    void theServerClosesWhenTheContextFailsToStart() {
        GenericApplicationContext context = new GenericApplicationContext();
        new DifyTestServerContextCustomizer().customizeContext(context, mock(MergedContextConfiguration.class));
        int port = context.getBeanFactory().getBean(DifyTestServer.class).port();
        context.registerBean("broken", Object.class, () -> {
            throw new IllegalStateException("broken");
        });

        assertThatExceptionOfType(BeanCreationException.class).isThrownBy(context::refresh);
        assertThat(WireClient.listens(port)).isFalse();
    }

    @Test
    void twoAppsWithOneKeyFailNamingThePropertyButNotTheKey() {
        GenericApplicationContext context = new GenericApplicationContext();
        TestPropertyValues.of("dify.apps.first.api-key=app-same-key", "dify.apps.second.api-key=app-same-key").applyTo(context);

        assertThatIllegalStateException()
            .isThrownBy(() -> new DifyTestServerContextCustomizer().customizeContext(context, mock(MergedContextConfiguration.class)))
            .withMessageContaining("dify.apps.second.api-key")
            .withMessageContaining("give each its own key")
            .withMessageNotContaining("app-same-key");
        assertThat(context.getBeanFactory().containsSingleton(DifyTestServerContextCustomizer.BEAN_NAME)).isFalse();
    }

    private static GenericApplicationContext customized(String... properties) {
        GenericApplicationContext context = new GenericApplicationContext();
        TestPropertyValues.of(properties).applyTo(context);
        new DifyTestServerContextCustomizer().customizeContext(context, mock(MergedContextConfiguration.class));
        context.refresh();
        return context;
    }

    @AutoConfigureDifyTestServer
    static class Annotated {

        class Inner {

        }
    }

    static class Subclass extends Annotated {

    }
}
