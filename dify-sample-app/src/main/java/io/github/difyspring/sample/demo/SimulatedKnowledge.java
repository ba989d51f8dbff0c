package io.github.difyspring.sample.demo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The simulated Knowledge API of the offline demo: knowledge bases whose uploaded documents go
 * through Dify's indexing states, one per poll of their batch, and a retrieval that scores each
 * chunk by the share of the query's words it contains. The answers have the shapes of Dify 1.14.2's
 * {@code api/controllers/service_api/dataset/} (dataset.py, document.py, hit_testing.py) and
 * {@code api/fields/} (dataset_fields.py, document_fields.py, hit_testing_fields.py).
 */
final class SimulatedKnowledge {

    /** The indexing states a document goes through, one per poll of its batch. */
    private static final List<String> INDEXING = List.of("waiting", "parsing", "cleaning", "splitting", "indexing", "completed");

    private static final DateTimeFormatter BATCH_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String key;

    private final Map<String, Base> bases = new LinkedHashMap<>();

    private final DifySimulator responses;

    SimulatedKnowledge(String key, DifySimulator responses) {
        this.key = key;
        this.responses = responses;
        Base handbook = new Base("Product handbook", "How the demo products work, for retrieval.");
        handbook.add("returns.txt", """
                Returns are free within 30 days of delivery. Start a return from your account page.

                Refunds reach the original payment method within five working days after the parcel arrives.
                """, true);
        handbook.add("shipping.txt", """
                Standard shipping takes three to five working days. Express shipping arrives the next working day.

                Parcels over 20 kg ship by freight and need a delivery appointment.
                """, true);
        this.bases.put(handbook.id, handbook);
        Base empty = new Base("Team notes", "Upload a document to try indexing and retrieval.");
        this.bases.put(empty.id, empty);
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
            .GET("/v1/datasets", this::list)
            .GET("/v1/datasets/{dataset_id}/documents", this::documents)
            .POST("/v1/datasets/{dataset_id}/document/create-by-file", this::createByFile)
            .GET("/v1/datasets/{dataset_id}/documents/{batch}/indexing-status", this::indexingStatus)
            .POST("/v1/datasets/{dataset_id}/retrieve", this::retrieve)
            .filter(this::authenticate)
            .build();
    }

    private Mono<ServerResponse> authenticate(ServerRequest request, HandlerFunction<ServerResponse> next) {
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.equals("Bearer " + this.key)) {
            return this.responses.error(HttpStatus.UNAUTHORIZED, "unauthorized", "Access token is invalid");
        }
        return next.handle(request);
    }

    private synchronized Mono<ServerResponse> list(ServerRequest request) {
        return this.responses.ok(page(this.bases.values().stream().map(Base::toWire).toList()));
    }

    private synchronized Mono<ServerResponse> documents(ServerRequest request) {
        Base base = this.bases.get(request.pathVariable("dataset_id"));
        if (base == null) {
            return notFound();
        }
        return this.responses.ok(page(base.documents.values().stream().map(Document::toWire).toList()));
    }

    /** A listing's only page, as Dify numbers them. */
    private static Map<String, Object> page(List<Map<String, Object>> data) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", data);
        page.put("has_more", false);
        page.put("limit", 20);
        page.put("total", data.size());
        page.put("page", 1);
        return page;
    }

    private Mono<ServerResponse> createByFile(ServerRequest request) {
        String baseId = request.pathVariable("dataset_id");
        return request.multipartData().flatMap((parts) -> {
            Part file = parts.getFirst("file");
            if (!(file instanceof FilePart filePart)) {
                return this.responses.error(HttpStatus.BAD_REQUEST, "no_file_uploaded", "Please upload your file.");
            }
            return DataBufferUtils.join(filePart.content(), (int) DifySimulator.MAX_FILE_SIZE).flatMap((buffer) -> {
                String text = buffer.toString(StandardCharsets.UTF_8);
                DataBufferUtils.release(buffer);
                synchronized (this) {
                    Base base = this.bases.get(baseId);
                    if (base == null) {
                        return notFound();
                    }
                    Document document = base.add(filePart.filename(), text, false);
                    Map<String, Object> created = new LinkedHashMap<>();
                    created.put("document", document.toWire());
                    created.put("batch", document.batch);
                    return this.responses.ok(created);
                }
            }).onErrorResume((ex) -> this.responses.error(HttpStatus.BAD_REQUEST, "invalid_param", ""));
        });
    }

    private synchronized Mono<ServerResponse> indexingStatus(ServerRequest request) {
        Base base = this.bases.get(request.pathVariable("dataset_id"));
        String batch = request.pathVariable("batch");
        List<Document> documents = (base != null) ? base.documents.values().stream().filter((doc) -> doc.batch.equals(batch)).toList()
                : List.of();
        if (documents.isEmpty()) {
            return this.responses.error(HttpStatus.NOT_FOUND, "not_found", "Documents not found.");
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (Document document : documents) {
            document.advance();
            data.add(document.indexingStatus());
        }
        return this.responses.ok(Map.of("data", data));
    }

    private Mono<ServerResponse> retrieve(ServerRequest request) {
        String baseId = request.pathVariable("dataset_id");
        return DifySimulator.body(request).flatMap((body) -> {
            String query = (body.get("query") instanceof String text) ? text.strip() : "";
            if (query.isEmpty() || query.length() > 250) {
                return this.responses.error(HttpStatus.BAD_REQUEST, "invalid_param", "query is required and at most 250 characters");
            }
            int topK = topK(body);
            synchronized (this) {
                Base base = this.bases.get(baseId);
                if (base == null) {
                    return notFound();
                }
                Set<String> words = words(query);
                List<Map<String, Object>> records = base.documents.values().stream()
                    .filter((document) -> document.state().equals("completed"))
                    .flatMap((document) -> document.chunks.stream().map((chunk) -> record(document, chunk, score(words, chunk.content))))
                    .filter((record) -> (double) record.get("score") > 0)
                    .sorted(Comparator.comparing((Map<String, Object> record) -> (double) record.get("score")).reversed())
                    .limit(topK)
                    .toList();
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("query", Map.of("content", query));
                answer.put("records", records);
                return this.responses.ok(answer);
            }
        });
    }

    private static int topK(Map<String, Object> body) {
        if (body.get("retrieval_model") instanceof Map<?, ?> model && model.get("top_k") instanceof Number topK) {
            return Math.max(1, topK.intValue());
        }
        return 4;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter((word) -> word.length() > 2)
            .collect(Collectors.toSet());
    }

    /** The share of the query's words that the chunk contains, from 0 to 1. */
    private static double score(Set<String> query, String chunk) {
        if (query.isEmpty()) {
            return 0;
        }
        Set<String> words = words(chunk);
        long found = query.stream().filter(words::contains).count();
        return Math.round(1000.0 * found / query.size()) / 1000.0;
    }

    private static Map<String, Object> record(Document document, Chunk chunk, double score) {
        Map<String, Object> segment = chunk.toWire(document);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", document.id);
        source.put("data_source_type", "upload_file");
        source.put("name", document.name);
        source.put("doc_type", null);
        source.put("doc_metadata", null);
        segment.put("document", source);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("segment", segment);
        record.put("child_chunks", List.of());
        record.put("score", score);
        record.put("tsne_position", null);
        record.put("files", List.of());
        record.put("summary", null);
        return record;
    }

    private Mono<ServerResponse> notFound() {
        return this.responses.error(HttpStatus.NOT_FOUND, "not_found", "Dataset not found.");
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** A knowledge base and its documents. */
    private static final class Base {

        final String id = UUID.randomUUID().toString();

        final String name;

        final String description;

        final long createdAt = now();

        final Map<String, Document> documents = new LinkedHashMap<>();

        Base(String name, String description) {
            this.name = name;
            this.description = description;
        }

        Document add(String name, String text, boolean indexed) {
            Document document = new Document(name, text, this.documents.size() + 1, indexed);
            this.documents.put(document.id, document);
            return document;
        }

        Map<String, Object> toWire() {
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("id", this.id);
            wire.put("name", this.name);
            wire.put("description", this.description);
            wire.put("provider", "vendor");
            wire.put("permission", "only_me");
            wire.put("data_source_type", this.documents.isEmpty() ? null : "upload_file");
            wire.put("indexing_technique", "economy");
            wire.put("app_count", 0);
            wire.put("document_count", this.documents.size());
            wire.put("word_count", this.documents.values().stream().mapToInt((document) -> document.words).sum());
            wire.put("created_by", "demo");
            wire.put("author_name", "Demo");
            wire.put("created_at", this.createdAt);
            wire.put("updated_by", null);
            wire.put("updated_at", this.createdAt);
            wire.put("embedding_model", null);
            wire.put("embedding_model_provider", null);
            wire.put("embedding_available", true);
            Map<String, Object> retrieval = new LinkedHashMap<>();
            retrieval.put("search_method", "keyword_search");
            retrieval.put("reranking_enable", false);
            retrieval.put("reranking_mode", null);
            retrieval.put("reranking_model", Map.of("reranking_provider_name", "", "reranking_model_name", ""));
            retrieval.put("weights", null);
            retrieval.put("top_k", 4);
            retrieval.put("score_threshold_enabled", false);
            retrieval.put("score_threshold", null);
            wire.put("retrieval_model_dict", retrieval);
            wire.put("tags", List.of());
            wire.put("doc_form", "text_model");
            wire.put("total_documents", this.documents.size());
            wire.put("total_available_documents", this.documents.values().stream().filter((doc) -> doc.state().equals("completed")).count());
            wire.put("built_in_field_enabled", false);
            wire.put("enable_api", true);
            wire.put("is_published", false);
            wire.put("runtime_mode", "general");
            return wire;
        }
    }

    /** A document: its chunks (one per paragraph) and where its indexing stands. */
    private static final class Document {

        final String id = UUID.randomUUID().toString();

        final String batch = LocalDateTime.now(ZoneOffset.UTC).format(BATCH_TIME)
                + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));

        final String name;

        final int position;

        final long createdAt = now();

        final List<Chunk> chunks;

        final int words;

        int stage;

        Document(String name, String text, int position, boolean indexed) {
            this.name = name;
            this.position = position;
            this.chunks = Arrays.stream(text.split("\\R\\s*\\R")).map(String::strip).filter((part) -> !part.isEmpty())
                .map(Chunk::new).toList();
            this.words = this.chunks.stream().mapToInt((chunk) -> chunk.words).sum();
            this.stage = indexed ? INDEXING.size() - 1 : 0;
        }

        String state() {
            return INDEXING.get(this.stage);
        }

        /** One poll: the next state, until completed. */
        void advance() {
            this.stage = Math.min(this.stage + 1, INDEXING.size() - 1);
        }

        int completedSegments() {
            return state().equals("completed") ? this.chunks.size() : state().equals("indexing") ? this.chunks.size() / 2 : 0;
        }

        Map<String, Object> indexingStatus() {
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("id", this.id);
            wire.put("indexing_status", state());
            wire.put("processing_started_at", this.createdAt);
            wire.put("parsing_completed_at", (this.stage > 1) ? this.createdAt : null);
            wire.put("cleaning_completed_at", (this.stage > 2) ? this.createdAt : null);
            wire.put("splitting_completed_at", (this.stage > 3) ? this.createdAt : null);
            wire.put("completed_at", state().equals("completed") ? now() : null);
            wire.put("paused_at", null);
            wire.put("error", null);
            wire.put("stopped_at", null);
            wire.put("completed_segments", completedSegments());
            wire.put("total_segments", (this.stage >= 3) ? this.chunks.size() : 0);
            return wire;
        }

        Map<String, Object> toWire() {
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("id", this.id);
            wire.put("position", this.position);
            wire.put("data_source_type", "upload_file");
            wire.put("data_source_info", Map.of("upload_file_id", this.id));
            wire.put("dataset_process_rule_id", null);
            wire.put("name", this.name);
            wire.put("created_from", "api");
            wire.put("created_by", "demo");
            wire.put("created_at", this.createdAt);
            wire.put("tokens", state().equals("completed") ? this.words : null);
            wire.put("indexing_status", state());
            wire.put("error", null);
            wire.put("enabled", true);
            wire.put("disabled_at", null);
            wire.put("disabled_by", null);
            wire.put("archived", false);
            wire.put("display_status", state().equals("completed") ? "available" : (this.stage == 0) ? "queuing" : "indexing");
            wire.put("word_count", state().equals("completed") ? this.words : null);
            wire.put("hit_count", 0);
            wire.put("doc_form", "text_model");
            wire.put("doc_metadata", List.of());
            return wire;
        }
    }

    /** One chunk of a document. */
    private static final class Chunk {

        final String id = UUID.randomUUID().toString();

        final String content;

        final int words;

        Chunk(String content) {
            this.content = content;
            this.words = content.split("\\s+").length;
        }

        Map<String, Object> toWire(Document document) {
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("id", this.id);
            wire.put("position", document.chunks.indexOf(this) + 1);
            wire.put("document_id", document.id);
            wire.put("content", this.content);
            wire.put("sign_content", this.content);
            wire.put("answer", null);
            wire.put("word_count", this.words);
            wire.put("tokens", this.words);
            wire.put("keywords", List.of());
            wire.put("index_node_id", this.id);
            wire.put("index_node_hash", null);
            wire.put("hit_count", 0);
            wire.put("enabled", true);
            wire.put("disabled_at", null);
            wire.put("disabled_by", null);
            wire.put("status", "completed");
            wire.put("created_by", "demo");
            wire.put("created_at", document.createdAt);
            wire.put("indexing_at", document.createdAt);
            wire.put("completed_at", document.createdAt);
            wire.put("error", null);
            wire.put("stopped_at", null);
            return wire;
        }
    }
}
