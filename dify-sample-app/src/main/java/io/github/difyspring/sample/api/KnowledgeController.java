package io.github.difyspring.sample.api;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.KnowledgeBase;
import io.github.difyspring.client.knowledge.DocumentInfo;
import io.github.difyspring.client.knowledge.DocumentQuery;
import io.github.difyspring.client.knowledge.DocumentSettings;
import io.github.difyspring.client.knowledge.IndexingStatus;
import io.github.difyspring.client.knowledge.KnowledgeBaseInfo;
import io.github.difyspring.client.knowledge.KnowledgeBaseQuery;
import io.github.difyspring.client.knowledge.RetrievalRecord;
import io.github.difyspring.client.knowledge.RetrievalRequest;

/**
 * The workspace's knowledge bases for operators, under {@code /api/knowledge}: list them and their
 * documents, upload a document and follow its indexing, and retrieve the chunks a query finds. The
 * knowledge base API key stays here: the browser only ever sees these answers.
 */
@RestController
@RequestMapping("/api/knowledge")
class KnowledgeController {

    private final ObjectProvider<DifyKnowledgeClient> knowledge;

    private final UploadLimits uploads;

    KnowledgeController(ObjectProvider<DifyKnowledgeClient> knowledge, UploadLimits uploads) {
        this.knowledge = knowledge;
        this.uploads = uploads;
    }

    @GetMapping("/bases")
    Flux<BaseSummary> bases() {
        return client().bases().list(KnowledgeBaseQuery.all()).map(BaseSummary::of);
    }

    @GetMapping("/bases/{baseId}/documents")
    Flux<DocumentSummary> documents(@PathVariable String baseId) {
        return base(baseId).documents().list(DocumentQuery.all()).map(DocumentSummary::of);
    }

    @PostMapping(path = "/bases/{baseId}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<Upload>> upload(@PathVariable String baseId, @RequestPart("file") Mono<FilePart> file,
            ServerHttpRequest request) {
        KnowledgeBase base = base(baseId);
        return this.uploads.upload(request, file, (upload) -> base.documents().createByFile(upload, DocumentSettings.defaults()))
            .map((created) -> ResponseEntity.status(HttpStatus.CREATED)
                .body(new Upload(created.document().id(), created.document().name(), created.batch())));
    }

    @GetMapping("/bases/{baseId}/batches/{batch}")
    Mono<List<Progress>> indexing(@PathVariable String baseId, @PathVariable String batch) {
        return base(baseId).documents().indexingStatus(batch).map((statuses) -> statuses.stream().map(Progress::of).toList());
    }

    @PostMapping("/bases/{baseId}/retrieve")
    Mono<List<Hit>> retrieve(@PathVariable String baseId, @RequestBody Map<String, Object> body) {
        String query = DifyRequestBodies.text(body, "query");
        if (query == null || query.isBlank()) {
            throw ApiException.invalidParam("query is required");
        }
        return base(baseId).retrieve(RetrievalRequest.of(query.strip()))
            .map((result) -> result.records().stream().map(Hit::of).toList());
    }

    private KnowledgeBase base(String baseId) {
        return client().base(baseId);
    }

    private DifyKnowledgeClient client() {
        DifyKnowledgeClient client = this.knowledge.getIfAvailable();
        if (client == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "knowledge_not_configured",
                    "No knowledge base API key is configured: set dify.knowledge.api-key");
        }
        return client;
    }

    /** A knowledge base as the page lists it. */
    record BaseSummary(String id, String name, @Nullable String description, int documentCount) {

        static BaseSummary of(KnowledgeBaseInfo base) {
            return new BaseSummary(base.id(), base.name(), base.description(), base.documentCount());
        }
    }

    /** A document as the page lists it, with where its indexing stands. */
    record DocumentSummary(String id, @Nullable String name, @Nullable String indexingStatus, @Nullable String displayStatus) {

        static DocumentSummary of(DocumentInfo document) {
            return new DocumentSummary(document.id(), document.name(),
                    (document.indexingState() != null) ? document.indexingState().value() : null,
                    (document.displayStatus() != null) ? document.displayStatus().value() : null);
        }
    }

    /** An uploaded document and the batch to follow its indexing by. */
    record Upload(String documentId, @Nullable String name, String batch) {
    }

    /** How far one document's indexing got. */
    record Progress(String documentId, String state, int completedSegments, int totalSegments, @Nullable String error) {

        static Progress of(IndexingStatus status) {
            return new Progress(status.id(), status.state().value(), status.completedSegments(), status.totalSegments(),
                    status.error());
        }
    }

    /** One chunk a retrieval found, with its score. */
    record Hit(String content, @Nullable Double score, String documentName, int position) {

        static Hit of(RetrievalRecord record) {
            return new Hit(record.segment().content(), record.score(), record.segment().document().name(),
                    record.segment().position());
        }
    }
}
