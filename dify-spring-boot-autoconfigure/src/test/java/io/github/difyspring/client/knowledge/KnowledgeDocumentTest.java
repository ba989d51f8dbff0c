package io.github.difyspring.client.knowledge;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.KnowledgeDocument;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyForbiddenException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyPayloadTooLargeException;
import io.github.difyspring.client.file.FileUpload;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations on one document ({@link KnowledgeDocument}): read, delete, update by text or file,
 * reprocess and download. The answers are written as Dify 1.14.2 (ad96501e) produces them:
 * {@code api/controllers/service_api/dataset/document.py} (the hand-built detail dict of
 * {@code DocumentApi.get}, the update and download answers), {@code api/fields/document_fields.py}
 * and {@code api/libs/external_api.py} for the error bodies.
 */
class KnowledgeDocumentTest extends KnowledgeDocumentTestSupport {

    private static final String DOCUMENT = DOCUMENTS + "/" + DOC_ID;

    private static KnowledgeDocument document() {
        return knowledgeClient().base(KB_ID).document(DOC_ID);
    }

    private static final String DETAIL = """
            {"id": "%s", "position": 1, "data_source_type": "upload_file",
             "data_source_info": {"upload_file": {"id": "0b9d5d43-88a4-4a3b-a8b5-5ad1b3f1f0aa", "name": "guide.md", "size": 48213,
               "extension": "md", "mime_type": "text/markdown", "created_by": "7d1f3c5e-0a2b-4c6d-8e9f-1a2b3c4d5e6f",
               "created_at": 1765000000.123456}},
             "dataset_process_rule_id": "9e8d7c6b-5a49-4382-9170-5e4d3c2b1a09",
             "dataset_process_rule": {"mode": "custom", "rules": {"pre_processing_rules": [{"id": "remove_extra_spaces", "enabled": true}],
               "segmentation": {"delimiter": "\\n", "max_tokens": 1024, "chunk_overlap": 50}}},
             "document_process_rule": {"id": "9e8d7c6b-5a49-4382-9170-5e4d3c2b1a09", "dataset_id": "%s", "mode": "automatic",
               "rules": null},
             "name": "guide.md", "created_from": "api", "created_by": "7d1f3c5e-0a2b-4c6d-8e9f-1a2b3c4d5e6f",
             "created_at": 1765000000, "tokens": 5120, "indexing_status": "completed", "completed_at": 1765000042,
             "updated_at": 1765000042, "indexing_latency": 41.73, "error": null, "enabled": true, "disabled_at": null,
             "disabled_by": null, "archived": false, "doc_type": null, "doc_metadata": %s, "segment_count": 12,
             "average_segment_length": 427, "hit_count": 3, "display_status": "available", "doc_form": "text_model",
             "doc_language": "English", "summary_index_status": null, "need_summary": false}
            """;

    @Test
    void getAsksForEverythingAndReadsTheHandBuiltDetail() {
        wireMock.stubFor(get(urlEqualTo(DOCUMENT + "?metadata=all")).willReturn(json(200, DETAIL.formatted(DOC_ID, KB_ID, """
                [{"id": "built-in", "name": "upload_date", "type": "time", "value": "1765000000.123456"},
                 {"id": "4d3c2b1a-0f9e-48d7-a6b5-c4d3e2f1a0b9", "name": "pages", "type": "number", "value": 12}]
                """))));

        DocumentDetail detail = document().get().block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo(DOCUMENT + "?metadata=all"))));
        assertThat(detail).isNotNull();
        assertThat(detail.id()).isEqualTo(DOC_ID);
        assertThat(detail.position()).isEqualTo(1);
        assertThat(detail.dataSourceType()).isEqualTo("upload_file");
        assertThat(detail.dataSourceInfo()).containsOnlyKeys("upload_file");
        assertThat(detail.datasetProcessRuleId()).isEqualTo("9e8d7c6b-5a49-4382-9170-5e4d3c2b1a09");
        assertThat(detail.datasetProcessRule()).containsEntry("mode", "custom").containsKey("rules");
        assertThat(detail.documentProcessRule()).containsEntry("mode", "automatic").containsEntry("dataset_id", KB_ID)
            .containsEntry("rules", null);
        assertThat(detail.name()).isEqualTo("guide.md");
        assertThat(detail.createdFrom()).isEqualTo("api");
        assertThat(detail.createdBy()).isEqualTo("7d1f3c5e-0a2b-4c6d-8e9f-1a2b3c4d5e6f");
        assertThat(detail.createdAt()).isEqualTo(1765000000L);
        assertThat(detail.tokens()).isEqualTo(5120);
        assertThat(detail.indexingState()).isEqualTo(IndexingState.COMPLETED);
        assertThat(detail.completedAt()).isEqualTo(1765000042L);
        assertThat(detail.updatedAt()).isEqualTo(1765000042L);
        assertThat(detail.indexingLatency()).isEqualTo(41.73);
        assertThat(detail.error()).isNull();
        assertThat(detail.enabled()).isTrue();
        assertThat(detail.disabledAt()).isNull();
        assertThat(detail.disabledBy()).isNull();
        assertThat(detail.archived()).isFalse();
        assertThat(detail.docType()).isNull();
        assertThat(detail.metadata()).containsExactly(
                new DocumentMetadataEntry("built-in", "upload_date", "time", "1765000000.123456"),
                new DocumentMetadataEntry("4d3c2b1a-0f9e-48d7-a6b5-c4d3e2f1a0b9", "pages", "number", 12));
        assertThat(detail.segmentCount()).isEqualTo(12);
        assertThat(detail.averageSegmentLength()).isEqualTo(427);
        assertThat(detail.hitCount()).isEqualTo(3);
        assertThat(detail.displayStatus()).isEqualTo(DocumentStatus.AVAILABLE);
        assertThat(detail.docForm()).isEqualTo(DocForm.TEXT);
        assertThat(detail.docLanguage()).isEqualTo("English");
        assertThat(detail.summaryIndexStatus()).isNull();
        assertThat(detail.needSummary()).isFalse();
    }

    @Test
    void getReadsTheNullMetadataOfADocumentWithoutAnyAsEmpty() {
        wireMock.stubFor(get(urlEqualTo(DOCUMENT + "?metadata=all")).willReturn(json(200, DETAIL.formatted(DOC_ID, KB_ID, "null"))));

        DocumentDetail detail = document().get(DocumentDetailMode.ALL).block(TIMEOUT);

        assertThat(detail).isNotNull();
        assertThat(detail.metadata()).isEmpty();
    }

    @Test
    void getOnlyTheMetadataReadsTheThreeFieldsDifySends() {
        wireMock.stubFor(get(urlEqualTo(DOCUMENT + "?metadata=only")).willReturn(json(200, """
                {"id": "%s", "doc_type": "book", "doc_metadata": [{"id": "built-in", "name": "source", "type": "string",
                  "value": "file_upload"}]}
                """.formatted(DOC_ID))));

        DocumentDetail detail = document().get(DocumentDetailMode.ONLY).block(TIMEOUT);

        assertThat(detail).isNotNull();
        assertThat(detail.docType()).isEqualTo("book");
        assertThat(detail.metadata()).extracting(DocumentMetadataEntry::value).containsExactly("file_upload");
        assertThat(detail.name()).isNull();
        assertThat(detail.dataSourceInfo()).isEmpty();
        assertThat(detail.datasetProcessRule()).isEmpty();
    }

    @Test
    void getOfAnUnknownDocumentIsNotFound() {
        wireMock.stubFor(get(urlEqualTo(DOCUMENT + "?metadata=without")).willReturn(json(404,
                "{\"code\": \"not_found\", \"message\": \"Document not found.\", \"status\": 404}")));

        DifyNotFoundException error = failure(document().get(DocumentDetailMode.WITHOUT), DifyNotFoundException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Document not found.");
        assertThat(error.getOperation()).isEqualTo("GET /datasets/{dataset_id}/documents/{document_id}");
    }

    @Test
    void deleteSendsADeleteAndTakesTheEmpty204() {
        wireMock.stubFor(delete(urlEqualTo(DOCUMENT)).willReturn(noContent()));

        document().delete().block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(deleteRequestedFor(urlEqualTo(DOCUMENT))));
    }

    @Test
    void deleteOfAnArchivedDocumentIsForbidden() {
        wireMock.stubFor(delete(urlEqualTo(DOCUMENT)).willReturn(json(403,
                "{\"code\": \"archived_document_immutable\", \"message\": \"The archived document is not editable.\", \"status\": 403}")));

        DifyForbiddenException error = failure(document().delete(), DifyForbiddenException.class);

        assertThat(error.getCode()).isEqualTo("archived_document_immutable");
    }

    private static String batchAnswer() {
        return "{\"document\": " + documentJson(DOC_ID, "guide.md", "waiting", "queuing") + ", \"batch\": \"" + BATCH + "\"}";
    }

    @Test
    void updateByTextSendsOnlyTheFieldsDifyTakesThere() {
        wireMock.stubFor(post(urlEqualTo(DOCUMENT + "/update-by-text")).willReturn(json(200, batchAnswer())));
        DocumentSettings settings = DocumentSettings.inherited()
            .withIndexingTechnique(IndexingTechnique.ECONOMY)
            .withDocForm(DocForm.QA)
            .withDocLanguage("French")
            .withEmbeddingModel("langgenius/openai/openai", "text-embedding-3-small");

        DocumentBatch answer = document().updateByText(DocumentText.of("faq.md", "New text").withSettings(settings)).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(postRequestedFor(urlEqualTo(DOCUMENT + "/update-by-text"))).withRequestBody(equalToJson("""
                {"name": "faq.md", "text": "New text", "doc_form": "qa_model", "doc_language": "French"}
                """)));
        assertThat(answer).isNotNull();
        assertThat(answer.batch()).isEqualTo(BATCH);
        assertThat(answer.document().id()).isEqualTo(DOC_ID);
    }

    @Test
    void updateByTextOfADocumentNotAvailableIsABadRequest() {
        wireMock.stubFor(post(urlEqualTo(DOCUMENT + "/update-by-text")).willReturn(json(400,
                "{\"code\": \"invalid_param\", \"message\": \"Document is not available\", \"status\": 400}")));

        DifyBadRequestException error = failure(document().updateByText(DocumentText.of("a", "b")), DifyBadRequestException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Document is not available");
    }

    @Test
    void updateByFilePatchesTheDocumentWithTheSettingsAndTheStreamedFile() {
        wireMock.stubFor(patch(urlEqualTo(DOCUMENT)).willReturn(json(200, batchAnswer())));
        byte[] content = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

        document().updateByFile(FileUpload.of(content, "table.csv"), DocumentSettings.inherited().withDocLanguage("English"))
            .block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(patchRequestedFor(urlEqualTo(DOCUMENT)))
            .withHeader("Content-Type", containing("multipart/form-data"))
            .withRequestBodyPart(aMultipart("data").withBody(equalToJson("{\"doc_language\": \"English\"}")).build())
            .withRequestBodyPart(aMultipart("file")
                .withHeader("Content-Disposition", containing("filename=\"table.csv\""))
                .withHeader("Content-Type", equalTo("text/csv"))
                .withBody(binaryEqualTo(content))
                .build()));
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(DOCUMENT + "/update-by-file")))).isEmpty();
    }

    @Test
    void updateByFileOfAFileTooLargeIsPayloadTooLargeThere() {
        wireMock.stubFor(patch(urlEqualTo(DOCUMENT)).willReturn(json(413,
                "{\"code\": \"file_too_large\", \"message\": \"File size exceeded. 15.00 MB > 15 MB\", \"status\": 413}")));

        DifyPayloadTooLargeException error = failure(document().updateByFile(FileUpload.of(new byte[] { 1 }, "big.pdf"),
                DocumentSettings.inherited()), DifyPayloadTooLargeException.class);

        assertThat(error.getCode()).isEqualTo("file_too_large");
        assertThat(error.getOperation()).isEqualTo("PATCH /datasets/{dataset_id}/documents/{document_id}");
    }

    @Test
    void reprocessPatchesTheDocumentWithTheSettingsAlone() {
        wireMock.stubFor(patch(urlEqualTo(DOCUMENT)).willReturn(json(200, batchAnswer())));

        DocumentBatch answer = document().reprocess(DocumentSettings.defaults()).block(TIMEOUT);

        assertThat(answer).isNotNull();
        var request = onlyRequest(withDatasetKey(patchRequestedFor(urlEqualTo(DOCUMENT))));
        assertThat(request.getParts()).extracting((part) -> part.getName()).containsExactly("data");
        assertThat(request.getPart("data").getBody().asString()).isEqualTo("{\"process_rule\":{\"mode\":\"automatic\"}}");
    }

    @Test
    void reprocessWithoutAProcessRuleIsABadRequest() {
        wireMock.stubFor(patch(urlEqualTo(DOCUMENT)).willReturn(json(400,
                "{\"code\": \"invalid_param\", \"message\": \"Data source or Process rule is required\", \"status\": 400}")));

        DifyBadRequestException error = failure(document().reprocess(DocumentSettings.inherited()), DifyBadRequestException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Data source or Process rule is required");
        assertThat(onlyRequest().getPart("data").getBody().asString()).isEqualTo("{}");
    }

    @Test
    void downloadReadsTheSignedUrlDifyAnswersWith() {
        String url = "https://files.example.com/files/0b9d5d43-88a4-4a3b-a8b5-5ad1b3f1f0aa/file-preview?timestamp=1765000100"
                + "&nonce=2f1e0d9c8b7a&sign=Zm9vYmFy&as_attachment=true";
        wireMock.stubFor(get(urlEqualTo(DOCUMENT + "/download")).willReturn(json(200, "{\"url\": \"" + url + "\"}")));

        URI link = document().download().block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo(DOCUMENT + "/download"))));
        assertThat(link).isEqualTo(URI.create(url));
    }

    @Test
    void downloadOfADocumentWithoutAnUploadedFileIsNotFound() {
        wireMock.stubFor(get(urlEqualTo(DOCUMENT + "/download")).willReturn(json(404,
                "{\"code\": \"not_found\", \"message\": \"Document does not have an uploaded file to download.\", \"status\": 404}")));

        DifyNotFoundException error = failure(document().download(), DifyNotFoundException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Document does not have an uploaded file to download.");
    }

    @Test
    void theHandleKnowsItsDocument() {
        assertThat(document().id()).isEqualTo(DOC_ID);
        assertThat(document().toString()).contains(KB_ID, DOC_ID);
    }
}
