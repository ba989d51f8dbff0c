package io.github.difyspring.test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.github.difyspring.test.KnowledgeRequests.DifyError;
import io.github.difyspring.test.KnowledgeRequests.Paging;
import io.github.difyspring.test.ScriptedKnowledgeBase.ProcessRule;
import io.github.difyspring.test.ScriptedKnowledgeBase.UploadFile;
import io.github.difyspring.test.ScriptedKnowledgeBase.View;
import io.github.difyspring.test.StoredDocument.Chunk;

import static io.github.difyspring.test.KnowledgeRequests.PERMISSIONS;
import static io.github.difyspring.test.KnowledgeRequests.TECHNIQUES;
import static io.github.difyspring.test.KnowledgeRequests.bool;
import static io.github.difyspring.test.KnowledgeRequests.dict;
import static io.github.difyspring.test.KnowledgeRequests.docForm;
import static io.github.difyspring.test.KnowledgeRequests.invalidParam;
import static io.github.difyspring.test.KnowledgeRequests.knowledgeConfigTechnique;
import static io.github.difyspring.test.KnowledgeRequests.lenientInt;
import static io.github.difyspring.test.KnowledgeRequests.literal;
import static io.github.difyspring.test.KnowledgeRequests.notFound;
import static io.github.difyspring.test.KnowledgeRequests.processRule;
import static io.github.difyspring.test.KnowledgeRequests.retrievalModel;
import static io.github.difyspring.test.KnowledgeRequests.string;
import static io.github.difyspring.test.KnowledgeRequests.validation;
import static io.github.difyspring.test.ScriptedKnowledgeBase.cast;
import static io.github.difyspring.test.ScriptedKnowledgeBase.ordered;

/**
 * The Knowledge API of the test server: knowledge bases, their documents, indexing status, chunks
 * and retrieval, for the {@link ScriptedKnowledge} workspace the request filter found by the key.
 * The request filter has read the body already: handlers take it from {@link Wire#body} and
 * {@link Wire#parts}, and {@link KnowledgeRequests} checks it. Paths, checks, their order and
 * messages follow Dify 1.14.2 (see {@link ScriptedKnowledge}); ids in paths are UUIDs as Flask's
 * {@code <uuid:...>} converter wants, so any other id misses the routes and gets Flask's 404 page,
 * as in Dify. Handlers run under the workspace's lock.
 */
final class KnowledgeRoutes {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private static final String BASE = "/v1/datasets/{dataset_id:" + UUID + "}";

    private static final String DOCUMENT = BASE + "/documents/{document_id:" + UUID + "}";

    /** Dify's default {@code DOCUMENT_EXTENSIONS} ({@code api/constants/__init__.py}). */
    private static final Set<String> DOCUMENT_EXTENSIONS = Set.of("txt", "markdown", "md", "mdx", "pdf", "html", "htm", "xlsx", "xls",
            "docx", "csv", "vtt", "properties");

    /** Dify's default {@code UPLOAD_FILE_SIZE_LIMIT}, 15 MB. */
    private static final long UPLOAD_LIMIT = 15L * 1024 * 1024;

    private KnowledgeRoutes() {
    }

    static RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
            .GET("/v1/datasets", handle(KnowledgeRoutes::listBases))
            .POST("/v1/datasets", handle(KnowledgeRoutes::createBase))
            .GET(BASE, withBase((request, base) -> Wire.ok(base.toWire(View.DETAIL))))
            .DELETE(BASE, withBase(KnowledgeRoutes::deleteBase))
            .GET(BASE + "/documents", withBase(KnowledgeRoutes::listDocuments))
            .POST(BASE + "/document/create-by-text", withBase(KnowledgeRoutes::createByText))
            .POST(BASE + "/document/create_by_text", withBase(KnowledgeRoutes::createByText))
            .POST(BASE + "/document/create-by-file", withBase(KnowledgeRoutes::createByFile))
            .POST(BASE + "/document/create_by_file", withBase(KnowledgeRoutes::createByFile))
            .GET(BASE + "/documents/{batch}/indexing-status", withBase(KnowledgeRoutes::indexingStatus))
            .GET(DOCUMENT, withBase(KnowledgeRoutes::getDocument))
            .DELETE(DOCUMENT, withBase(KnowledgeRoutes::deleteDocument))
            .GET(DOCUMENT + "/segments", withBase(KnowledgeRoutes::listSegments))
            .POST(BASE + "/retrieve", withBase(KnowledgeRoutes::retrieve))
            .POST(BASE + "/hit-testing", withBase(KnowledgeRoutes::retrieve))
            .build();
    }

    // Knowledge bases

    private static Mono<ServerResponse> listBases(ServerRequest request, ScriptedKnowledge knowledge) {
        Paging paging = Paging.of(request, "DatasetListQuery");
        String keyword = request.queryParam("keyword").orElse(null);
        boolean includeAll = bool(request.queryParam("include_all").orElse("false"), "DatasetListQuery", "include_all");
        String search = (keyword != null) ? keyword.toLowerCase(Locale.ROOT) : "";
        List<Map<String, Object>> bases = List.of();
        int total = 0;
        if (request.queryParams().getOrDefault("tag_ids", List.of()).isEmpty()) {
            // The owner sees every base but the partial_members ones it was not given, unless include_all.
            List<ScriptedKnowledgeBase> matching = knowledge.newestFirst().stream()
                .filter((base) -> base.name().toLowerCase(Locale.ROOT).contains(search))
                .filter((base) -> includeAll || !base.permission().equals("partial_members"))
                .toList();
            bases = paging.of(matching).stream().map((base) -> base.toWire(View.LISTED)).toList();
            total = matching.size();
        }
        return Wire.ok(paging.answer(bases, total));
    }

    private static Mono<ServerResponse> createBase(ServerRequest request, ScriptedKnowledge knowledge) {
        String model = "DatasetCreatePayload";
        Map<String, Object> body = Wire.body(request);
        String name = string(body, "name", model, true, 1, 40);
        String description = string(body, "description", model, false, 0, 400);
        String technique = literal(body, "indexing_technique", model, TECHNIQUES, "literal_error");
        String permission = literal(body, "permission", model, PERMISSIONS, "enum");
        String provider = string(body, "provider", model, false, 0, Integer.MAX_VALUE);
        Map<String, Object> retrievalModel = retrievalModel(body.get("retrieval_model"), model, "retrieval_model");
        String embeddingModel = string(body, "embedding_model", model, false, 0, Integer.MAX_VALUE);
        String embeddingProvider = string(body, "embedding_model_provider", model, false, 0, Integer.MAX_VALUE);
        Map<String, Object> summary = dict(body, "summary_index_setting", model);
        if (knowledge.findByName(name) != null) {
            throw new DifyError(HttpStatus.CONFLICT, "dataset_name_duplicate",
                    "The dataset name already exists. Please modify your dataset name.");
        }
        provider = (provider != null) ? provider : "vendor";
        if (provider.equals("external") && body.get("external_knowledge_api_id") instanceof String) {
            throw invalidParam("External API template not found.");
        }
        ScriptedKnowledgeBase base = new ScriptedKnowledgeBase(knowledge, name);
        base.settings((description != null) ? description : "", technique, (permission != null) ? permission : "only_me", provider,
                embeddingModel, embeddingProvider, retrievalModel, summary);
        knowledge.add(base);
        return Wire.ok(base.toWire(View.CREATED));
    }

    private static Mono<ServerResponse> deleteBase(ServerRequest request, ScriptedKnowledgeBase base) {
        base.workspace().remove(base.id());
        return ServerResponse.noContent().build();
    }

    // Documents

    private static Mono<ServerResponse> listDocuments(ServerRequest request, ScriptedKnowledgeBase base) {
        Paging paging = Paging.of(request, "DocumentListQuery");
        String keyword = request.queryParam("keyword").orElse("");
        String status = request.queryParam("status").map((value) -> value.toLowerCase(Locale.ROOT)).orElse("");
        String display = Map.of("active", "available", "enabled", "available").getOrDefault(status, status);
        boolean knownStatus = Set.of("queuing", "indexing", "paused", "error", "available", "disabled", "archived").contains(display);
        List<StoredDocument> matching = base.newestDocumentsFirst().stream()
            .filter((document) -> document.name.contains(keyword))
            .filter((document) -> !knownStatus || display.equals(document.displayStatus()))
            .toList();
        return Wire.ok(paging.answer(paging.of(matching).stream().map(StoredDocument::toWire).toList(), matching.size()));
    }

    private static Mono<ServerResponse> createByText(ServerRequest request, ScriptedKnowledgeBase base) {
        String model = "DocumentTextCreatePayload";
        Map<String, Object> body = Wire.body(request);
        String name = string(body, "name", model, true, 0, Integer.MAX_VALUE);
        String text = string(body, "text", model, true, 0, Integer.MAX_VALUE);
        Map<String, Object> processRule = processRule(body.get("process_rule"), model);
        String docForm = docForm(body.get("doc_form"), model, "text_model");
        String docLanguage = string(body, "doc_language", model, false, 0, Integer.MAX_VALUE);
        String technique = string(body, "indexing_technique", model, false, 0, Integer.MAX_VALUE);
        Map<String, Object> retrievalModel = retrievalModel(body.get("retrieval_model"), model, "retrieval_model");
        if (base.indexingTechnique() == null && technique == null) {
            throw invalidParam("indexing_technique is required.");
        }
        // Dify 1.14.2 hands the payload without a technique to KnowledgeConfig, where it is required.
        technique = knowledgeConfigTechnique(technique);
        String fileName = (name.length() > 200) ? name.substring(0, 200) : name;
        UploadFile file = new UploadFile(fileName, text.codePointCount(0, text.length()), "txt", "text/plain", base.workspace().ownerId());
        return Wire.ok(save(base, name, text, file, technique, docForm, (docLanguage != null) ? docLanguage : "English", processRule,
                retrievalModel, body));
    }

    private static Mono<ServerResponse> createByFile(ServerRequest request, ScriptedKnowledgeBase base) {
        if (base.isExternal()) {
            throw invalidParam("External datasets are not supported.");
        }
        Map<String, RecordedPart> parts = Wire.parts(request);
        RecordedPart dataPart = parts.get("data");
        Map<String, Object> data = new LinkedHashMap<>();
        if (dataPart != null && !dataPart.isFile()) {
            try {
                data.putAll(cast(Wire.JSON.readValue(dataPart.text(), Map.class)));
            }
            catch (JacksonException | ClassCastException ex) {
                // Dify answers json.JSONDecodeError's text; this is the one for data that is no JSON at all.
                throw invalidParam("Expecting value: line 1 column 1 (char 0)");
            }
        }
        String technique = (data.get("indexing_technique") instanceof String given && !given.isEmpty()) ? given : base.indexingTechnique();
        if (technique == null) {
            throw invalidParam("indexing_technique is required.");
        }
        RecordedPart file = parts.get("file");
        if (file == null || !file.isFile()) {
            throw new DifyError(HttpStatus.BAD_REQUEST, "no_file_uploaded", "Please upload your file.");
        }
        if (parts.values().stream().filter(RecordedPart::isFile).count() > 1) {
            throw new DifyError(HttpStatus.BAD_REQUEST, "too_many_files", "Only one file is allowed.");
        }
        if (file.filename() == null || file.filename().isEmpty()) {
            throw new DifyError(HttpStatus.BAD_REQUEST, "filename_not_exists_error", "The specified filename does not exist.");
        }
        String extension = ScriptedKnowledgeBase.extension(file.filename());
        if (!DOCUMENT_EXTENSIONS.contains(extension) || file.content().length > UPLOAD_LIMIT) {
            // FileService raises its UnsupportedFileTypeError and FileTooLargeError, ValueErrors without a message.
            throw invalidParam("");
        }
        technique = knowledgeConfigTechnique(technique);
        String docForm = docForm(data.getOrDefault("doc_form", "text_model"), "KnowledgeConfig", "text_model");
        Map<String, Object> processRule = processRule(data.get("process_rule"), "KnowledgeConfig");
        Map<String, Object> retrievalModel = retrievalModel(data.get("retrieval_model"), "KnowledgeConfig", "retrieval_model");
        if (base.processRule() == null && processRule == null && !(data.get("original_document_id") instanceof String)) {
            throw invalidParam("process_rule is required.");
        }
        String mimeType = (file.contentType() != null) ? file.contentType().split(";")[0].strip() : null;
        UploadFile upload = new UploadFile(file.filename(), file.content().length, extension, mimeType, base.workspace().ownerId());
        String language = (data.get("doc_language") instanceof String given) ? given : "English";
        return Wire.ok(save(base, file.filename(), new String(file.content(), StandardCharsets.UTF_8), upload, technique, docForm, language,
                processRule, retrievalModel, data));
    }

    /** What {@code DocumentService.save_document_with_dataset_id} does with a valid request. */
    private static Map<String, Object> save(ScriptedKnowledgeBase base, String name, String text, UploadFile file, String technique,
            String docForm, String docLanguage, @Nullable Map<String, Object> processRule, @Nullable Map<String, Object> retrievalModel,
            Map<String, Object> body) {
        if (base.docForm() != null && !docForm.equals(base.docForm())) {
            throw invalidParam("doc_form is different from the dataset doc_form.");
        }
        if (base.indexingTechnique() == null) {
            base.firstDocumentSettings(technique, Wire.text(body, "embedding_model"), Wire.text(body, "embedding_model_provider"),
                    retrievalModel);
        }
        if (processRule != null) {
            String mode = (String) processRule.get("mode");
            Map<String, Object> rules = mode.equals("automatic") ? ScriptedKnowledgeBase.AUTOMATIC_RULES
                    : cast((Map<?, ?>) processRule.get("rules"));
            base.processRule(new ProcessRule(mode, rules));
        }
        else if (base.processRule() == null) {
            base.processRule(new ProcessRule("automatic", ScriptedKnowledgeBase.AUTOMATIC_RULES));
        }
        StoredDocument document = base.add(name, text, base.workspace().nextIndexingPlan(), "api", docForm, docLanguage, file);
        return ordered("document", document.toWire(), "batch", document.batch);
    }

    private static Mono<ServerResponse> indexingStatus(ServerRequest request, ScriptedKnowledgeBase base) {
        String batch = request.pathVariable("batch");
        List<StoredDocument> documents = base.storedDocuments().stream().filter((document) -> document.batch.equals(batch)).toList();
        if (documents.isEmpty()) {
            throw notFound("Documents not found.");
        }
        documents.forEach(StoredDocument::advance);
        return Wire.ok(Map.of("data", documents.stream().map(StoredDocument::indexingStatus).toList()));
    }

    private static Mono<ServerResponse> getDocument(ServerRequest request, ScriptedKnowledgeBase base) {
        StoredDocument document = document(request, base, "Document not found.");
        String metadata = request.queryParam("metadata").orElse("all");
        if (!Set.of("all", "only", "without").contains(metadata)) {
            throw new DifyError(HttpStatus.BAD_REQUEST, "invalid_metadata", "Invalid metadata value: " + metadata);
        }
        return Wire.ok(document.detail(metadata));
    }

    private static Mono<ServerResponse> deleteDocument(ServerRequest request, ScriptedKnowledgeBase base) {
        base.removeDocument(document(request, base, "Document Not Exists."));
        return ServerResponse.noContent().build();
    }

    private static Mono<ServerResponse> listSegments(ServerRequest request, ScriptedKnowledgeBase base) {
        // SegmentListQuery: malformed integers fall back to the defaults, values below 1 are refused.
        int page = lenientInt(request, "page", 1);
        int limit = lenientInt(request, "limit", 20);
        for (Map.Entry<String, Integer> value : Map.of("limit", limit, "page", page).entrySet()) {
            if (value.getValue() < 1) {
                throw validation("SegmentListQuery", value.getKey(), "Input should be greater than or equal to 1", "greater_than_equal");
            }
        }
        StoredDocument document = document(request, base, "Document not found.");
        List<String> statuses = request.queryParams().getOrDefault("status", List.of());
        String keyword = request.queryParam("keyword").map((value) -> value.toLowerCase(Locale.ROOT)).orElse("");
        List<Chunk> matching = document.segments().stream()
            .filter((chunk) -> statuses.isEmpty() || statuses.contains(document.segmentStatus(chunk)))
            .filter((chunk) -> chunk.content().toLowerCase(Locale.ROOT).contains(keyword))
            .toList();
        List<Map<String, Object>> data = matching.stream().skip((page - 1L) * Math.min(limit, 100)).limit(Math.min(limit, 100))
            .map(document::segmentWire).toList();
        return Wire.ok(ordered("data", data, "doc_form", document.docForm, "total", matching.size(), "has_more", data.size() == limit,
                "limit", limit, "page", page));
    }

    private static StoredDocument document(ServerRequest request, ScriptedKnowledgeBase base, String notFound) {
        StoredDocument document = base.findDocument(request.pathVariable("document_id").toLowerCase(Locale.ROOT));
        if (document == null) {
            throw notFound(notFound);
        }
        return document;
    }

    // Retrieval

    private static Mono<ServerResponse> retrieve(ServerRequest request, ScriptedKnowledgeBase base) {
        String model = "HitTestingPayload";
        Map<String, Object> body = Wire.body(request);
        String query = string(body, "query", model, true, 0, 250);
        Map<String, Object> requested = retrievalModel(body.get("retrieval_model"), model, "retrieval_model");
        boolean images = body.get("attachment_ids") instanceof List<?> ids && !ids.isEmpty();
        if (query.isEmpty() && !images) {
            throw invalidParam("Query or attachment_ids is required");
        }
        Map<String, Object> retrieval = (requested != null) ? requested : (base.retrievalModel() != null) ? base.retrievalModel()
                : ordered("search_method", "semantic_search", "top_k", 4, "score_threshold_enabled", false);
        int topK = (retrieval.get("top_k") instanceof Number number) ? number.intValue() : 4;
        double threshold = (Boolean.TRUE.equals(retrieval.get("score_threshold_enabled"))
                && retrieval.get("score_threshold") instanceof Number number) ? number.doubleValue() : 0.0;
        Set<String> words = words(query);
        record Hit(StoredDocument document, Chunk chunk, double score) {
        }
        List<Map<String, Object>> records = base.storedDocuments().stream()
            .filter(StoredDocument::isIndexed)
            .flatMap((document) -> document.chunks.stream().map((chunk) -> new Hit(document, chunk, score(words, chunk.content()))))
            .filter((hit) -> hit.score() > 0 && hit.score() >= threshold)
            .sorted(Comparator.comparingDouble(Hit::score).reversed())
            .limit(Math.max(0, topK))
            .map((hit) -> record(hit.document(), hit.chunk(), hit.score()))
            .toList();
        return Wire.ok(ordered("query", ordered("content", query), "records", records));
    }

    /** The words of a text that count for retrieval: lower case, letters and digits, longer than two characters. */
    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter((word) -> word.length() > 2)
            .collect(Collectors.toSet());
    }

    /** The share of the query's words that the chunk contains, from 0 to 1, to three decimals. */
    private static double score(Set<String> query, String chunk) {
        if (query.isEmpty()) {
            return 0;
        }
        Set<String> words = words(chunk);
        long found = query.stream().filter(words::contains).count();
        return Math.round(1000.0 * found / query.size()) / 1000.0;
    }

    /**
     * One record of a retrieval ({@code HitTestingRecord}): the segment has no {@code updated_at},
     * and its {@code sign_content} is null, as the hit-testing service dumps it.
     */
    private static Map<String, Object> record(StoredDocument document, Chunk chunk, double score) {
        Map<String, Object> segment = new LinkedHashMap<>(document.segmentWire(chunk));
        segment.keySet().removeAll(Set.of("updated_at", "updated_by", "child_chunks", "attachments", "summary"));
        segment.put("sign_content", null);
        segment.put("document", ordered("id", document.id, "data_source_type", "upload_file", "name", document.name, "doc_type", null,
                "doc_metadata", null));
        return ordered("segment", segment, "child_chunks", List.of(), "score", score, "tsne_position", null, "files", List.of(), "summary",
                null);
    }

    // Handling

    private interface KnowledgeHandler {

        Mono<ServerResponse> handle(ServerRequest request, ScriptedKnowledge knowledge);
    }

    private interface BaseHandler {

        Mono<ServerResponse> handle(ServerRequest request, ScriptedKnowledgeBase base);
    }

    /** Runs a handler under the workspace's lock, its errors answered as Dify answers them. */
    private static HandlerFunction<ServerResponse> handle(KnowledgeHandler handler) {
        return (request) -> {
            ScriptedKnowledge knowledge = Wire.knowledge(request);
            synchronized (knowledge) {
                try {
                    return handler.handle(request, knowledge);
                }
                catch (DifyError error) {
                    return Wire.error(error.status, error.code, error.getMessage());
                }
            }
        };
    }

    /** A handler of a path with a {@code dataset_id}: a base of another workspace, or none, is Dify's 404. */
    private static HandlerFunction<ServerResponse> withBase(BaseHandler handler) {
        return handle((request, knowledge) -> {
            ScriptedKnowledgeBase base = knowledge.find(request.pathVariable("dataset_id").toLowerCase(Locale.ROOT));
            if (base == null) {
                throw notFound("Dataset not found.");
            }
            return handler.handle(request, base);
        });
    }
}
