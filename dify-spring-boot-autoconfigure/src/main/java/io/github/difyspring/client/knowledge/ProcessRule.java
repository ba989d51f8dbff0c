package io.github.difyspring.client.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * How Dify cleans a document's text and cuts it into chunks (its {@code process_rule}). Immutable;
 * start from {@link #automatic()}, {@link #custom(Segmentation)} or
 * {@link #hierarchical(ParentMode, Segmentation, Segmentation)}.
 *
 * <p>Dify's code takes {@code parent_mode} and {@code subchunk_segmentation}, which hierarchical
 * chunking needs, though the published API spec leaves them out (Dify 1.14.2,
 * {@code services/entities/knowledge_entities/knowledge_entities.py}).
 *
 * @param mode {@code automatic}, {@code custom} or {@code hierarchical}
 * @param preProcessing the cleaning steps and whether each is on; Dify ignores them in automatic mode
 * @param segmentation how the text (the parent chunks, when hierarchical) is cut, or {@code null}
 * in automatic mode
 * @param parentMode what a parent chunk is, when hierarchical, else {@code null}
 * @param subchunkSegmentation how parent chunks are cut into child chunks, when hierarchical, else
 * {@code null}
 */
public record ProcessRule(String mode, List<PreProcessing> preProcessing, @Nullable Segmentation segmentation,
        @Nullable ParentMode parentMode, @Nullable Segmentation subchunkSegmentation) {

    /** Dify's own cleaning in automatic mode: extra spaces removed, URLs and e-mail addresses kept. */
    private static final List<PreProcessing> DIFY_CLEANING = List.of(new PreProcessing(PreProcessing.REMOVE_EXTRA_SPACES, true),
            new PreProcessing(PreProcessing.REMOVE_URLS_EMAILS, false));

    /**
     * Checks the rule.
     * @throws IllegalArgumentException when a custom or hierarchical rule has no segmentation
     */
    public ProcessRule {
        Objects.requireNonNull(mode, "mode");
        preProcessing = (preProcessing != null) ? List.copyOf(preProcessing) : List.of();
        if (!"automatic".equals(mode) && segmentation == null) {
            throw new IllegalArgumentException("A " + mode + " process rule needs a segmentation");
        }
    }

    /**
     * Dify's automatic rule: its own cleaning and chunks of up to 500 tokens cut at line breaks
     * ({@code AUTOMATIC_RULES}). Plain chunks only.
     * @return the rule
     */
    public static ProcessRule automatic() {
        return new ProcessRule("automatic", List.of(), null, null, null);
    }

    /**
     * Chunks cut as given, cleaned as Dify cleans in automatic mode (extra spaces removed, URLs and
     * e-mail addresses kept) until {@link #withPreProcessing(List)} says otherwise.
     * @param segmentation how the text is cut
     * @return the rule
     */
    public static ProcessRule custom(Segmentation segmentation) {
        return new ProcessRule("custom", DIFY_CLEANING, Objects.requireNonNull(segmentation, "segmentation"), null, null);
    }

    /**
     * Parent chunks with child chunks (for knowledge bases of form {@link DocForm#HIERARCHICAL}):
     * retrieval matches the child chunks and returns their parents.
     * @param parentMode a parent chunk is a paragraph, or the whole document
     * @param parent how the text is cut into parent chunks (Dify ignores it for
     * {@link ParentMode#FULL_DOC})
     * @param child how parent chunks are cut into child chunks
     * @return the rule
     */
    public static ProcessRule hierarchical(ParentMode parentMode, Segmentation parent, Segmentation child) {
        return new ProcessRule("hierarchical", DIFY_CLEANING, Objects.requireNonNull(parent, "parent"),
                Objects.requireNonNull(parentMode, "parentMode"), Objects.requireNonNull(child, "child"));
    }

    /**
     * This rule with other cleaning steps.
     * @param rules the steps, such as {@code PreProcessing.of(PreProcessing.REMOVE_URLS_EMAILS, true)}
     * @return the changed rule
     */
    public ProcessRule withPreProcessing(List<PreProcessing> rules) {
        return new ProcessRule(this.mode, rules, this.segmentation, this.parentMode, this.subchunkSegmentation);
    }

    /**
     * The rule in the form Dify takes. An automatic rule sends its mode alone; the others send the
     * {@code pre_processing_rules} list Dify requires, even when empty.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("mode", this.mode);
        if (this.segmentation == null) {
            return wire;
        }
        Map<String, Object> rules = new LinkedHashMap<>();
        List<Map<String, Object>> cleaning = new ArrayList<>();
        this.preProcessing.forEach((step) -> cleaning.add(Map.of("id", step.id(), "enabled", step.enabled())));
        rules.put("pre_processing_rules", cleaning);
        rules.put("segmentation", this.segmentation.toWire());
        if (this.parentMode != null) {
            rules.put("parent_mode", this.parentMode.value());
        }
        if (this.subchunkSegmentation != null) {
            rules.put("subchunk_segmentation", this.subchunkSegmentation.toWire());
        }
        wire.put("rules", rules);
        return wire;
    }

    /**
     * How text is cut into chunks.
     *
     * @param separator where chunks may end, such as {@code \n\n}; Dify reads {@code \n} escapes
     * @param maxTokens the most tokens a chunk holds
     * @param chunkOverlap how many tokens consecutive chunks share
     */
    public record Segmentation(String separator, int maxTokens, int chunkOverlap) {

        /**
         * Checks the segmentation.
         * @throws IllegalArgumentException when the sizes are not positive or the overlap negative
         */
        public Segmentation {
            Objects.requireNonNull(separator, "separator");
            if (maxTokens < 1 || chunkOverlap < 0) {
                throw new IllegalArgumentException("A segmentation needs max tokens >= 1 and an overlap >= 0; got "
                        + maxTokens + " and " + chunkOverlap);
            }
        }

        /**
         * Chunks cut at a separator, without overlap.
         * @param separator where chunks may end
         * @param maxTokens the most tokens a chunk holds
         * @return the segmentation
         */
        public static Segmentation of(String separator, int maxTokens) {
            return new Segmentation(separator, maxTokens, 0);
        }

        /**
         * The same segmentation with consecutive chunks sharing tokens.
         * @param chunkOverlap how many tokens they share
         * @return the changed segmentation
         */
        public Segmentation withOverlap(int chunkOverlap) {
            return new Segmentation(this.separator, this.maxTokens, chunkOverlap);
        }

        Map<String, Object> toWire() {
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("separator", this.separator);
            wire.put("max_tokens", this.maxTokens);
            wire.put("chunk_overlap", this.chunkOverlap);
            return wire;
        }
    }

    /**
     * One cleaning step of the text before it is cut.
     *
     * @param id the step: {@link #REMOVE_EXTRA_SPACES}, {@link #REMOVE_URLS_EMAILS} or
     * {@link #REMOVE_STOPWORDS} (Dify does not check the id)
     * @param enabled whether it runs
     */
    public record PreProcessing(String id, boolean enabled) {

        /** Collapses runs of spaces, tabs and blank lines. */
        public static final String REMOVE_EXTRA_SPACES = "remove_extra_spaces";

        /** Removes URLs and e-mail addresses. */
        public static final String REMOVE_URLS_EMAILS = "remove_urls_emails";

        /** Removes stop words. */
        public static final String REMOVE_STOPWORDS = "remove_stopwords";

        /**
         * Checks the step.
         */
        public PreProcessing {
            Objects.requireNonNull(id, "id");
        }

        /**
         * A cleaning step.
         * @param id the step, such as {@link #REMOVE_URLS_EMAILS}
         * @param enabled whether it runs
         * @return the step
         */
        public static PreProcessing of(String id, boolean enabled) {
            return new PreProcessing(id, enabled);
        }
    }

    /**
     * What a parent chunk of a hierarchical document is. Open: a value a later Dify takes can be
     * given as it is.
     *
     * @param value the wire value, such as {@code paragraph}
     */
    public record ParentMode(@JsonValue String value) {

        /** Each parent chunk is a paragraph, cut by the parent segmentation (Dify's default). */
        public static final ParentMode PARAGRAPH = new ParentMode("paragraph");

        /** The whole document is one parent chunk. */
        public static final ParentMode FULL_DOC = new ParentMode("full-doc");

        /**
         * Checks the value.
         * @throws IllegalArgumentException when it is blank
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public ParentMode {
            Objects.requireNonNull(value, "value");
            if (value.isBlank()) {
                throw new IllegalArgumentException("A parent mode cannot be blank");
            }
        }

        @Override
        public String toString() {
            return this.value;
        }
    }
}
