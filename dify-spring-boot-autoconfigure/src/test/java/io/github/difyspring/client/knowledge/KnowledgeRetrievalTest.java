package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;

import io.github.difyspring.client.error.DifyBadRequestException;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Retrieval from a knowledge base ({@code POST /datasets/{dataset_id}/retrieve}): the request with
 * and without a retrieval model of its own, the answer read field by field, the errors, and the
 * retry of a read. The answers are written as Dify 1.14.2 (ad96501e) produces them:
 * {@code api/controllers/console/datasets/hit_testing_base.py} (which fills {@code keywords},
 * {@code child_chunks} and {@code files} with {@code []} and adds {@code tsne_position} and
 * {@code summary}), {@code api/services/hit_testing_service.py} and
 * {@code api/fields/hit_testing_fields.py}; the errors come from {@code hit_testing_base.py} and
 * {@code api/controllers/console/app/error.py}.
 */
class KnowledgeRetrievalTest extends KnowledgeWorkspaceTestSupport {

    private static final String RETRIEVE = "/v1/datasets/" + KB_ID + "/retrieve";

    /** A plain chunk with an image and a summary, and a parent chunk matched through a child. */
    private static final String ANSWER = """
            {"query": {"content": "How do I reset the X200?"},
             "records": [
              {"segment": {"id": "5a4b3c2d-7777-4e1f-9a0b-1c2d3e4f5a6b", "position": 4,
                 "document_id": "d1c2b3a4-8888-4f5e-8d7c-6b5a4f3e2d1c", "content": "Hold the power button for ten seconds.",
                 "sign_content": "Hold the power button for ten seconds.", "answer": null, "word_count": 7, "tokens": 9,
                 "keywords": ["reset", "power", "button"], "index_node_id": "0e9d8c7b-9999-4a5b-8c7d-6e5f4a3b2c1d",
                 "index_node_hash": "4f9a1c", "hit_count": 12, "enabled": true, "disabled_at": null, "disabled_by": null,
                 "status": "completed", "created_by": "0f6e7d8c-1111-4a2b-9c3d-5e6f7a8b9c0d", "created_at": 1764979300,
                 "indexing_at": 1764979301, "completed_at": 1764979305, "error": null, "stopped_at": null,
                 "document": {"id": "d1c2b3a4-8888-4f5e-8d7c-6b5a4f3e2d1c", "data_source_type": "upload_file",
                   "name": "x200-manual.pdf", "doc_type": null,
                   "doc_metadata": {"product": "X200", "year": 2025, "document_name": "x200-manual.pdf",
                     "upload_date": "1764979200.0", "source": "file_upload"}}},
               "child_chunks": [], "score": 0.8712, "tsne_position": null,
               "files": [{"id": "f0e1d2c3-aaaa-4b5c-9d8e-7f6a5b4c3d2e", "name": "reset.png", "size": 48213, "extension": "png",
                 "mime_type": "image/png",
                 "source_url": "http://localhost/files/f0e1d2c3-aaaa-4b5c-9d8e-7f6a5b4c3d2e/image-preview?timestamp=1764979400&nonce=ab12&sign=c2lnbg=="}],
               "summary": "How to reset the X200."},
              {"segment": {"id": "6b5c4d3e-bbbb-4f2a-8b1c-2d3e4f5a6b7c", "position": 1,
                 "document_id": "e2d3c4b5-cccc-4a6f-9e8d-7c6b5a4f3e2d", "content": "Troubleshooting. The X200 restarts when...",
                 "sign_content": null, "answer": null, "word_count": 310, "tokens": 402, "keywords": [],
                 "index_node_id": null, "index_node_hash": null, "hit_count": 3, "enabled": true, "disabled_at": null,
                 "disabled_by": null, "status": "completed", "created_by": "0f6e7d8c-1111-4a2b-9c3d-5e6f7a8b9c0d",
                 "created_at": 1764979310, "indexing_at": null, "completed_at": null, "error": null, "stopped_at": null,
                 "document": {"id": "e2d3c4b5-cccc-4a6f-9e8d-7c6b5a4f3e2d", "data_source_type": "upload_file",
                   "name": "troubleshooting.md", "doc_type": "others", "doc_metadata": null}},
               "child_chunks": [{"id": "7c6d5e4f-dddd-4a3b-8c9d-0e1f2a3b4c5d", "content": "Hold the power button", "position": 2,
                 "score": 0.64}],
               "score": null, "tsne_position": null, "files": [], "summary": null}]}
            """;

    @Test
    void retrieveWithTheKnowledgeBasesOwnSettingSendsOnlyTheQuery() {
        wireMock.stubFor(post(urlEqualTo(RETRIEVE)).willReturn(json(200, ANSWER)));

        knowledgeClient().base(KB_ID).retrieve(RetrievalRequest.of("How do I reset the X200?")).block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(postRequestedFor(urlEqualTo(RETRIEVE)))
            .withRequestBody(equalToJson("{\"query\": \"How do I reset the X200?\"}"))
            .withRequestBody(matchesRequestSchema("POST", "/datasets/{dataset_id}/retrieve")));
    }

    @Test
    void retrieveSendsEveryOptionOfItsRetrievalModelAndTheImages() {
        wireMock.stubFor(post(urlEqualTo(RETRIEVE)).willReturn(json(200, ANSWER)));
        RetrievalModel model = RetrievalModel.of(SearchMethod.HYBRID, 6)
            .withWeights(RetrievalWeights.of(0.7, "langgenius/openai/openai", "text-embedding-3-small", 0.3))
            .withScoreThreshold(0.5)
            .withMetadataFilter(MetadataFilter.all(MetadataCondition.is("product", "X200"), new MetadataCondition("year", "≥", 2024)));

        knowledgeClient().base(KB_ID)
            .retrieve(RetrievalRequest.of("How do I reset the X200?")
                .withRetrievalModel(model)
                .withAttachmentIds(List.of("f0e1d2c3-aaaa-4b5c-9d8e-7f6a5b4c3d2e")))
            .block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(postRequestedFor(urlEqualTo(RETRIEVE))).withRequestBody(equalToJson("""
                {"query": "How do I reset the X200?",
                 "retrieval_model": {"search_method": "hybrid_search", "reranking_enable": false, "reranking_mode": "weighted_score",
                   "weights": {"weight_type": "customized",
                     "vector_setting": {"vector_weight": 0.7, "embedding_provider_name": "langgenius/openai/openai",
                       "embedding_model_name": "text-embedding-3-small"},
                     "keyword_setting": {"keyword_weight": 0.3}},
                   "top_k": 6, "score_threshold_enabled": true, "score_threshold": 0.5,
                   "metadata_filtering_conditions": {"logical_operator": "and", "conditions": [
                     {"name": "product", "comparison_operator": "is", "value": "X200"},
                     {"name": "year", "comparison_operator": "≥", "value": 2024}]}},
                 "attachment_ids": ["f0e1d2c3-aaaa-4b5c-9d8e-7f6a5b4c3d2e"]}
                """)));
    }

    @Test
    void retrieveWithARerankModelSendsIt() {
        wireMock.stubFor(post(urlEqualTo(RETRIEVE)).willReturn(json(200, ANSWER)));

        knowledgeClient().base(KB_ID)
            .retrieve(RetrievalRequest.of("reset").withRetrievalModel(RetrievalModel.of(SearchMethod.SEMANTIC, 3)
                .withReranking(new RerankingModel("langgenius/cohere/cohere", "rerank-english-v3.0"))))
            .block(TIMEOUT);

        wireMock.verify(1, postRequestedFor(urlEqualTo(RETRIEVE)).withRequestBody(equalToJson("""
                {"query": "reset", "retrieval_model": {"search_method": "semantic_search", "reranking_enable": true,
                 "reranking_model": {"reranking_provider_name": "langgenius/cohere/cohere", "reranking_model_name": "rerank-english-v3.0"},
                 "reranking_mode": "reranking_model", "top_k": 3, "score_threshold_enabled": false}}
                """)).withRequestBody(matchesRequestSchema("POST", "/datasets/{dataset_id}/retrieve")));
    }

    @Test
    void retrieveReadsEveryRecordFieldByField() {
        wireMock.stubFor(post(urlEqualTo(RETRIEVE)).willReturn(json(200, ANSWER)));

        RetrievalResult result = knowledgeClient().base(KB_ID).retrieve(RetrievalRequest.of("How do I reset the X200?")).block(TIMEOUT);

        assertThat(result).isNotNull();
        assertThat(result.query().content()).isEqualTo("How do I reset the X200?");
        assertThat(result.records()).hasSize(2);

        RetrievalRecord first = result.records().get(0);
        RetrievedSegment segment = first.segment();
        assertThat(segment.id()).isEqualTo("5a4b3c2d-7777-4e1f-9a0b-1c2d3e4f5a6b");
        assertThat(segment.position()).isEqualTo(4);
        assertThat(segment.documentId()).isEqualTo("d1c2b3a4-8888-4f5e-8d7c-6b5a4f3e2d1c");
        assertThat(segment.content()).isEqualTo("Hold the power button for ten seconds.");
        assertThat(segment.signContent()).isEqualTo("Hold the power button for ten seconds.");
        assertThat(segment.answer()).isNull();
        assertThat(segment.wordCount()).isEqualTo(7);
        assertThat(segment.tokens()).isEqualTo(9);
        assertThat(segment.keywords()).containsExactly("reset", "power", "button");
        assertThat(segment.indexNodeId()).isEqualTo("0e9d8c7b-9999-4a5b-8c7d-6e5f4a3b2c1d");
        assertThat(segment.indexNodeHash()).isEqualTo("4f9a1c");
        assertThat(segment.hitCount()).isEqualTo(12);
        assertThat(segment.enabled()).isTrue();
        assertThat(segment.disabledAt()).isNull();
        assertThat(segment.disabledBy()).isNull();
        assertThat(segment.status()).isEqualTo("completed");
        assertThat(segment.createdBy()).isEqualTo("0f6e7d8c-1111-4a2b-9c3d-5e6f7a8b9c0d");
        assertThat(segment.createdAt()).isEqualTo(1764979300L);
        assertThat(segment.indexingAt()).isEqualTo(1764979301L);
        assertThat(segment.completedAt()).isEqualTo(1764979305L);
        assertThat(segment.error()).isNull();
        assertThat(segment.stoppedAt()).isNull();
        RetrievedDocument document = segment.document();
        assertThat(document.id()).isEqualTo("d1c2b3a4-8888-4f5e-8d7c-6b5a4f3e2d1c");
        assertThat(document.dataSourceType()).isEqualTo("upload_file");
        assertThat(document.name()).isEqualTo("x200-manual.pdf");
        assertThat(document.docType()).isNull();
        assertThat(document.metadata()).containsExactly(Map.entry("product", "X200"), Map.entry("year", 2025),
                Map.entry("document_name", "x200-manual.pdf"), Map.entry("upload_date", "1764979200.0"), Map.entry("source", "file_upload"));
        assertThat(first.childChunks()).isEmpty();
        assertThat(first.score()).isEqualTo(0.8712);
        assertThat(first.tsnePosition()).isNull();
        assertThat(first.files()).containsExactly(new RetrievedFile("f0e1d2c3-aaaa-4b5c-9d8e-7f6a5b4c3d2e", "reset.png", 48213, "png",
                "image/png",
                "http://localhost/files/f0e1d2c3-aaaa-4b5c-9d8e-7f6a5b4c3d2e/image-preview?timestamp=1764979400&nonce=ab12&sign=c2lnbg=="));
        assertThat(first.summary()).isEqualTo("How to reset the X200.");

        RetrievalRecord second = result.records().get(1);
        assertThat(second.segment().signContent()).isNull();
        assertThat(second.segment().keywords()).isEmpty();
        assertThat(second.segment().indexNodeId()).isNull();
        assertThat(second.segment().indexingAt()).isNull();
        assertThat(second.segment().document().docType()).isEqualTo("others");
        assertThat(second.segment().document().metadata()).as("doc_metadata null").isEmpty();
        assertThat(second.childChunks()).containsExactly(new RetrievedChildChunk("7c6d5e4f-dddd-4a3b-8c9d-0e1f2a3b4c5d",
                "Hold the power button", 2, 0.64));
        assertThat(second.score()).isNull();
        assertThat(second.files()).isEmpty();
        assertThat(second.summary()).isNull();
    }

    @Test
    void aRetrievalThatFindsNothingHasNoRecords() {
        wireMock.stubFor(post(urlEqualTo(RETRIEVE)).willReturn(json(200, "{\"query\": {\"content\": \"nothing\"}, \"records\": []}")));

        RetrievalResult result = knowledgeClient().base(KB_ID).retrieve(RetrievalRequest.of("nothing")).block(TIMEOUT);

        assertThat(result).isNotNull();
        assertThat(result.records()).isEmpty();
    }

    @Test
    void aKnowledgeBaseStillIndexingIsReported() {
        wireMock.stubFor(post(urlEqualTo(RETRIEVE)).willReturn(difyError(400, "dataset_not_initialized",
                "The dataset is still being initialized or indexing. Please wait a moment.")));

        DifyBadRequestException failure = knowledgeFailure(knowledgeClient().base(KB_ID).retrieve(RetrievalRequest.of("reset")),
                DifyBadRequestException.class);

        assertThat(failure.getCode()).isEqualTo("dataset_not_initialized");
        assertThat(failure.getOperation()).isEqualTo("POST /datasets/{dataset_id}/retrieve");
    }

    @Test
    void anEmbeddingModelThatCannotBeUsedIsReported() {
        wireMock.stubFor(post(urlEqualTo(RETRIEVE)).willReturn(difyError(400, "provider_not_initialize",
                "No Embedding Model or Reranking Model available. Please configure a valid provider in the Settings -> Model Provider.")));

        DifyBadRequestException failure = knowledgeFailure(knowledgeClient().base(KB_ID).retrieve(RetrievalRequest.of("reset")),
                DifyBadRequestException.class);

        assertThat(failure.getCode()).isEqualTo("provider_not_initialize");
        assertThat(failure.getDifyMessage()).startsWith("No Embedding Model or Reranking Model available.");
    }

    @Test
    void aRetrievalIsRetriedAfterAGatewayErrorAsAReadIs() {
        wireMock.stubFor(post(urlEqualTo(RETRIEVE)).inScenario("gateway").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(502, "{\"message\": \"bad gateway\"}")).willSetStateTo("recovered"));
        wireMock.stubFor(post(urlEqualTo(RETRIEVE)).inScenario("gateway").whenScenarioStateIs("recovered")
            .willReturn(json(200, ANSWER)));

        RetrievalResult result = knowledgeClient().base(KB_ID).retrieve(RetrievalRequest.of("reset")).block(TIMEOUT);

        assertThat(result).isNotNull();
        assertThat(result.records()).hasSize(2);
        wireMock.verify(2, postRequestedFor(urlEqualTo(RETRIEVE)));
    }

    @Test
    void aRetrievalNeedsAQueryOrImages() {
        assertThatIllegalArgumentException().isThrownBy(() -> RetrievalRequest.of(" "));
        assertThat(new RetrievalRequest("", null, List.of("f0e1d2c3")).toWire())
            .isEqualTo(Map.of("query", "", "attachment_ids", List.of("f0e1d2c3")));
    }
}
