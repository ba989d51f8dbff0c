package io.github.difyspring.test;

import java.math.BigDecimal;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.test.ScriptedKnowledge.IndexingPlan;

/**
 * One knowledge base of a {@link ScriptedKnowledge} workspace: a test fills it with documents and
 * reads back what the API did to it.
 * <pre>{@code
 * ScriptedKnowledgeBase handbook = dify.knowledge("dataset-test-key").base("Handbook")
 *     .document("returns.txt", "Returns are free within 30 days.\n\nRefunds take five working days.");
 * // point the client at dify.baseUrl(), use handbook.id() as the dataset id
 * assertThat(handbook.documents()).extracting(ScriptedKnowledgeBase.Document::indexingStatus).containsOnly("completed");
 * }</pre>
 * Its answers have the shape of Dify 1.14.2's {@code DatasetDetailResponse}
 * ({@code api/fields/dataset_fields.py}, computed fields from {@code api/models/dataset.py}); see
 * {@link ScriptedKnowledge} for the sources.
 */
public final class ScriptedKnowledgeBase {

    /** The embedding model a {@code high_quality} base gets when it names none (Dify takes the workspace's default). */
    static final String DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small";

    static final String DEFAULT_EMBEDDING_PROVIDER = "langgenius/openai/openai";

    /** Dify's {@code DatasetProcessRule.AUTOMATIC_RULES}. */
    static final Map<String, Object> AUTOMATIC_RULES = ordered("pre_processing_rules",
            List.of(ordered("id", "remove_extra_spaces", "enabled", true), ordered("id", "remove_urls_emails", "enabled", false)),
            "segmentation", ordered("delimiter", "\n", "max_tokens", 500, "chunk_overlap", 50));

    /** The {@code author_name} Dify shows: the workspace owner's name. */
    static final String OWNER_NAME = "Dify Test";

    private final ScriptedKnowledge workspace;

    private final String id = UUID.randomUUID().toString();

    private final String name;

    private final long createdAt = Wire.now();

    private final List<StoredDocument> documents = new ArrayList<>();

    private @Nullable String description = "";

    private String permission = "only_me";

    private String provider = "vendor";

    private @Nullable String indexingTechnique;

    private @Nullable String embeddingModel;

    private @Nullable String embeddingModelProvider;

    private @Nullable Map<String, Object> retrievalModel;

    private @Nullable Map<String, Object> summaryIndexSetting;

    private @Nullable ProcessRule processRule;

    private @Nullable String dataSourceType;

    ScriptedKnowledgeBase(ScriptedKnowledge workspace, String name) {
        this.workspace = workspace;
        this.name = name;
    }

    /** The settings of a base a test adds: economy indexing and the automatic process rule. */
    void scriptDefaults() {
        this.indexingTechnique = "economy";
        this.processRule = new ProcessRule("automatic", AUTOMATIC_RULES);
    }

    /** Its id, the {@code dataset_id} of the Knowledge API's paths. */
    public String id() {
        return this.id;
    }

    /** Its name. */
    public String name() {
        return this.name;
    }

    /**
     * Its description.
     * @param description the description, at most 400 characters in Dify
     * @return this knowledge base
     */
    public ScriptedKnowledgeBase description(String description) {
        synchronized (this.workspace) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }
    }

    /**
     * Adds a document that is indexed already, as if uploaded in Dify's console and processed:
     * its chunks are the paragraphs of the text (split at blank lines), and retrieval finds them.
     * @param name the document's name, such as {@code returns.txt}
     * @param text its text
     * @return this knowledge base
     */
    public ScriptedKnowledgeBase document(String name, String text) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        synchronized (this.workspace) {
            String extension = extension(name);
            String mimeType = URLConnection.guessContentTypeFromName(name);
            UploadFile file = new UploadFile(name, text.getBytes(StandardCharsets.UTF_8).length, extension.isEmpty() ? "txt" : extension,
                    (mimeType != null) ? mimeType : "text/plain", this.workspace.ownerId());
            add(name, text, IndexingPlan.INDEXED, "web", "text_model", "English", file);
            return this;
        }
    }

    /**
     * The documents as they are now, those added by the test and those uploaded through the API,
     * in the order they were added.
     * @return the documents
     */
    public List<Document> documents() {
        synchronized (this.workspace) {
            return this.documents.stream().map(StoredDocument::snapshot).toList();
        }
    }

    @Override
    public String toString() {
        return "knowledge base '" + this.name + "' (" + this.id + ")";
    }

    /**
     * A document of a knowledge base, as it was when {@link ScriptedKnowledgeBase#documents()} was called.
     * @param id its id, the {@code document_id} of the Knowledge API's paths
     * @param name its name
     * @param batch the batch its indexing status is polled with
     * @param indexingStatus Dify's {@code indexing_status}: {@code waiting}, {@code parsing},
     * {@code cleaning}, {@code splitting}, {@code indexing}, {@code paused}, {@code completed} or {@code error}
     * @param error why indexing failed, or {@code null}
     * @param chunks its chunks' text, in order
     */
    public record Document(String id, String name, String batch, String indexingStatus, @Nullable String error, List<String> chunks) {

        /**
         * Whether indexing completed, so retrieval finds the document's chunks.
         * @return {@code true} when the status is {@code completed}
         */
        public boolean isIndexed() {
            return "completed".equals(this.indexingStatus);
        }
    }

    // What the routes use, under the workspace's lock.

    ScriptedKnowledge workspace() {
        return this.workspace;
    }

    List<StoredDocument> storedDocuments() {
        return this.documents;
    }

    /** The newest first, as Dify lists them. */
    List<StoredDocument> newestDocumentsFirst() {
        List<StoredDocument> list = new ArrayList<>(this.documents);
        Collections.reverse(list);
        return list;
    }

    @Nullable StoredDocument findDocument(String documentId) {
        return this.documents.stream().filter((document) -> document.id.equals(documentId)).findFirst().orElse(null);
    }

    boolean removeDocument(StoredDocument document) {
        return this.documents.remove(document);
    }

    void settings(@Nullable String description, @Nullable String indexingTechnique, String permission, String provider,
            @Nullable String embeddingModel, @Nullable String embeddingModelProvider, @Nullable Map<String, Object> retrievalModel,
            @Nullable Map<String, Object> summaryIndexSetting) {
        this.description = description;
        this.indexingTechnique = indexingTechnique;
        this.permission = permission;
        this.provider = provider;
        boolean highQuality = "high_quality".equals(indexingTechnique);
        this.embeddingModel = highQuality ? Objects.requireNonNullElse(embeddingModel, DEFAULT_EMBEDDING_MODEL) : null;
        this.embeddingModelProvider = highQuality ? Objects.requireNonNullElse(embeddingModelProvider, DEFAULT_EMBEDDING_PROVIDER) : null;
        this.retrievalModel = retrievalModel;
        this.summaryIndexSetting = summaryIndexSetting;
    }

    boolean isExternal() {
        return this.provider.equals("external");
    }

    String permission() {
        return this.permission;
    }

    @Nullable String indexingTechnique() {
        return this.indexingTechnique;
    }

    /**
     * Takes the indexing technique of a base's first document, as Dify's
     * {@code save_document_with_dataset_id} does, with its embedding and retrieval models.
     */
    void firstDocumentSettings(String technique, @Nullable String embeddingModel, @Nullable String embeddingModelProvider,
            @Nullable Map<String, Object> retrievalModel) {
        this.indexingTechnique = technique;
        if (technique.equals("high_quality")) {
            boolean both = embeddingModel != null && embeddingModelProvider != null;
            this.embeddingModel = both ? embeddingModel : DEFAULT_EMBEDDING_MODEL;
            this.embeddingModelProvider = both ? embeddingModelProvider : DEFAULT_EMBEDDING_PROVIDER;
            if (this.retrievalModel == null) {
                this.retrievalModel = (retrievalModel != null) ? retrievalModel
                        : ordered("search_method", "semantic_search", "reranking_enable", false, "reranking_model",
                                ordered("reranking_provider_name", "", "reranking_model_name", ""), "top_k", 4,
                                "score_threshold_enabled", false);
            }
        }
    }

    @Nullable Map<String, Object> retrievalModel() {
        return this.retrievalModel;
    }

    @Nullable ProcessRule processRule() {
        return this.processRule;
    }

    void processRule(ProcessRule rule) {
        this.processRule = rule;
    }

    boolean needsSummary() {
        return this.summaryIndexSetting != null && Boolean.TRUE.equals(this.summaryIndexSetting.get("enable"));
    }

    /** Dify's {@code Dataset.doc_form}: the chunk structure, else the first document's form. */
    @Nullable String docForm() {
        return this.documents.isEmpty() ? null : this.documents.get(0).docForm;
    }

    StoredDocument add(String name, String text, IndexingPlan plan, String createdFrom, String docForm, String docLanguage,
            UploadFile file) {
        if (this.dataSourceType == null) {
            this.dataSourceType = "upload_file";
        }
        int position = this.documents.stream().mapToInt((document) -> document.position).max().orElse(0) + 1;
        StoredDocument document = new StoredDocument(this, name, text, position, plan, createdFrom, docForm, docLanguage,
                (this.processRule != null) ? this.processRule.id() : null, file);
        this.documents.add(document);
        return document;
    }

    /**
     * The base as Dify's {@code DatasetDetailResponse} has it.
     * @param view which answer: the create answer has {@code embedding_available: null}, the
     * detail answer forces {@code keyword_search} for an economy base and has
     * {@code partial_member_list} for a {@code partial_members} base
     * @return the base's JSON
     */
    Map<String, Object> toWire(View view) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("id", this.id);
        wire.put("name", this.name);
        wire.put("description", this.description);
        wire.put("provider", this.provider);
        wire.put("permission", this.permission);
        wire.put("data_source_type", this.dataSourceType);
        wire.put("indexing_technique", this.indexingTechnique);
        wire.put("app_count", 0);
        wire.put("document_count", this.documents.size());
        wire.put("word_count", this.documents.stream().map(StoredDocument::wordCount).filter(Objects::nonNull)
            .mapToInt(Integer::intValue)
            .sum());
        wire.put("created_by", this.workspace.ownerId());
        wire.put("author_name", OWNER_NAME);
        wire.put("created_at", this.createdAt);
        wire.put("updated_by", this.workspace.ownerId());
        wire.put("updated_at", this.createdAt);
        wire.put("embedding_model", this.embeddingModel);
        wire.put("embedding_model_provider", this.embeddingModelProvider);
        wire.put("embedding_available", (view == View.CREATED) ? null : true);
        wire.put("retrieval_model_dict", retrievalModelDict(view == View.DETAIL && "economy".equals(this.indexingTechnique)));
        Map<String, Object> summary = (this.summaryIndexSetting != null) ? this.summaryIndexSetting : Map.of();
        wire.put("summary_index_setting", ordered("enable", summary.get("enable"), "model_name", summary.get("model_name"),
                "model_provider_name", summary.get("model_provider_name"), "summary_prompt", summary.get("summary_prompt")));
        wire.put("tags", List.of());
        wire.put("doc_form", docForm());
        wire.put("external_knowledge_info", ordered("external_knowledge_id", null, "external_knowledge_api_id", null,
                "external_knowledge_api_name", null, "external_knowledge_api_endpoint", null));
        Map<String, Object> external = (this.retrievalModel != null) ? this.retrievalModel : Map.of("top_k", 2, "score_threshold", 0.0);
        wire.put("external_retrieval_model", ordered("top_k", external.get("top_k"), "score_threshold", external.get("score_threshold"),
                "score_threshold_enabled", external.get("score_threshold_enabled")));
        wire.put("doc_metadata", List.of());
        wire.put("built_in_field_enabled", false);
        wire.put("pipeline_id", null);
        wire.put("runtime_mode", "general");
        wire.put("chunk_structure", null);
        wire.put("icon_info", ordered("icon_type", null, "icon", null, "icon_background", null, "icon_url", null));
        wire.put("is_published", false);
        wire.put("total_documents", this.documents.size());
        wire.put("total_available_documents", this.documents.stream().filter(StoredDocument::isIndexed).count());
        wire.put("enable_api", true);
        wire.put("is_multimodal", false);
        if (view == View.DETAIL && this.permission.equals("partial_members")) {
            wire.put("partial_member_list", List.of());
        }
        return wire;
    }

    /** Dify's {@code Dataset.retrieval_model_dict}: the stored model over the defaults. */
    private Map<String, Object> retrievalModelDict(boolean keywordSearch) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("search_method", "semantic_search");
        model.put("reranking_enable", false);
        model.put("reranking_model", ordered("reranking_provider_name", "", "reranking_model_name", ""));
        model.put("top_k", 2);
        model.put("score_threshold_enabled", false);
        if (this.retrievalModel != null) {
            model.putAll(this.retrievalModel);
        }
        Map<String, Object> reranking = (model.get("reranking_model") instanceof Map<?, ?> map) ? cast(map) : Map.of();
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("search_method", keywordSearch ? "keyword_search" : model.get("search_method"));
        wire.put("reranking_enable", model.get("reranking_enable"));
        wire.put("reranking_mode", model.get("reranking_mode"));
        wire.put("reranking_model", ordered("reranking_provider_name", reranking.get("reranking_provider_name"), "reranking_model_name",
                reranking.get("reranking_model_name")));
        wire.put("weights", (model.get("weights") instanceof Map<?, ?> weights) ? weightsWire(cast(weights)) : null);
        wire.put("top_k", model.get("top_k"));
        wire.put("score_threshold_enabled", model.get("score_threshold_enabled"));
        wire.put("score_threshold", model.get("score_threshold"));
        return wire;
    }

    private static Map<String, Object> weightsWire(Map<String, Object> weights) {
        Map<String, Object> keyword = (weights.get("keyword_setting") instanceof Map<?, ?> map) ? cast(map) : Map.of();
        Map<String, Object> vector = (weights.get("vector_setting") instanceof Map<?, ?> map) ? cast(map) : Map.of();
        Map<String, Object> vectorWire = ordered("vector_weight", vector.get("vector_weight"), "embedding_model_name",
                vector.get("embedding_model_name"), "embedding_provider_name", vector.get("embedding_provider_name"));
        Map<String, Object> keywordWire = ordered("keyword_weight", keyword.get("keyword_weight"));
        return ordered("weight_type", weights.get("weight_type"), "keyword_setting", keywordWire, "vector_setting", vectorWire);
    }

    /** Dify's {@code DatasetService.get_process_rules}: the latest rule, else {@code DocumentService.DEFAULT_RULES}. */
    Map<String, Object> processRulesWire() {
        if (this.processRule != null) {
            return ordered("mode", this.processRule.mode(), "rules", this.processRule.rules());
        }
        return ordered("mode", "custom", "rules", ordered("pre_processing_rules",
                List.of(ordered("id", "remove_extra_spaces", "enabled", true), ordered("id", "remove_urls_emails", "enabled", false)),
                "segmentation", ordered("delimiter", "\n", "max_tokens", 1024, "chunk_overlap", 50)));
    }

    /** Which answer a base's JSON is for. */
    enum View {
        CREATED, LISTED, DETAIL
    }

    /**
     * A process rule of a base: how its documents are cleaned and cut.
     * @param id its id
     * @param mode {@code automatic}, {@code custom} or {@code hierarchical}
     * @param rules its rules as Dify stores them
     */
    record ProcessRule(String id, String mode, Map<String, Object> rules) {

        ProcessRule(String mode, Map<String, Object> rules) {
            this(UUID.randomUUID().toString(), mode, rules);
        }
    }

    /**
     * The file a document was made from, as Dify's {@code UploadFile} has it.
     * @param id its id
     * @param name its name
     * @param size its size: bytes for a file, characters for a text, as Dify counts them
     * @param extension its extension, lower case
     * @param mimeType its content type, or {@code null}
     * @param createdBy the uploader's account id
     * @param createdAtMillis when it was uploaded
     */
    record UploadFile(String id, String name, long size, String extension, @Nullable String mimeType, String createdBy,
            long createdAtMillis) {

        UploadFile(String name, long size, String extension, @Nullable String mimeType, String createdBy) {
            this(UUID.randomUUID().toString(), name, size, extension, mimeType, createdBy, System.currentTimeMillis());
        }

        /** Its detail, {@code created_at} a float ({@code datetime.timestamp()}) written as Python does, never in E notation. */
        Map<String, Object> toWire() {
            BigDecimal createdAt = BigDecimal.valueOf(this.createdAtMillis, 3).stripTrailingZeros();
            return ordered("id", this.id, "name", this.name, "size", this.size, "extension", this.extension, "mime_type", this.mimeType,
                    "created_by", this.createdBy, "created_at", (createdAt.scale() < 1) ? createdAt.setScale(1) : createdAt);
        }
    }

    static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return (dot < 0) ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Chunks a text as the double does: one chunk per paragraph, paragraphs split at blank lines. */
    static List<String> paragraphs(String text) {
        return Arrays.stream(text.split("\\R\\s*\\R")).map(String::strip).filter((part) -> !part.isEmpty()).toList();
    }

    /** A map with these keys and values, in this order, {@code null} values kept as Dify sends them. */
    static Map<String, Object> ordered(@Nullable Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
