package io.github.difyspring.test;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.difyspring.test.Bodies.list;
import static io.github.difyspring.test.Bodies.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Knowledge API of the test server, seen by a client that shares none of its code: the JDK's
 * {@link HttpClient} and a plain JSON mapper. The keys expected are those of Dify 1.14.2's response
 * models ({@code api/fields/dataset_fields.py} DatasetDetailResponse, {@code api/fields/document_fields.py}
 * DocumentResponse and DocumentStatusResponse, {@code api/fields/segment_fields.py} SegmentResponse,
 * {@code api/fields/hit_testing_fields.py} HitTestingRecord, and the document detail dict of
 * {@code api/controllers/service_api/dataset/document.py}; langgenius/dify at ad96501e).
 */
class KnowledgeDoubleTests {

    private static final String KEY = "dataset-test-key";

    private static final List<String> DATASET_KEYS = List.of("id", "name", "description", "provider", "permission", "data_source_type",
            "indexing_technique", "app_count", "document_count", "word_count", "created_by", "author_name", "created_at", "updated_by",
            "updated_at", "embedding_model", "embedding_model_provider", "embedding_available", "retrieval_model_dict",
            "summary_index_setting", "tags", "doc_form", "external_knowledge_info", "external_retrieval_model", "doc_metadata",
            "built_in_field_enabled", "pipeline_id", "runtime_mode", "chunk_structure", "icon_info", "is_published", "total_documents",
            "total_available_documents", "enable_api", "is_multimodal");

    private static final List<String> DOCUMENT_KEYS = List.of("id", "position", "data_source_type", "data_source_info",
            "data_source_detail_dict", "dataset_process_rule_id", "name", "created_from", "created_by", "created_at", "tokens",
            "indexing_status", "error", "enabled", "disabled_at", "disabled_by", "archived", "display_status", "word_count", "hit_count",
            "doc_form", "doc_metadata", "summary_index_status", "need_summary");

    private static final List<String> STATUS_KEYS = List.of("id", "indexing_status", "processing_started_at", "parsing_completed_at",
            "cleaning_completed_at", "splitting_completed_at", "completed_at", "paused_at", "error", "stopped_at", "completed_segments",
            "total_segments");

    private static final List<String> SEGMENT_KEYS = List.of("id", "position", "document_id", "content", "sign_content", "answer",
            "word_count", "tokens", "keywords", "index_node_id", "index_node_hash", "hit_count", "enabled", "disabled_at", "disabled_by",
            "status", "created_by", "created_at", "updated_at", "updated_by", "indexing_at", "completed_at", "error", "stopped_at",
            "child_chunks", "attachments", "summary");

    private static final List<String> RETRIEVED_SEGMENT_KEYS = List.of("id", "position", "document_id", "content", "sign_content", "answer",
            "word_count", "tokens", "keywords", "index_node_id", "index_node_hash", "hit_count", "enabled", "disabled_at", "disabled_by",
            "status", "created_by", "created_at", "indexing_at", "completed_at", "error", "stopped_at", "document");

    private static final String UNKNOWN_ID = "0b7e1f0e-3f4e-4b7a-9a51-3c2d7b8c9d0e";

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> server.knowledge(KEY));

    private final DifyTestServer server = dify.server();

    private final ScriptedKnowledge knowledge = this.server.knowledge();

    private final WireClient client = new WireClient(this.server, KEY);

    @Test
    void listsKnowledgeBasesNewestFirstInDifysPages() {
        ScriptedKnowledge.Base handbook = this.knowledge.base("Handbook").description("How the products work")
            .document("returns.txt", "Returns are free within 30 days.\n\nRefunds take five working days.");
        this.knowledge.base("Notes");

        Map<String, Object> page = json(this.client.get("/datasets"), 200);

        assertThat(page.keySet()).containsExactly("data", "has_more", "limit", "total", "page");
        assertThat(page).containsEntry("has_more", false).containsEntry("limit", 20).containsEntry("total", 2).containsEntry("page", 1);
        List<Map<String, Object>> data = list(page.get("data"));
        assertThat(data).extracting((base) -> base.get("name")).containsExactly("Notes", "Handbook");
        Map<String, Object> listed = data.get(1);
        assertThat(listed.keySet()).containsExactlyElementsOf(DATASET_KEYS);
        assertThat(listed).containsEntry("id", handbook.id())
            .containsEntry("description", "How the products work")
            .containsEntry("indexing_technique", "economy")
            .containsEntry("data_source_type", "upload_file")
            .containsEntry("document_count", 1)
            .containsEntry("total_available_documents", 1)
            .containsEntry("word_count", "Returns are free within 30 days.".length() + "Refunds take five working days.".length())
            .containsEntry("embedding_available", true)
            .containsEntry("doc_form", "text_model");
        assertThat(map(listed.get("retrieval_model_dict")).keySet()).containsExactly("search_method", "reranking_enable", "reranking_mode",
                "reranking_model", "weights", "top_k", "score_threshold_enabled", "score_threshold");
        assertThat(map(listed.get("external_retrieval_model"))).containsEntry("top_k", 2).containsEntry("score_threshold", 0.0);
        assertThat(data.get(0)).containsEntry("data_source_type", null).containsEntry("doc_form", null).containsEntry("document_count", 0);

        Map<String, Object> first = json(this.client.get("/datasets?page=1&limit=1"), 200);
        assertThat(first).containsEntry("has_more", true).containsEntry("total", 2).containsEntry("limit", 1);
        assertThat(list(first.get("data"))).extracting((base) -> base.get("name")).containsExactly("Notes");
        assertThat(json(this.client.get("/datasets?limit=500"), 200)).containsEntry("limit", 500).containsEntry("has_more", false);
    }

    @Test
    void createsGetsAndDeletesKnowledgeBases() {
        Map<String, Object> base = json(this.client.post("/datasets", Map.of("name", "Team notes")), 200);

        assertThat(base.keySet()).containsExactlyElementsOf(DATASET_KEYS);
        assertThat(base).containsEntry("name", "Team notes")
            .containsEntry("description", "")
            .containsEntry("indexing_technique", null)
            .containsEntry("embedding_available", null)
            .containsEntry("document_count", 0);
        assertThat(this.knowledge.bases()).extracting(ScriptedKnowledge.Base::name).containsExactly("Team notes");
        Map<String, Object> unnamed = json(this.client.post("/datasets", Map.of("description", "no name")), 400);
        assertThat(unnamed).containsEntry("code", "invalid_param");
        assertThat((String) unnamed.get("message")).startsWith("1 validation error for DatasetCreatePayload\nname\n  Field required");

        String path = "/datasets/" + base.get("id");
        Map<String, Object> detail = json(this.client.get(path), 200);
        assertThat(detail.keySet()).containsExactlyElementsOf(DATASET_KEYS);
        assertThat(detail).containsEntry("name", "Team notes").containsEntry("embedding_available", true);
        this.knowledge.base("Handbook");

        HttpResponse<String> deleted = this.client.delete(path);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(json(this.client.get(path), 404)).containsExactly(Map.entry("code", "not_found"),
                Map.entry("message", "Dataset not found."), Map.entry("status", 404));
        assertThat(json(this.client.get("/datasets/" + UNKNOWN_ID + "/documents"), 404)).containsEntry("message", "Dataset not found.");
        // Not a UUID: Flask's <uuid:dataset_id> converter has no route for it.
        assertThat(this.client.get("/datasets/handbook").statusCode()).isEqualTo(404);
        assertThat(this.knowledge.bases()).extracting(ScriptedKnowledge.Base::name).containsExactly("Handbook");
    }

    @Test
    void uploadedFileGoesThroughDifysIndexingStatesOnePerPoll() {
        ScriptedKnowledge.Base notes = this.knowledge.base("Notes");

        Map<String, Object> created = json(upload(notes.id(), "faq.md", "Opening hours are nine to five.\n\nParking is free for visitors.",
                "{\"indexing_technique\":\"economy\",\"process_rule\":{\"mode\":\"automatic\"}}"), 200);

        assertThat(created.keySet()).containsExactly("document", "batch");
        String batch = (String) created.get("batch");
        assertThat(batch).matches("\\d{20}");
        Map<String, Object> document = map(created.get("document"));
        assertThat(document.keySet()).containsExactlyElementsOf(DOCUMENT_KEYS);
        assertThat(document).containsEntry("name", "faq.md")
            .containsEntry("indexing_status", "waiting")
            .containsEntry("display_status", "queuing")
            .containsEntry("created_from", "api")
            .containsEntry("tokens", null)
            .containsEntry("word_count", null)
            .containsEntry("doc_metadata", List.of());
        Map<String, Object> upload = map(map(document.get("data_source_detail_dict")).get("upload_file"));
        assertThat(upload.keySet()).containsExactly("id", "name", "size", "extension", "mime_type", "created_by", "created_at");
        assertThat(upload).containsEntry("name", "faq.md").containsEntry("extension", "md").containsEntry("mime_type", "text/markdown");
        assertThat(upload.get("created_at")).isInstanceOf(Double.class);
        assertThat(map(document.get("data_source_info"))).containsExactly(Map.entry("upload_file_id", upload.get("id")));

        String statusPath = "/datasets/" + notes.id() + "/documents/" + batch + "/indexing-status";
        for (String expected : List.of("parsing", "cleaning", "splitting", "indexing", "completed", "completed")) {
            Map<String, Object> status = list(json(this.client.get(statusPath), 200).get("data")).get(0);
            assertThat(status.keySet()).containsExactlyElementsOf(STATUS_KEYS);
            assertThat(status).containsEntry("indexing_status", expected).containsEntry("total_segments", 2);
            assertThat(status.get("processing_started_at")).isNotNull();
            assertThat(status).containsEntry("completed_segments", expected.equals("completed") ? 2 : 0);
            assertThat(status.get("completed_at") != null).isEqualTo(expected.equals("completed"));
        }
        assertThat(notes.documents()).singleElement().satisfies((stored) -> {
            assertThat(stored.indexingStatus()).isEqualTo("completed");
            assertThat(stored.chunks()).containsExactly("Opening hours are nine to five.", "Parking is free for visitors.");
        });
        Map<String, Object> listed = list(json(this.client.get("/datasets/" + notes.id() + "/documents"), 200).get("data")).get(0);
        assertThat(listed).containsEntry("display_status", "available").containsEntry("word_count", 60);
        assertThat(json(this.client.get("/datasets/" + notes.id()), 200)).containsEntry("total_available_documents", 1);
    }

    @Test
    void aScriptedFailureEndsTheNextUploadInError() {
        ScriptedKnowledge.Base notes = this.knowledge.base("Notes");
        this.knowledge.indexingSteps("waiting", "indexing", "completed").failsIndexing("The file could not be parsed.");

        String failing = (String) json(upload(notes.id(), "broken.txt", "Some text", null), 200).get("batch");
        String statusPath = "/datasets/" + notes.id() + "/documents/" + failing + "/indexing-status";
        assertThat(list(json(this.client.get(statusPath), 200).get("data")).get(0)).containsEntry("indexing_status", "indexing");
        Map<String, Object> failed = list(json(this.client.get(statusPath), 200).get("data")).get(0);
        assertThat(failed).containsEntry("indexing_status", "error").containsEntry("error", "The file could not be parsed.")
            .containsEntry("completed_at", null);
        assertThat(failed.get("stopped_at")).isNotNull();

        Map<String, Object> listed = list(json(this.client.get("/datasets/" + notes.id() + "/documents"), 200).get("data")).get(0);
        assertThat(listed).containsEntry("indexing_status", "error").containsEntry("display_status", "error")
            .containsEntry("error", "The file could not be parsed.");
        assertThat(notes.documents()).singleElement().satisfies((stored) -> assertThat(stored.error()).isEqualTo("The file could not be parsed."));
        Map<String, Object> nothing = json(this.client.post("/datasets/" + notes.id() + "/retrieve", Map.of("query", "Some text")), 200);
        assertThat(list(nothing.get("records"))).isEmpty();

        String next = (String) json(upload(notes.id(), "fine.txt", "Fine text", null), 200).get("batch");
        String nextPath = "/datasets/" + notes.id() + "/documents/" + next + "/indexing-status";
        this.client.get(nextPath);
        assertThat(list(json(this.client.get(nextPath), 200).get("data")).get(0)).containsEntry("indexing_status", "completed");
    }

    @Test
    void createsDocumentsFromTextAndRefusesWhatDifyRequires() {
        String baseId = (String) json(this.client.post("/datasets", Map.of("name", "Fresh")), 200).get("id");
        String path = "/datasets/" + baseId + "/document/create-by-text";
        this.knowledge.indexingSteps("completed");

        assertThat(json(this.client.post(path, Map.of("name", "a.txt", "text", "Alpha")), 400)).containsEntry("code", "invalid_param")
            .containsEntry("message", "indexing_technique is required.");
        assertThat((String) json(this.client.post(path, Map.of("name", "a.txt")), 400).get("message"))
            .startsWith("1 validation error for DocumentTextCreatePayload\ntext\n  Field required");
        Map<String, Object> created = json(this.client.post(path, Map.of("name", "a.txt", "text", "Alpha", "indexing_technique", "economy")), 200);
        assertThat(map(created.get("document"))).containsEntry("name", "a.txt").containsEntry("indexing_status", "completed");
        assertThat(json(this.client.get("/datasets/" + baseId), 200)).containsEntry("indexing_technique", "economy")
            .containsEntry("data_source_type", "upload_file");
        // Dify 1.14.2's text route requires the technique even once the base has one.
        assertThat((String) json(this.client.post(path, Map.of("name", "b.txt", "text", "Beta")), 400).get("message"))
            .startsWith("1 validation error for KnowledgeConfig\nindexing_technique\n  Field required");
        assertThat(json(this.client.post(path, Map.of("name", "b.txt", "text", "Beta", "indexing_technique", "economy")), 200))
            .containsKeys("document", "batch");

        HttpResponse<String> badSettings = upload(baseId, "c.txt", "Gamma", "{not json");
        assertThat(json(badSettings, 400)).containsEntry("code", "invalid_param");

        HttpResponse<String> noFile = upload(baseId, null, null, "{}");
        assertThat(json(noFile, 400)).containsEntry("code", "no_file_uploaded").containsEntry("message", "Please upload your file.");
    }

    @Test
    void retrievesChunksScoredByTheShareOfQueryWordsTheyContain() {
        ScriptedKnowledge.Base handbook = this.knowledge.base("Handbook")
            .document("returns.txt", "Returns are free within 30 days of delivery.\n\nRefunds reach the original payment method.")
            .document("shipping.txt", "Standard shipping takes five working days.\n\nExpress shipping and free returns for members.");
        String path = "/datasets/" + handbook.id() + "/retrieve";

        Map<String, Object> answer = json(this.client.post(path, Map.of("query", "Are returns free?")), 200);

        assertThat(answer.keySet()).containsExactly("query", "records");
        assertThat(map(answer.get("query"))).containsExactly(Map.entry("content", "Are returns free?"));
        List<Map<String, Object>> records = list(answer.get("records"));
        assertThat(records).extracting((record) -> record.get("score")).containsExactly(1.0, 0.667);
        Map<String, Object> best = records.get(0);
        assertThat(best.keySet()).containsExactly("segment", "child_chunks", "score", "tsne_position", "files", "summary");
        assertThat(best).containsEntry("child_chunks", List.of()).containsEntry("files", List.of());
        Map<String, Object> segment = map(best.get("segment"));
        assertThat(segment.keySet()).containsExactlyElementsOf(RETRIEVED_SEGMENT_KEYS);
        assertThat(segment).containsEntry("sign_content", null).containsEntry("keywords", List.of()).containsEntry("status", "completed");
        assertThat(map(segment.get("document")).keySet()).containsExactly("id", "data_source_type", "name", "doc_type", "doc_metadata");

        Map<String, Object> narrowed = json(this.client.post(path, Map.of("query", "free returns shipping", "retrieval_model",
                Map.of("search_method", "keyword_search", "reranking_enable", false, "top_k", 1, "score_threshold_enabled", false))), 200);
        assertThat(list(narrowed.get("records"))).singleElement()
            .satisfies((record) -> assertThat(map(record.get("segment"))).containsEntry("content", "Express shipping and free returns for members."));
        Map<String, Object> thresholded = json(this.client.post(path, Map.of("query", "free returns shipping", "retrieval_model",
                Map.of("search_method", "keyword_search", "reranking_enable", false, "top_k", 10, "score_threshold_enabled", true,
                        "score_threshold", 0.5))), 200);
        assertThat(list(thresholded.get("records"))).extracting((record) -> record.get("score")).containsExactly(1.0, 0.667);
        assertThat((String) json(this.client.post(path, Map.of()), 400).get("message"))
            .startsWith("1 validation error for HitTestingPayload\nquery\n  Field required");
    }

    @Test
    void getsListsAndDeletesDocumentsAndTheirChunks() {
        ScriptedKnowledge.Base handbook = this.knowledge.base("Handbook").document("returns.txt", "First part.\n\nSecond part.");
        String documentPath = "/datasets/" + handbook.id() + "/documents/" + handbook.documents().get(0).id();

        Map<String, Object> detail = json(this.client.get(documentPath), 200);
        assertThat(detail.keySet()).containsExactly("id", "position", "data_source_type", "data_source_info", "dataset_process_rule_id",
                "dataset_process_rule", "document_process_rule", "name", "created_from", "created_by", "created_at", "tokens",
                "indexing_status", "completed_at", "updated_at", "indexing_latency", "error", "enabled", "disabled_at", "disabled_by",
                "archived", "doc_type", "doc_metadata", "segment_count", "average_segment_length", "hit_count", "display_status", "doc_form",
                "doc_language", "summary_index_status", "need_summary");
        assertThat(detail).containsEntry("segment_count", 2).containsEntry("average_segment_length", 11).containsEntry("doc_metadata", null)
            .containsEntry("created_from", "web").containsEntry("indexing_latency", 0.0);
        assertThat(map(detail.get("data_source_info")).keySet()).containsExactly("upload_file");
        assertThat(map(detail.get("dataset_process_rule"))).containsEntry("mode", "automatic");

        Map<String, Object> segments = json(this.client.get(documentPath + "/segments?limit=1"), 200);
        assertThat(segments.keySet()).containsExactly("data", "doc_form", "total", "has_more", "limit", "page");
        assertThat(segments).containsEntry("total", 2).containsEntry("has_more", true).containsEntry("doc_form", "text_model");
        Map<String, Object> segment = list(segments.get("data")).get(0);
        assertThat(segment.keySet()).containsExactlyElementsOf(SEGMENT_KEYS);
        assertThat(segment).containsEntry("content", "First part.").containsEntry("word_count", 11).containsEntry("status", "completed");
        assertThat(list(json(this.client.get(documentPath + "/segments?page=2&limit=1"), 200).get("data")))
            .extracting((chunk) -> chunk.get("content")).containsExactly("Second part.");

        assertThat(this.client.delete(documentPath).statusCode()).isEqualTo(204);
        assertThat(json(this.client.get(documentPath), 404)).containsEntry("code", "not_found").containsEntry("message", "Document not found.");
        assertThat(json(this.client.delete(documentPath), 404)).containsEntry("message", "Document Not Exists.");
        assertThat(json(this.client.get(documentPath + "/segments"), 404)).containsEntry("message", "Document not found.");
        assertThat(json(this.client.get("/datasets/" + handbook.id() + "/documents/20240101000000123456/indexing-status"), 404))
            .containsEntry("code", "not_found").containsEntry("message", "Documents not found.");
        assertThat(handbook.documents()).isEmpty();
    }

    @Test
    void refusesAKeyThatIsNotTheWorkspaces() {
        this.knowledge.base("Handbook");

        HttpResponse<String> answer = new WireClient(this.server, "app-not-a-dataset-key").get("/datasets");

        assertThat(json(answer, 401)).containsEntry("code", "unauthorized").containsEntry("message", "Access token is invalid");
    }

    @Test
    void resetEmptiesTheWorkspace() {
        this.knowledge.base("Handbook").document("a.txt", "Alpha");
        this.knowledge.indexingSteps("completed").failsIndexing("boom");

        this.server.reset();

        assertThat(this.knowledge.bases()).isEmpty();
        ScriptedKnowledge.Base notes = this.knowledge.base("Notes");
        Map<String, Object> document = map(json(upload(notes.id(), "b.txt", "Beta", null), 200).get("document"));
        assertThat(document).containsEntry("indexing_status", "waiting").containsEntry("error", null);
    }

    @Test
    void findsBasesByNameAndChecksSteps() {
        assertThat(this.knowledge.base("Same")).isSameAs(this.knowledge.base("Same"));
        assertThatIllegalArgumentException().isThrownBy(() -> this.knowledge.indexingSteps("waiting", "parsing"));
        assertThatIllegalArgumentException().isThrownBy(() -> this.knowledge.indexingSteps("queued", "completed"));
    }

    /** Uploads a document to a base: the file, if any, and the {@code data} field of its settings, if any. */
    private HttpResponse<String> upload(String baseId, @Nullable String filename, @Nullable String text, @Nullable String data) {
        Map<String, String> fields = (data != null) ? Map.of("data", data) : Map.of();
        WireClient.@Nullable Upload file = null;
        if (filename != null && text != null) {
            String type = filename.endsWith(".md") ? "text/markdown" : filename.endsWith(".png") ? "image/png" : "text/plain";
            file = new WireClient.Upload(filename, type, text.getBytes(StandardCharsets.UTF_8));
        }
        return this.client.upload("/datasets/" + baseId + "/document/create-by-file", fields, file);
    }

    private static Map<String, Object> json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return WireClient.json(response.body());
    }
}
