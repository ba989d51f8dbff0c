package io.github.difyspring.client.knowledge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;

import io.github.difyspring.client.KnowledgeDocuments;
import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyForbiddenException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyServerException;
import io.github.difyspring.client.file.FileUpload;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The operations on a knowledge base's documents ({@link KnowledgeDocuments}): the requests they
 * send and the answers they read. The answers are written as Dify 1.14.2 (ad96501e) produces them:
 * {@code api/controllers/service_api/dataset/document.py}, {@code api/fields/document_fields.py}
 * ({@code DocumentResponse}, {@code DocumentListResponse}, {@code DocumentStatusResponse}) and
 * {@code api/libs/external_api.py} for the error bodies.
 */
class KnowledgeDocumentsTest extends KnowledgeDocumentTestSupport {

    private static final String CREATE_BY_TEXT = "/v1/datasets/" + KB_ID + "/document/create-by-text";

    private static final String CREATE_BY_FILE = "/v1/datasets/" + KB_ID + "/document/create-by-file";

    private static String batchAnswer(String name) {
        return "{\"document\": " + documentJson(DOC_ID, name, "waiting", "queuing") + ", \"batch\": \"" + BATCH + "\"}";
    }

    private static KnowledgeDocuments documents() {
        return knowledgeClient().base(KB_ID).documents();
    }

    // ---- create by text

    @Test
    void createByTextSendsTheNameTextAndEverySetting() {
        wireMock.stubFor(post(urlEqualTo(CREATE_BY_TEXT)).willReturn(json(200, batchAnswer("faq.txt"))));
        DocumentSettings settings = DocumentSettings.defaults()
            .withIndexingTechnique(IndexingTechnique.HIGH_QUALITY)
            .withDocForm(DocForm.TEXT)
            .withDocLanguage("German")
            .withProcessRule(ProcessRule.custom(ProcessRule.Segmentation.of("\\n\\n", 800).withOverlap(40))
                .withPreProcessing(List.of(ProcessRule.PreProcessing.of(ProcessRule.PreProcessing.REMOVE_URLS_EMAILS, true))))
            .withRetrievalModel(RetrievalModel.of(SearchMethod.HYBRID, 5).withScoreThreshold(0.4))
            .withEmbeddingModel("langgenius/openai/openai", "text-embedding-3-small")
            .withOriginalDocumentId("11111111-2222-4333-8444-555555555555");

        documents().createByText(DocumentText.of("faq.txt", "Q: how?\nA: so.").withSettings(settings)).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(postRequestedFor(urlEqualTo(CREATE_BY_TEXT)))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("""
                    {"name": "faq.txt", "text": "Q: how?\\nA: so.", "indexing_technique": "high_quality",
                     "doc_form": "text_model", "doc_language": "German",
                     "process_rule": {"mode": "custom", "rules": {
                        "pre_processing_rules": [{"id": "remove_urls_emails", "enabled": true}],
                        "segmentation": {"separator": "\\\\n\\\\n", "max_tokens": 800, "chunk_overlap": 40}}},
                     "retrieval_model": {"search_method": "hybrid_search", "reranking_enable": false, "top_k": 5,
                        "score_threshold_enabled": true, "score_threshold": 0.4},
                     "embedding_model": "text-embedding-3-small", "embedding_model_provider": "langgenius/openai/openai",
                     "original_document_id": "11111111-2222-4333-8444-555555555555"}
                    """)));
    }

    @Test
    void createByTextWithTheDefaultsSendsTheKnowledgeBasesTechniqueAndDifysAutomaticRule() {
        // Dify 1.14.2's text route requires indexing_technique (KnowledgeConfig) and, unlike the file
        // route, does not take the knowledge base's: the client reads it first.
        stubKnowledgeBase("economy");
        wireMock.stubFor(post(urlEqualTo(CREATE_BY_TEXT)).willReturn(json(200, batchAnswer("note.txt"))));

        documents().createByText(DocumentText.of("note.txt", "Some text.")).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo("/v1/datasets/" + KB_ID))));
        wireMock.verify(1, postRequestedFor(urlEqualTo(CREATE_BY_TEXT)).withRequestBody(equalToJson("""
                {"name": "note.txt", "text": "Some text.", "indexing_technique": "economy", "process_rule": {"mode": "automatic"}}
                """)));
    }

    @Test
    void createByTextForAKnowledgeBaseWithoutATechniqueSendsNoneAndDifyRefusesIt() {
        stubKnowledgeBase(null);
        wireMock.stubFor(post(urlEqualTo(CREATE_BY_TEXT)).willReturn(json(400,
                "{\"code\": \"invalid_param\", \"message\": \"indexing_technique is required.\", \"status\": 400}")));

        DifyBadRequestException error = failure(documents().createByText(DocumentText.of("a.txt", "x")), DifyBadRequestException.class);

        assertThat(error.getDifyMessage()).isEqualTo("indexing_technique is required.");
        wireMock.verify(1, postRequestedFor(urlEqualTo(CREATE_BY_TEXT)).withRequestBody(equalToJson("""
                {"name": "a.txt", "text": "x", "process_rule": {"mode": "automatic"}}
                """)));
    }

    @Test
    void createByTextWithATechniqueReadsNoKnowledgeBase() {
        wireMock.stubFor(post(urlEqualTo(CREATE_BY_TEXT)).willReturn(json(200, batchAnswer("note.txt"))));

        documents().createByText(DocumentText.of("note.txt", "Some text.")
            .withSettings(DocumentSettings.defaults().withIndexingTechnique(IndexingTechnique.HIGH_QUALITY))).block(TIMEOUT);

        wireMock.verify(0, getRequestedFor(urlEqualTo("/v1/datasets/" + KB_ID)));
        wireMock.verify(1, postRequestedFor(urlEqualTo(CREATE_BY_TEXT)));
    }

    private static void stubKnowledgeBase(String indexingTechnique) {
        String technique = (indexingTechnique != null) ? "\"" + indexingTechnique + "\"" : "null";
        wireMock.stubFor(get(urlEqualTo("/v1/datasets/" + KB_ID)).willReturn(json(200,
                KnowledgeBaseFixtures.MANUALS.replace("\"indexing_technique\": \"high_quality\"", "\"indexing_technique\": " + technique))));
    }

    @Test
    void createByTextReadsTheDocumentAndItsBatch() {
        stubKnowledgeBase("high_quality");
        wireMock.stubFor(post(urlEqualTo(CREATE_BY_TEXT)).willReturn(json(200, batchAnswer("guide.md"))));

        DocumentBatch answer = documents().createByText(DocumentText.of("guide.md", "# Guide")).block(TIMEOUT);

        assertThat(answer).isNotNull();
        assertThat(answer.batch()).isEqualTo(BATCH);
        DocumentInfo document = answer.document();
        assertThat(document.id()).isEqualTo(DOC_ID);
        assertThat(document.position()).isEqualTo(3);
        assertThat(document.dataSourceType()).isEqualTo("upload_file");
        assertThat(document.dataSourceInfo()).containsExactly(Map.entry("upload_file_id", "0b9d5d43-88a4-4a3b-a8b5-5ad1b3f1f0aa"));
        assertThat(document.dataSourceDetail()).containsKey("upload_file");
        @SuppressWarnings("unchecked")
        Map<String, Object> uploadFile = (Map<String, Object>) document.dataSourceDetail().get("upload_file");
        assertThat(uploadFile).containsEntry("name", "guide.md").containsEntry("size", 48213).containsEntry("created_at", 1765000000.123456);
        assertThat(document.datasetProcessRuleId()).isEqualTo("9e8d7c6b-5a49-4382-9170-5e4d3c2b1a09");
        assertThat(document.name()).isEqualTo("guide.md");
        assertThat(document.createdFrom()).isEqualTo("api");
        assertThat(document.createdBy()).isEqualTo("7d1f3c5e-0a2b-4c6d-8e9f-1a2b3c4d5e6f");
        assertThat(document.createdAt()).isEqualTo(1765000000L);
        assertThat(document.tokens()).isNull();
        assertThat(document.indexingState()).isEqualTo(IndexingState.WAITING);
        assertThat(document.error()).isNull();
        assertThat(document.enabled()).isTrue();
        assertThat(document.disabledAt()).isNull();
        assertThat(document.disabledBy()).isNull();
        assertThat(document.archived()).isFalse();
        assertThat(document.displayStatus()).isEqualTo(DocumentStatus.QUEUING);
        assertThat(document.wordCount()).isNull();
        assertThat(document.hitCount()).isZero();
        assertThat(document.docForm()).isEqualTo(DocForm.TEXT);
        assertThat(document.metadata()).isEmpty();
        assertThat(document.summaryIndexStatus()).isNull();
        assertThat(document.needSummary()).isFalse();
    }

    @Test
    void createByTextOfTheWrongFormIsABadRequestWithDifysMessage() {
        stubKnowledgeBase("high_quality");
        wireMock.stubFor(post(urlEqualTo(CREATE_BY_TEXT)).willReturn(json(400,
                "{\"code\": \"invalid_param\", \"message\": \"doc_form is different from the dataset doc_form.\", \"status\": 400}")));

        DifyBadRequestException error = failure(documents().createByText(DocumentText.of("a.txt", "x")), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(error.getDifyMessage()).isEqualTo("doc_form is different from the dataset doc_form.");
        assertThat(error.getOperation()).isEqualTo("POST /datasets/{dataset_id}/document/create-by-text");
    }

    @Test
    void createByTextIsNotSentAgainOnceDifyMayHaveReceivedIt() {
        stubKnowledgeBase("high_quality");
        // A 502 is retried for a request Dify may receive twice, not for one that creates a document.
        wireMock.stubFor(post(urlEqualTo(CREATE_BY_TEXT)).willReturn(aResponse().withStatus(502)));

        failure(documents().createByText(DocumentText.of("a.txt", "x")), DifyServerException.class);

        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(CREATE_BY_TEXT)))).hasSize(1);
    }

    // ---- create by file

    @Test
    void createByFileSendsTheSettingsAsADataPartAndStreamsTheFile() {
        wireMock.stubFor(post(urlEqualTo(CREATE_BY_FILE)).willReturn(json(200, batchAnswer("guide.md"))));
        byte[] content = "# Guide\n\nStep one.\n".getBytes(StandardCharsets.UTF_8);
        DocumentSettings settings = DocumentSettings.defaults()
            .withDocForm(DocForm.HIERARCHICAL)
            .withProcessRule(ProcessRule.hierarchical(ProcessRule.ParentMode.PARAGRAPH, ProcessRule.Segmentation.of("\\n\\n", 1024),
                    ProcessRule.Segmentation.of("\\n", 256)));

        documents().createByFile(FileUpload.of(content, "guide.md", MediaType.TEXT_MARKDOWN), settings).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(postRequestedFor(urlEqualTo(CREATE_BY_FILE)))
            .withHeader("Content-Type", containing("multipart/form-data"))
            .withRequestBodyPart(aMultipart("data").withBody(equalToJson("""
                    {"doc_form": "hierarchical_model", "process_rule": {"mode": "hierarchical", "rules": {
                       "pre_processing_rules": [{"id": "remove_extra_spaces", "enabled": true},
                                                {"id": "remove_urls_emails", "enabled": false}],
                       "segmentation": {"separator": "\\\\n\\\\n", "max_tokens": 1024, "chunk_overlap": 0},
                       "parent_mode": "paragraph",
                       "subchunk_segmentation": {"separator": "\\\\n", "max_tokens": 256, "chunk_overlap": 0}}}}
                    """)).build())
            .withRequestBodyPart(aMultipart("file")
                .withHeader("Content-Disposition", containing("filename=\"guide.md\""))
                .withHeader("Content-Type", equalTo("text/markdown"))
                .withBody(binaryEqualTo(content))
                .build()));
    }

    @Test
    void createByFileOfAFileDifyRefusesIsInvalidParamWithAnEmptyMessageNot413() {
        // FileTooLargeError and UnsupportedFileTypeError of the service are raised without a text.
        wireMock.stubFor(post(urlEqualTo(CREATE_BY_FILE)).willReturn(json(400,
                "{\"code\": \"invalid_param\", \"message\": \"\", \"status\": 400}")));

        DifyBadRequestException error = failure(documents().createByFile(FileUpload.of(new byte[] { 1 }, "huge.pdf"),
                DocumentSettings.defaults()), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(error.getDifyMessage()).isEmpty();
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(CREATE_BY_FILE)))).hasSize(1);
    }

    @Test
    void createByFileIsNotSentAgainOnceDifyMayHaveReceivedIt() {
        wireMock.stubFor(post(urlEqualTo(CREATE_BY_FILE)).willReturn(aResponse().withStatus(502)));

        failure(documents().createByFile(FileUpload.of(new byte[] { 1 }, "a.txt"), DocumentSettings.defaults()),
                DifyServerException.class);

        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(CREATE_BY_FILE)))).hasSize(1);
    }

    // ---- listing

    private static String page(int page, int limit, int total, boolean hasMore, String... names) {
        StringBuilder data = new StringBuilder();
        for (String name : names) {
            data.append((data.length() > 0) ? "," : "").append(documentJson(name + "-id", name, "completed", "available"));
        }
        return "{\"data\": [" + data + "], \"has_more\": " + hasMore + ", \"limit\": " + limit + ", \"total\": " + total
                + ", \"page\": " + page + "}";
    }

    @Test
    void pageSendsItsQueryAndReadsThePage() {
        wireMock.stubFor(get(urlPathEqualTo(DOCUMENTS)).willReturn(json(200, page(2, 50, 51, false, "last.md"))));

        NumberedPage<DocumentInfo> page = documents()
            .page(DocumentQuery.all().withPage(2).withLimit(50).withKeyword("last").withStatus(DocumentStatus.AVAILABLE))
            .block(TIMEOUT);

        LoggedRequest request = onlyRequest(withDatasetKey(getRequestedFor(urlPathEqualTo(DOCUMENTS))));
        assertThat(query(request)).containsExactlyInAnyOrderEntriesOf(
                Map.of("page", "2", "limit", "50", "keyword", "last", "status", "available"));
        assertThat(page).isNotNull();
        assertThat(page.data()).extracting(DocumentInfo::name).containsExactly("last.md");
        assertThat(page.data().get(0).indexingState()).isEqualTo(IndexingState.COMPLETED);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.limit()).isEqualTo(50);
        assertThat(page.total()).isEqualTo(51);
        assertThat(page.page()).isEqualTo(2);
    }

    @Test
    void pageOfAKnowledgeBaseWithoutApiAccessIsForbidden() {
        wireMock.stubFor(get(urlPathEqualTo(DOCUMENTS)).willReturn(json(403,
                "{\"code\": \"forbidden\", \"message\": \"Dataset api access is not enabled.\", \"status\": 403}")));

        DifyForbiddenException error = failure(documents().page(DocumentQuery.all()), DifyForbiddenException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Dataset api access is not enabled.");
    }

    @Test
    void listFetchesTheNextPageOnlyWhenItsDocumentsAreWanted() {
        wireMock.stubFor(get(urlEqualTo(DOCUMENTS + "?page=1&limit=2")).willReturn(json(200, page(1, 2, 3, true, "a", "b"))));
        wireMock.stubFor(get(urlEqualTo(DOCUMENTS + "?page=2&limit=2")).willReturn(json(200, page(2, 2, 3, false, "c"))));

        List<DocumentInfo> firstTwo = documents().list(DocumentQuery.all().withLimit(2)).take(2).collectList().block(TIMEOUT);
        assertThat(firstTwo).extracting(DocumentInfo::name).containsExactly("a", "b");
        assertThat(queryStrings(DOCUMENTS)).containsExactly("page=1&limit=2");

        List<DocumentInfo> all = documents().list(DocumentQuery.all().withLimit(2)).collectList().block(TIMEOUT);
        assertThat(all).extracting(DocumentInfo::name).containsExactly("a", "b", "c");
    }

    @Test
    void statesALaterDifyAddsAreKeptAsSent() {
        wireMock.stubFor(get(urlPathEqualTo(DOCUMENTS)).willReturn(json(200, "{\"data\": ["
                + documentJson(DOC_ID, "a.md", "re_indexing", "syncing") + "], \"has_more\": false, \"limit\": 20, \"total\": 1, \"page\": 1}")));

        NumberedPage<DocumentInfo> page = documents().page(DocumentQuery.all()).block(TIMEOUT);

        assertThat(page).isNotNull();
        assertThat(page.data().get(0).indexingState()).isEqualTo(new IndexingState("re_indexing"));
        assertThat(page.data().get(0).displayStatus()).isEqualTo(new DocumentStatus("syncing"));
        assertThat(queryStrings(DOCUMENTS)).containsExactly("page=1");
    }

    @Test
    void listAsksForPagesOfOneHundredAndAQueryRefusesMore() {
        wireMock.stubFor(get(urlPathEqualTo(DOCUMENTS)).willReturn(json(200, page(1, 100, 1, false, "only.md"))));

        documents().list(DocumentQuery.all()).collectList().block(TIMEOUT);

        assertThat(queryStrings(DOCUMENTS)).containsExactly("page=1&limit=100");
        assertThatIllegalArgumentException().isThrownBy(() -> DocumentQuery.all().withLimit(101));
        assertThatIllegalArgumentException().isThrownBy(() -> DocumentQuery.all().withPage(0));
    }

    // ---- indexing status

    @Test
    void indexingStatusReadsEveryFieldOfEveryDocument() {
        wireMock.stubFor(get(urlEqualTo(DOCUMENTS + "/" + BATCH + "/indexing-status")).willReturn(json(200, """
                {"data": [{"id": "%s", "indexing_status": "splitting", "processing_started_at": 1765000001,
                  "parsing_completed_at": 1765000002, "cleaning_completed_at": 1765000003, "splitting_completed_at": null,
                  "completed_at": null, "paused_at": null, "error": null, "stopped_at": null,
                  "completed_segments": 0, "total_segments": 0},
                 {"id": "second", "indexing_status": "error", "processing_started_at": 1765000001,
                  "parsing_completed_at": null, "cleaning_completed_at": null, "splitting_completed_at": null,
                  "completed_at": null, "paused_at": null, "error": "Unsupported file encoding", "stopped_at": 1765000005,
                  "completed_segments": 2, "total_segments": 9}]}
                """.formatted(DOC_ID))));

        List<IndexingStatus> statuses = documents().indexingStatus(BATCH).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo(DOCUMENTS + "/" + BATCH + "/indexing-status"))));
        assertThat(statuses).hasSize(2);
        IndexingStatus first = statuses.get(0);
        assertThat(first).isEqualTo(new IndexingStatus(DOC_ID, IndexingState.SPLITTING, 1765000001L, 1765000002L, 1765000003L,
                null, null, null, null, null, 0, 0));
        assertThat(first.isCompleted()).isFalse();
        assertThat(first.isFailed()).isFalse();
        IndexingStatus second = statuses.get(1);
        assertThat(second.isFailed()).isTrue();
        assertThat(second.error()).isEqualTo("Unsupported file encoding");
        assertThat(second.stoppedAt()).isEqualTo(1765000005L);
        assertThat(second.completedSegments()).isEqualTo(2);
        assertThat(second.totalSegments()).isEqualTo(9);
    }

    @Test
    void indexingStatusOfAnUnknownBatchIsNotFound() {
        wireMock.stubFor(get(urlEqualTo(DOCUMENTS + "/nope/indexing-status")).willReturn(json(404,
                "{\"code\": \"not_found\", \"message\": \"Documents not found.\", \"status\": 404}")));

        DifyNotFoundException error = failure(documents().indexingStatus("nope"), DifyNotFoundException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Documents not found.");
    }

    // ---- download-zip

    @Test
    void downloadZipSendsTheIdsAndStreamsTheArchive() {
        byte[] zip = new byte[300_000];
        for (int i = 0; i < zip.length; i++) {
            zip[i] = (byte) (i * 31);
        }
        wireMock.stubFor(post(urlEqualTo(DOCUMENTS + "/download-zip")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/zip")
            .withHeader("Content-Disposition", "attachment; filename=0123456789abcdef0123456789abcdef.zip")
            .withBody(zip)));

        List<DataBuffer> buffers = documents().downloadZip(List.of(DOC_ID, "b7c6d5e4-f3a2-4190-8e7d-6c5b4a392817"))
            .collectList().block(TIMEOUT);

        assertThat(buffers).isNotNull();
        byte[] received = DataBufferUtils.join(reactor.core.publisher.Flux.fromIterable(buffers))
            .map((joined) -> {
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                DataBufferUtils.release(joined);
                return bytes;
            })
            .block(TIMEOUT);
        assertThat(received).isEqualTo(zip);
        wireMock.verify(1, withDatasetKey(postRequestedFor(urlEqualTo(DOCUMENTS + "/download-zip")))
            .withRequestBody(equalToJson("{\"document_ids\": [\"" + DOC_ID + "\", \"b7c6d5e4-f3a2-4190-8e7d-6c5b4a392817\"]}")));
    }

    @Test
    void downloadZipOfADocumentWithoutAFileIsNotFoundAndOfNoneOrTooManyIsRefusedWithoutARequest() {
        wireMock.stubFor(post(urlEqualTo(DOCUMENTS + "/download-zip")).willReturn(json(404,
                "{\"code\": \"not_found\", \"message\": \"Only uploaded-file documents can be downloaded as ZIP.\", \"status\": 404}")));

        DifyNotFoundException error = failure(documents().downloadZip(List.of(DOC_ID)), DifyNotFoundException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Only uploaded-file documents can be downloaded as ZIP.");
        wireMock.resetRequests();
        assertThatIllegalArgumentException().isThrownBy(() -> documents().downloadZip(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> documents().downloadZip(java.util.Collections.nCopies(101, DOC_ID)));
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    // ---- status

    @Test
    void updateStatusPatchesTheActionWithTheIds() {
        wireMock.stubFor(patch(urlEqualTo(DOCUMENTS + "/status/un_archive")).willReturn(json(200, "{\"result\": \"success\"}")));

        documents().updateStatus(DocumentAction.UN_ARCHIVE, List.of(DOC_ID)).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(patchRequestedFor(urlEqualTo(DOCUMENTS + "/status/un_archive")))
            .withRequestBody(equalToJson("{\"document_ids\": [\"" + DOC_ID + "\"]}")));
    }

    @Test
    void updateStatusOfADocumentBeingIndexedIsAnInvalidAction() {
        wireMock.stubFor(patch(urlEqualTo(DOCUMENTS + "/status/disable")).willReturn(json(400,
                "{\"code\": \"invalid_action\", \"message\": \"Document: guide.md is not completed.\", \"status\": 400}")));

        DifyBadRequestException error = failure(documents().updateStatus(DocumentAction.DISABLE, List.of(DOC_ID)),
                DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("invalid_action");
        assertThat(error.getDifyMessage()).isEqualTo("Document: guide.md is not completed.");
    }
}
