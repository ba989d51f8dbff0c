package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The request values of the document and chunk operations: what they send, what their starting
 * points are, and what they refuse before anything is sent. The wire names follow Dify 1.14.2
 * (ad96501e): {@code KnowledgeConfig}, {@code ProcessRule}, {@code Rule}, {@code Segmentation} and
 * {@code SegmentUpdateArgs} of {@code api/services/entities/knowledge_entities/knowledge_entities.py}.
 */
class KnowledgeDocumentValuesTest {

    @Test
    void theDefaultsSendTheAutomaticRuleAloneAndInheritedSendsNothing() {
        assertThat(DocumentSettings.defaults().toWire()).isEqualTo(Map.of("process_rule", Map.of("mode", "automatic")));
        assertThat(DocumentSettings.inherited().toWire()).isEmpty();
    }

    @Test
    void aCustomRuleSendsDifysCleaningUnlessToldOtherwise() {
        ProcessRule rule = ProcessRule.custom(ProcessRule.Segmentation.of("\n", 500));

        assertThat(rule.toWire()).isEqualTo(Map.of("mode", "custom", "rules", Map.of(
                "pre_processing_rules", List.of(Map.of("id", "remove_extra_spaces", "enabled", true),
                        Map.of("id", "remove_urls_emails", "enabled", false)),
                "segmentation", Map.of("separator", "\n", "max_tokens", 500, "chunk_overlap", 0))));
        Map<?, ?> noCleaning = (Map<?, ?>) rule.withPreProcessing(List.of()).toWire().get("rules");
        assertThat(noCleaning.get("pre_processing_rules")).isEqualTo(List.of());
    }

    @Test
    void aFullDocHierarchicalRuleSendsItsParentModeAndChildSegmentation() {
        ProcessRule rule = ProcessRule.hierarchical(ProcessRule.ParentMode.FULL_DOC, ProcessRule.Segmentation.of("\n\n", 2000),
                ProcessRule.Segmentation.of("\n", 200).withOverlap(20));

        Map<?, ?> rules = (Map<?, ?>) rule.toWire().get("rules");
        assertThat(rules.get("parent_mode")).isEqualTo("full-doc");
        assertThat(rules.get("subchunk_segmentation")).isEqualTo(Map.of("separator", "\n", "max_tokens", 200, "chunk_overlap", 20));
    }

    @Test
    void rulesAndSegmentationsDifyWouldRefuseAreRefusedBeforeSending() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProcessRule("custom", List.of(), null, null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> ProcessRule.Segmentation.of("\n", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> ProcessRule.Segmentation.of("\n", 10).withOverlap(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> DocumentText.of(" ", "text"));
        assertThatIllegalArgumentException().isThrownBy(() -> new IndexingState(" "));
    }

    @Test
    void aChunkUpdateSendsOnlyWhatItChanges() {
        assertThat(ChunkUpdate.none().toWire()).isEqualTo(Map.of("regenerate_child_chunks", false));
        assertThat(ChunkUpdate.content("c").withAnswer("a").withKeywords(List.of("k")).withEnabled(false)
            .withAttachments(List.of("f")).withSummary("s").toWire())
            .isEqualTo(Map.of("content", "c", "answer", "a", "keywords", List.of("k"), "enabled", false,
                    "regenerate_child_chunks", false, "attachment_ids", List.of("f"), "summary", "s"));
    }

    @Test
    void aNewChunkSendsOnlyWhatItHas() {
        assertThat(NewChunk.of("c").toWire()).isEqualTo(Map.of("content", "c"));
        assertThat(NewChunk.of("q", "a").withKeywords(List.of("k")).toWire())
            .isEqualTo(Map.of("content", "q", "answer", "a", "keywords", List.of("k")));
    }

    @Test
    void eachQueryWitherChangesOneThingAndTheQueriesStartFromDifysDefaults() {
        assertThat(DocumentQuery.all()).isEqualTo(new DocumentQuery(1, null, null, null));
        assertThat(DocumentQuery.all().withPage(2).withLimit(30).withKeyword("k").withStatus(DocumentStatus.ERROR))
            .isEqualTo(new DocumentQuery(2, 30, "k", DocumentStatus.ERROR));
        assertThat(ChunkQuery.all()).isEqualTo(new ChunkQuery(1, null, List.of(), null));
        assertThat(ChunkQuery.all().withPage(2).withLimit(30).withStatuses(ChunkStatus.ERROR).withKeyword("k"))
            .isEqualTo(new ChunkQuery(2, 30, List.of(ChunkStatus.ERROR), "k"));
        assertThat(ChildChunkQuery.all()).isEqualTo(new ChildChunkQuery(1, null, null));
        assertThat(ChildChunkQuery.all().withPage(2).withLimit(30).withKeyword(" ")).isEqualTo(new ChildChunkQuery(2, 30, null));
        assertThatIllegalArgumentException().isThrownBy(() -> ChunkQuery.all().withLimit(101));
        assertThatIllegalArgumentException().isThrownBy(() -> ChildChunkQuery.all().withPage(0));
    }
}
