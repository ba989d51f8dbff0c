package io.github.difyspring.test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpStatus;
import org.springframework.util.DigestUtils;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.github.difyspring.test.ScriptedKnowledge.Base;
import io.github.difyspring.test.ScriptedKnowledge.Stored;

/**
 * The Knowledge API of the test server for the workspace whose key the request filter found (it answers 401 to others), under the
 * workspace's lock; ids in paths are UUIDs, as Flask's converter wants. The answers have the keys, their order and the error codes of
 * Dify 1.14.2 (langgenius/dify at ad96501e, {@code api/fields/} and {@code api/controllers/service_api/dataset/}); a missing required
 * field is pydantic's {@code ValidationError}, answered as {@code invalid_param}. Dify's {@code word_count} counts characters.
 */
final class KnowledgeRoutes {

    private static final String ID = "{%s:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}";

    private static final String BASE = "/v1/datasets/" + ID.formatted("dataset_id");

    private static final String DOCUMENT = BASE + "/documents/" + ID.formatted("document_id");

    private static final String OWNER = "9a1b5c2e-4f6d-4e8a-b3c7-2d5e8f1a6b40";

    /** {@code DatasetProcessRule.AUTOMATIC_RULES}, the rules of every document here. */
    private static final Map<String, Object> RULES = Wire.obj("pre_processing_rules", List.of(Wire.obj("id", "remove_extra_spaces", "enabled",
            true), Wire.obj("id", "remove_urls_emails", "enabled", false)), "segmentation", Wire.obj("delimiter", "\n", "max_tokens", 500,
            "chunk_overlap", 50));

    static RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
            .GET("/v1/datasets", (request) -> Wire.ok(page(request, false, Wire.knowledge(request).bases.stream()
                .sorted(Comparator.comparingInt(Wire.knowledge(request).bases::indexOf).reversed()).map((base) -> base(base, false)).toList())))
            .POST("/v1/datasets", KnowledgeRoutes::createBase)
            .GET(BASE, withBase((request, base) -> Wire.ok(base(base, false))))
            .DELETE(BASE, withBase((request, base) -> deleted(base.workspace.bases, base)))
            .GET(BASE + "/documents", withBase((request, base) -> Wire.ok(page(request, false, base.documents.stream()
                .sorted(Comparator.comparingInt(base.documents::indexOf).reversed()).map(KnowledgeRoutes::document).toList()))))
            .POST(BASE + "/document/create-by-text", withBase(KnowledgeRoutes::createByText))
            .POST(BASE + "/document/create-by-file", withBase(KnowledgeRoutes::createByFile))
            .GET(BASE + "/documents/{batch}/indexing-status", withBase(KnowledgeRoutes::indexingStatus))
            .GET(DOCUMENT, withDocument("Document not found.", (request, document) -> Wire.ok(detail(document))))
            .DELETE(DOCUMENT, withDocument("Document Not Exists.", (request, document) -> deleted(document.base().documents, document)))
            .GET(DOCUMENT + "/segments", withDocument("Document not found.", (request, document) -> Wire.ok(page(request, true,
                    IntStream.range(0, document.chunks().size()).mapToObj((i) -> segment(document, i, false)).toList()))))
            .POST(BASE + "/retrieve", withBase(KnowledgeRoutes::retrieve))
            .filter((request, next) -> {
                synchronized (Wire.knowledge(request)) {
                    return next.handle(request);
                }
            })
            .build();
    }

    private static Mono<ServerResponse> createBase(ServerRequest request) {
        Map<String, Object> body = Wire.body(request);
        if (!(body.get("name") instanceof String name)) {
            return missing("DatasetCreatePayload", "name");
        }
        Base base = new Base(Wire.knowledge(request), name, Wire.text(body, "indexing_technique"));
        base.description = (body.get("description") instanceof String description) ? description : "";
        return Wire.ok(base(base, true));
    }

    private static Mono<ServerResponse> createByText(ServerRequest request, Base base) {
        Map<String, Object> body = Wire.body(request);
        if (!(body.get("name") instanceof String name) || !(body.get("text") instanceof String text)) {
            return missing("DocumentTextCreatePayload", (body.get("name") instanceof String) ? "text" : "name");
        }
        String technique = Wire.text(body, "indexing_technique");
        if (technique == null && base.indexingTechnique != null) {
            // Unlike the file route, Dify 1.14.2's text route does not take the base's technique: its
            // KnowledgeConfig requires one (document.py _create_document_by_text).
            return missing("KnowledgeConfig", "indexing_technique");
        }
        return save(base, technique, name, text, text.codePointCount(0, text.length()), "text/plain");
    }

    private static Mono<ServerResponse> createByFile(ServerRequest request, Base base) {
        RecordedPart file = Wire.parts(request).get("file");
        if (file == null || file.filename() == null) {
            return Wire.error(HttpStatus.BAD_REQUEST, "no_file_uploaded", "Please upload your file.");
        }
        RecordedPart data = Wire.parts(request).get("data");
        Map<?, ?> settings;
        try {
            settings = (data != null) ? Wire.JSON.readValue(data.text(), Map.class) : Map.of();
        }
        catch (JacksonException ex) {
            // Dify reads the part with json.loads, whose ValueError answers 400 invalid_param.
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", "Expecting value: line 1 column 1 (char 0)");
        }
        String technique = (settings.get("indexing_technique") instanceof String text) ? text : null;
        String type = (file.contentType() != null) ? file.contentType().split(";")[0].strip() : "text/plain";
        return save(base, technique, file.filename(), file.text(), file.content().length, type);
    }

    /** As Dify's {@code save_document_with_dataset_id}: a base without an indexing technique takes its first document's. */
    private static Mono<ServerResponse> save(Base base, String technique, String name, String text, long size, String type) {
        if (base.indexingTechnique == null && technique == null) {
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", "indexing_technique is required.");
        }
        base.indexingTechnique = (base.indexingTechnique != null) ? base.indexingTechnique : technique;
        Stored document = base.add(name, text, size, type, "api", base.workspace.indexingSteps, base.workspace.indexingFailures.poll());
        return Wire.ok(Wire.obj("document", document(document), "batch", document.batch()));
    }

    private static Mono<ServerResponse> indexingStatus(ServerRequest request, Base base) {
        List<Stored> batch = base.documents.stream().filter((document) -> document.batch().equals(request.pathVariable("batch"))).toList();
        batch.forEach(Stored::advance);
        return batch.isEmpty() ? Wire.error(HttpStatus.NOT_FOUND, "not_found", "Documents not found.")
                : Wire.ok(Map.of("data", batch.stream().map((document) -> Wire.obj("id", document.id(), "indexing_status", document.state(),
                        "processing_started_at", document.reached("parsing"), "parsing_completed_at", document.reached("cleaning"),
                        "cleaning_completed_at", document.reached("splitting"), "splitting_completed_at", document.reached("indexing"),
                        "completed_at", document.reached("completed"), "paused_at", null, "error", document.error(), "stopped_at",
                        (document.error() != null) ? document.times().getLast() : null, "completed_segments",
                        document.isIndexed() ? document.chunks().size() : 0, "total_segments", document.chunks().size())).toList()));
    }

    private static Mono<ServerResponse> retrieve(ServerRequest request, Base base) {
        Map<String, Object> body = Wire.body(request);
        if (!(body.get("query") instanceof String query)) {
            return missing("HitTestingPayload", "query");
        }
        Map<?, ?> model = (body.get("retrieval_model") instanceof Map<?, ?> given) ? given : Map.of();
        double threshold = (Boolean.TRUE.equals(model.get("score_threshold_enabled")) && model.get("score_threshold") instanceof Number number)
                ? number.doubleValue() : 0;
        Set<String> words = words(query);
        return Wire.ok(Wire.obj("query", Wire.obj("content", query), "records", base.documents.stream().filter(Stored::isIndexed)
            .flatMap((document) -> IntStream.range(0, document.chunks().size()).mapToObj((i) -> Wire.obj("segment", segment(document, i, true),
                    "child_chunks", List.of(), "score", Math.round(1000.0 * words(document.chunks().get(i)).stream().filter(words::contains)
                            .count() / Math.max(1, words.size())) / 1000.0, "tsne_position", null, "files", List.of(), "summary", null)))
            .filter((record) -> (double) record.get("score") > 0 && (double) record.get("score") >= threshold)
            .sorted(Comparator.comparingDouble((Map<String, Object> record) -> (double) record.get("score")).reversed())
            .limit((model.get("top_k") instanceof Number topK) ? Math.max(0, topK.intValue()) : 4)
            .toList()));
    }

    /** The words that count for retrieval, and stand for tokens: lower case, longer than two characters. */
    private static Set<String> words(String text) {
        return Set.copyOf(Arrays.stream(text.toLowerCase(Locale.ROOT).split("(?U)\\W+")).filter((word) -> word.length() > 2).toList());
    }

    private static Map<String, Object> base(Base base, boolean created) {
        boolean empty = base.documents.isEmpty();
        List<Stored> indexed = base.documents.stream().filter(Stored::isIndexed).toList();
        return Wire.obj("id", base.id, "name", base.name, "description", base.description, "provider", "vendor", "permission", "only_me",
                "data_source_type", empty ? null : "upload_file", "indexing_technique", base.indexingTechnique, "app_count", 0,
                "document_count", base.documents.size(), "word_count", indexed.stream().flatMap((document) -> document.chunks().stream())
                    .mapToInt(String::length).sum(), "created_by", OWNER, "author_name", "Dify Test", "created_at", base.createdAt,
                "updated_by", OWNER, "updated_at", base.createdAt, "embedding_model", null, "embedding_model_provider", null,
                "embedding_available", created ? null : true, "retrieval_model_dict", Wire.obj("search_method", "semantic_search",
                        "reranking_enable", false, "reranking_mode", null, "reranking_model", Wire.obj("reranking_provider_name", "",
                                "reranking_model_name", ""), "weights", null, "top_k", 2, "score_threshold_enabled", false,
                        "score_threshold", null),
                "summary_index_setting", Wire.obj("enable", null, "model_name", null, "model_provider_name", null, "summary_prompt", null),
                "tags", List.of(), "doc_form", empty ? null : "text_model", "external_knowledge_info", Wire.obj("external_knowledge_id", null,
                        "external_knowledge_api_id", null, "external_knowledge_api_name", null, "external_knowledge_api_endpoint", null),
                "external_retrieval_model", Wire.obj("top_k", 2, "score_threshold", 0.0, "score_threshold_enabled", null), "doc_metadata",
                List.of(), "built_in_field_enabled", false, "pipeline_id", null, "runtime_mode", "general", "chunk_structure", null,
                "icon_info", Wire.obj("icon_type", null, "icon", null, "icon_background", null, "icon_url", null), "is_published", false,
                "total_documents", base.documents.size(), "total_available_documents", indexed.size(), "enable_api", true,
                "is_multimodal", false);
    }

    private static Map<String, Object> document(Stored document) {
        boolean indexed = document.isIndexed();
        return Wire.obj("id", document.id(), "position", document.base().documents.indexOf(document) + 1, "data_source_type", "upload_file",
                "data_source_info", Wire.obj("upload_file_id", document.fileId()), "data_source_detail_dict", uploadFile(document),
                "dataset_process_rule_id", document.base().ruleId, "name", document.name(), "created_from", document.createdFrom(),
                "created_by", OWNER, "created_at", document.times().getFirst(), "tokens",
                indexed ? document.chunks().stream().mapToInt((chunk) -> words(chunk).size()).sum() : null, "indexing_status",
                document.state(), "error", document.error(), "enabled", true, "disabled_at", null, "disabled_by", null, "archived", false,
                "display_status", Map.of("waiting", "queuing", "completed", "available", "error", "error").getOrDefault(document.state(),
                        "indexing"), "word_count", indexed ? String.join("", document.chunks()).length() : null, "hit_count", 0, "doc_form",
                "text_model", "doc_metadata", List.of(), "summary_index_status", null, "need_summary", false);
    }

    /** The document detail ({@code metadata=all}): the listed document's values in another order, and more. */
    private static Map<String, Object> detail(Stored document) {
        Map<String, Object> values = document(document);
        Long completedAt = document.reached("completed");
        int segments = document.chunks().size();
        values.putAll(Wire.obj("data_source_info", uploadFile(document), "dataset_process_rule", Wire.obj("mode", "automatic", "rules", RULES),
                "document_process_rule", Wire.obj("id", document.base().ruleId, "dataset_id", document.base().id, "mode", "automatic",
                        "rules", RULES), "completed_at", completedAt, "updated_at", document.times().getLast(), "indexing_latency",
                (completedAt != null) ? (double) (completedAt - document.reached("parsing")) : null, "doc_type", null, "doc_metadata", null,
                "segment_count", segments, "average_segment_length", (values.get("word_count") instanceof Integer words && segments > 0)
                        ? words / segments : 0, "doc_language", "English"));
        return Arrays.stream(("id position data_source_type data_source_info dataset_process_rule_id dataset_process_rule "
                + "document_process_rule name created_from created_by created_at tokens indexing_status completed_at updated_at "
                + "indexing_latency error enabled disabled_at disabled_by archived doc_type doc_metadata segment_count "
                + "average_segment_length hit_count display_status doc_form doc_language summary_index_status need_summary").split(" "))
            .collect(LinkedHashMap::new, (detail, key) -> detail.put(key, values.get(key)), Map::putAll);
    }

    /** A listed segment; a retrieved one has its document instead of its updates and children (the hit-testing service's dump). */
    private static Map<String, Object> segment(Stored document, int index, boolean retrieved) {
        String chunk = document.chunks().get(index);
        String id = Wire.uuid(document.id() + index);
        String status = document.isIndexed() ? "completed" : (document.reached("indexing") != null) ? "indexing" : "waiting";
        Map<String, Object> wire = Wire.obj("id", id, "position", index + 1, "document_id", document.id(), "content", chunk, "sign_content",
                retrieved ? null : chunk, "answer", null, "word_count", chunk.length(), "tokens", words(chunk).size(), "keywords", List.of(),
                "index_node_id", id, "index_node_hash", DigestUtils.md5DigestAsHex(chunk.getBytes()), "hit_count", 0, "enabled", true,
                "disabled_at", null, "disabled_by", null, "status", status, "created_by", OWNER, "created_at", document.times().getFirst(),
                "updated_at", document.times().getLast(), "updated_by", null, "indexing_at", document.reached("indexing"), "completed_at",
                document.reached("completed"), "error", null, "stopped_at", null, "child_chunks", List.of(), "attachments", List.of(),
                "summary", null);
        if (retrieved) {
            wire.keySet().removeAll(List.of("updated_at", "updated_by", "child_chunks", "attachments", "summary"));
            wire.put("document", Wire.obj("id", document.id(), "data_source_type", "upload_file", "name", document.name(), "doc_type", null,
                    "doc_metadata", null));
        }
        return wire;
    }

    private static Map<String, Object> uploadFile(Stored document) {
        String name = document.name();
        return Wire.obj("upload_file", Wire.obj("id", document.fileId(), "name", name, "size", document.size(), "extension",
                name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "txt", "mime_type",
                document.mimeType(), "created_by", OWNER, "created_at", document.times().getFirst() + 0.0));
    }

    /** As Flask-SQLAlchemy's {@code paginate(max_per_page=100, error_out=False)}: the page and limit are echoed as sent. */
    private static Map<String, Object> page(ServerRequest request, boolean segments, List<Map<String, Object>> all) {
        int page = request.queryParam("page").filter((value) -> value.matches("-?\\d{1,9}")).map(Integer::parseInt).orElse(1);
        int limit = request.queryParam("limit").filter((value) -> value.matches("-?\\d{1,9}")).map(Integer::parseInt).orElse(20);
        int size = (limit < 1) ? 20 : Math.min(limit, 100);
        List<Map<String, Object>> data = all.stream().skip((Math.max(page, 1) - 1L) * size).limit(size).toList();
        return segments ? Wire.obj("data", data, "doc_form", "text_model", "total", all.size(), "has_more", data.size() == limit, "limit",
                limit, "page", page) : Wire.obj("data", data, "has_more", data.size() == limit, "limit", limit, "total", all.size(), "page", page);
    }

    private static Mono<ServerResponse> missing(String model, String field) {
        String message = "1 validation error for %s\n%s\n  Field required [type=missing]";
        return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", message.formatted(model, field));
    }

    private static Mono<ServerResponse> deleted(List<?> from, Object removed) {
        from.remove(removed);
        return ServerResponse.noContent().build();
    }

    private static HandlerFunction<ServerResponse> withBase(BiFunction<ServerRequest, Base, Mono<ServerResponse>> handler) {
        return (request) -> Wire.knowledge(request).bases.stream().filter((base) -> base.id.equalsIgnoreCase(request.pathVariable("dataset_id")))
            .findFirst().map((base) -> handler.apply(request, base)).orElseGet(() -> Wire.error(HttpStatus.NOT_FOUND, "not_found",
                    "Dataset not found."));
    }

    private static HandlerFunction<ServerResponse> withDocument(String error, BiFunction<ServerRequest, Stored, Mono<ServerResponse>> handler) {
        return withBase((request, base) -> base.documents.stream()
            .filter((document) -> document.id().equalsIgnoreCase(request.pathVariable("document_id"))).findFirst()
            .map((document) -> handler.apply(request, document)).orElseGet(() -> Wire.error(HttpStatus.NOT_FOUND, "not_found", error)));
    }
}
