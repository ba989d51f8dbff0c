package io.github.difyspring.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.test.ScriptedKnowledge.IndexingPlan;
import io.github.difyspring.test.ScriptedKnowledgeBase.UploadFile;

import static io.github.difyspring.test.ScriptedKnowledgeBase.ordered;

/**
 * A document of a {@link ScriptedKnowledgeBase} and where its indexing stands: it moves one step
 * of its {@link IndexingPlan} on with every poll of its batch. Its JSON follows Dify 1.14.2's
 * {@code DocumentResponse} and {@code DocumentStatusResponse} ({@code api/fields/document_fields.py}),
 * the document detail of {@code api/controllers/service_api/dataset/document.py}, and
 * {@code SegmentResponse} ({@code api/fields/segment_fields.py}), with the computed fields of
 * {@code api/models/dataset.py} ({@code display_status}, {@code average_segment_length}, ...).
 * Guarded by the workspace's lock.
 */
final class StoredDocument {

    private static final List<String> DIFY_INDEXING = ScriptedKnowledge.DIFY_INDEXING;

    private static final int SPLITTING = DIFY_INDEXING.indexOf("splitting");

    private static final int INDEXING = DIFY_INDEXING.indexOf("indexing");

    private static final DateTimeFormatter BATCH_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    final String id = UUID.randomUUID().toString();

    final ScriptedKnowledgeBase base;

    final String name;

    final int position;

    /** Dify's batch: {@code yyyyMMddHHmmss} and six digits ({@code save_document_with_dataset_id}). */
    final String batch = LocalDateTime.now(ZoneOffset.UTC).format(BATCH_TIME)
            + (100_000 + ThreadLocalRandom.current().nextInt(900_000));

    final long createdAt = Wire.now();

    final String createdFrom;

    final String docForm;

    final String docLanguage;

    final @Nullable String processRuleId;

    final boolean needsSummary;

    final UploadFile file;

    final List<Chunk> chunks;

    private final List<String> steps;

    private final @Nullable String failure;

    private int step;

    /** When each of Dify's states was reached; a skipped state counts as reached with the next. */
    private final Map<String, Long> reachedAt = new HashMap<>();

    private @Nullable Long pausedAt;

    private @Nullable Long stoppedAt;

    private boolean failed;

    private long updatedAt = this.createdAt;

    StoredDocument(ScriptedKnowledgeBase base, String name, String text, int position, IndexingPlan plan, String createdFrom,
            String docForm, String docLanguage, @Nullable String processRuleId, UploadFile file) {
        this.base = base;
        this.name = name;
        this.position = position;
        this.createdFrom = createdFrom;
        this.docForm = docForm;
        this.docLanguage = docLanguage;
        this.processRuleId = processRuleId;
        this.needsSummary = base.needsSummary();
        this.file = file;
        List<String> paragraphs = ScriptedKnowledgeBase.paragraphs(text);
        this.chunks = IntStream.range(0, paragraphs.size()).mapToObj((i) -> new Chunk(i + 1, paragraphs.get(i))).toList();
        this.steps = plan.steps();
        this.failure = plan.failure();
        enter(this.steps.get(0));
    }

    /** One poll of the batch's indexing status: the next step, until the last. */
    void advance() {
        if (!this.failed && this.step < this.steps.size() - 1) {
            this.step++;
            enter(this.steps.get(this.step));
        }
    }

    private void enter(String state) {
        long now = Wire.now();
        this.updatedAt = now;
        if (state.equals("paused")) {
            this.pausedAt = (this.pausedAt != null) ? this.pausedAt : now;
            return;
        }
        this.pausedAt = null;
        if (state.equals("completed") && this.failure != null) {
            this.failed = true;
            this.stoppedAt = now;
            return;
        }
        for (int i = 0; i <= DIFY_INDEXING.indexOf(state); i++) {
            this.reachedAt.putIfAbsent(DIFY_INDEXING.get(i), now);
        }
    }

    /** Dify's stored {@code indexing_status}: the state reached, {@code error} after a failure; never {@code paused}. */
    String state() {
        if (this.failed) {
            return "error";
        }
        for (int i = this.step; i >= 0; i--) {
            if (!this.steps.get(i).equals("paused")) {
                return this.steps.get(i);
            }
        }
        return "waiting";
    }

    boolean isPaused() {
        return !this.failed && this.steps.get(this.step).equals("paused");
    }

    boolean isIndexed() {
        return state().equals("completed");
    }

    @Nullable String error() {
        return this.failed ? this.failure : null;
    }

    /** How far along Dify's states the document got, as an index into them. */
    private int reached() {
        return this.reachedAt.keySet().stream().mapToInt(DIFY_INDEXING::indexOf).max().orElse(0);
    }

    /** The chunks Dify has stored: none before splitting. */
    List<Chunk> segments() {
        return (reached() >= SPLITTING) ? this.chunks : List.of();
    }

    /** While indexing, the first half of the chunks is done. */
    private boolean isSegmentCompleted(Chunk chunk) {
        return reached() == DIFY_INDEXING.size() - 1 || (reached() == INDEXING && chunk.position() <= this.chunks.size() / 2);
    }

    String segmentStatus(Chunk chunk) {
        return isSegmentCompleted(chunk) ? "completed" : (reached() >= INDEXING) ? "indexing" : "waiting";
    }

    /** Dify's {@code word_count}: characters, counted once indexing completed. */
    @Nullable Integer wordCount() {
        return isIndexed() ? this.chunks.stream().mapToInt(Chunk::wordCount).sum() : null;
    }

    @Nullable Integer tokens() {
        return isIndexed() ? this.chunks.stream().mapToInt(Chunk::tokens).sum() : null;
    }

    /** Dify's {@code Document.display_status}. */
    @Nullable String displayStatus() {
        String state = state();
        if (state.equals("waiting")) {
            return "queuing";
        }
        if (isPaused() && !state.equals("completed")) {
            return "paused";
        }
        return switch (state) {
            case "parsing", "cleaning", "splitting", "indexing" -> "indexing";
            case "error" -> "error";
            case "completed" -> "available";
            default -> null;
        };
    }

    ScriptedKnowledgeBase.Document snapshot() {
        return new ScriptedKnowledgeBase.Document(this.id, this.name, this.batch, isPaused() ? "paused" : state(), error(),
                this.chunks.stream().map(Chunk::content).toList());
    }

    private Map<String, Object> uploadFileDetail() {
        return ordered("upload_file", this.file.toWire());
    }

    /** Dify's {@code DocumentResponse}: a listed document, and the {@code document} of a create answer. */
    Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("id", this.id);
        wire.put("position", this.position);
        wire.put("data_source_type", "upload_file");
        wire.put("data_source_info", ordered("upload_file_id", this.file.id()));
        wire.put("data_source_detail_dict", uploadFileDetail());
        wire.put("dataset_process_rule_id", this.processRuleId);
        wire.put("name", this.name);
        wire.put("created_from", this.createdFrom);
        wire.put("created_by", this.base.workspace().ownerId());
        wire.put("created_at", this.createdAt);
        wire.put("tokens", tokens());
        wire.put("indexing_status", state());
        wire.put("error", error());
        wire.put("enabled", true);
        wire.put("disabled_at", null);
        wire.put("disabled_by", null);
        wire.put("archived", false);
        wire.put("display_status", displayStatus());
        wire.put("word_count", wordCount());
        wire.put("hit_count", 0);
        wire.put("doc_form", this.docForm);
        wire.put("doc_metadata", List.of());
        wire.put("summary_index_status", null);
        wire.put("need_summary", this.needsSummary);
        return wire;
    }

    /**
     * The document detail ({@code DocumentApi.get}), a plain dict unlike the listed document.
     * @param metadata {@code all}, {@code only} or {@code without}
     */
    Map<String, Object> detail(String metadata) {
        if (metadata.equals("only")) {
            return ordered("id", this.id, "doc_type", null, "doc_metadata", null);
        }
        Integer wordCount = wordCount();
        int segmentCount = segments().size();
        Long completedAt = this.reachedAt.get("completed");
        Long startedAt = this.reachedAt.get("parsing");
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("id", this.id);
        wire.put("position", this.position);
        wire.put("data_source_type", "upload_file");
        wire.put("data_source_info", uploadFileDetail());
        wire.put("dataset_process_rule_id", this.processRuleId);
        wire.put("dataset_process_rule", this.base.processRulesWire());
        ScriptedKnowledgeBase.ProcessRule rule = this.base.processRule();
        wire.put("document_process_rule", (rule != null && rule.id().equals(this.processRuleId))
                ? ordered("id", rule.id(), "dataset_id", this.base.id(), "mode", rule.mode(), "rules", rule.rules()) : Map.of());
        wire.put("name", this.name);
        wire.put("created_from", this.createdFrom);
        wire.put("created_by", this.base.workspace().ownerId());
        wire.put("created_at", this.createdAt);
        wire.put("tokens", tokens());
        wire.put("indexing_status", state());
        wire.put("completed_at", isIndexed() ? completedAt : null);
        wire.put("updated_at", this.updatedAt);
        wire.put("indexing_latency", (isIndexed() && startedAt != null && completedAt != null) ? (double) (completedAt - startedAt) : null);
        wire.put("error", error());
        wire.put("enabled", true);
        wire.put("disabled_at", null);
        wire.put("disabled_by", null);
        wire.put("archived", false);
        if (metadata.equals("all")) {
            wire.put("doc_type", null);
            wire.put("doc_metadata", null);
        }
        wire.put("segment_count", segmentCount);
        wire.put("average_segment_length", (wordCount != null && wordCount != 0 && segmentCount != 0) ? wordCount / segmentCount : 0);
        wire.put("hit_count", 0);
        wire.put("display_status", displayStatus());
        wire.put("doc_form", this.docForm);
        wire.put("doc_language", this.docLanguage);
        wire.put("summary_index_status", null);
        wire.put("need_summary", this.needsSummary);
        return wire;
    }

    /** Dify's {@code DocumentStatusResponse}: {@code paused} while paused. */
    Map<String, Object> indexingStatus() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("id", this.id);
        wire.put("indexing_status", isPaused() ? "paused" : state());
        wire.put("processing_started_at", this.reachedAt.get("parsing"));
        wire.put("parsing_completed_at", this.reachedAt.get("cleaning"));
        wire.put("cleaning_completed_at", this.reachedAt.get("splitting"));
        wire.put("splitting_completed_at", this.reachedAt.get("indexing"));
        wire.put("completed_at", this.reachedAt.get("completed"));
        wire.put("paused_at", this.pausedAt);
        wire.put("error", error());
        wire.put("stopped_at", this.stoppedAt);
        wire.put("completed_segments", (int) segments().stream().filter(this::isSegmentCompleted).count());
        wire.put("total_segments", segments().size());
        return wire;
    }

    /** Dify's {@code SegmentResponse}. */
    Map<String, Object> segmentWire(Chunk chunk) {
        boolean completed = isSegmentCompleted(chunk);
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("id", chunk.id());
        wire.put("position", chunk.position());
        wire.put("document_id", this.id);
        wire.put("content", chunk.content());
        wire.put("sign_content", chunk.content());
        wire.put("answer", null);
        wire.put("word_count", chunk.wordCount());
        wire.put("tokens", chunk.tokens());
        wire.put("keywords", List.of());
        wire.put("index_node_id", chunk.indexNodeId());
        wire.put("index_node_hash", chunk.indexNodeHash());
        wire.put("hit_count", 0);
        wire.put("enabled", true);
        wire.put("disabled_at", null);
        wire.put("disabled_by", null);
        wire.put("status", segmentStatus(chunk));
        wire.put("created_by", this.base.workspace().ownerId());
        wire.put("created_at", this.createdAt);
        wire.put("updated_at", this.updatedAt);
        wire.put("updated_by", null);
        wire.put("indexing_at", (reached() >= INDEXING) ? this.reachedAt.get("indexing") : null);
        wire.put("completed_at", completed ? this.reachedAt.getOrDefault("completed", this.reachedAt.get("indexing")) : null);
        wire.put("error", null);
        wire.put("stopped_at", null);
        wire.put("child_chunks", List.of());
        wire.put("attachments", List.of());
        wire.put("summary", null);
        return wire;
    }

    /**
     * One chunk (Dify's segment) of a document.
     * @param position its place in the document, from 1
     * @param content its text
     * @param id its id
     * @param indexNodeId the id of its index node
     */
    record Chunk(int position, String content, String id, String indexNodeId) {

        Chunk(int position, String content) {
            this(position, content, UUID.randomUUID().toString(), UUID.randomUUID().toString());
        }

        /** Dify counts characters. */
        int wordCount() {
            return this.content.length();
        }

        /** Whitespace-separated words stand in for a tokenizer. */
        int tokens() {
            return this.content.isBlank() ? 0 : this.content.strip().split("\\s+").length;
        }

        String indexNodeHash() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(this.content.getBytes(StandardCharsets.UTF_8)));
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
