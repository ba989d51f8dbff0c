package io.github.difyspring.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.core.Usage;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.workflow.WorkflowRunDetail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DifyRuntimeHints}: every type Jackson binds is kept for reflection, found by
 * scanning rather than listed, so a new record cannot be forgotten.
 */
class DifyRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    @Test
    void everyWireTypeIsKeptForBinding() {
        new DifyRuntimeHints().registerHints(this.hints, getClass().getClassLoader());

        for (Class<?> type : List.of(ChatResponse.class, MessageEndEvent.class, WorkflowFinishedEvent.class, Usage.class,
                WorkflowRunDetail.class)) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getSimpleName()).accepts(this.hints);
            assertThat(RuntimeHintsPredicates.reflection().onType(type).withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
                .as("%s can be constructed", type.getSimpleName())
                .accepts(this.hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onType(ChatRequest.class)).as("requests are serialized").accepts(this.hints);
    }

    @Test
    void theDeserializersThatRecordsNameAreKeptAndPackagePrivateWireTypesToo() {
        assertThat(DifyRuntimeHints.wireTypeNames(getClass().getClassLoader()))
            .contains("io.github.difyspring.client.workflow.JsonObjectOrText", "io.github.difyspring.client.internal.ErrorBody",
                    "io.github.difyspring.client.internal.BlockingAnswerUsage", "io.github.difyspring.client.event.MessageEvent")
            .hasSizeGreaterThan(80);
    }
}
