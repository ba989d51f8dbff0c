package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import io.github.difyspring.client.ChildChunks;
import io.github.difyspring.client.DocumentChunks;
import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyNotFoundException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The operations on a document's chunks ({@link DocumentChunks}) and on a chunk's child chunks
 * ({@link ChildChunks}). The answers are written as Dify 1.14.2 (ad96501e) produces them:
 * {@code api/controllers/service_api/dataset/segment.py} (including its {@code {"error": ...}} 400
 * for a body its validation refuses), {@code api/fields/segment_fields.py} ({@code SegmentResponse},
 * {@code ChildChunkResponse}, {@code ChildChunkListResponse}) and {@code api/libs/external_api.py}.
 */
class DocumentChunksTest extends KnowledgeDocumentTestSupport {

    private static final String SEGMENTS = DOCUMENTS + "/" + DOC_ID + "/segments";

    private static final String SEGMENT = SEGMENTS + "/" + SEGMENT_ID;

    private static final String CHILD_CHUNKS = SEGMENT + "/child_chunks";

    private static DocumentChunks chunks() {
        return knowledgeClient().base(KB_ID).document(DOC_ID).chunks();
    }

    private static ChildChunks childChunks() {
        return chunks().childChunks(SEGMENT_ID);
    }

    private static String childChunkJson(String id, String content, int position) {
        return """
                {"id": "%s", "segment_id": "%s", "content": "%s", "position": %d, "word_count": 4, "type": "customized",
                 "created_at": 1765000100, "updated_at": 1765000200}
                """.formatted(id, SEGMENT_ID, content, position);
    }

    private static String segmentJson(String id, String content) {
        return """
                {"id": "%s", "position": 7, "document_id": "%s", "content": "%s", "sign_content": "%s", "answer": null,
                 "word_count": 5, "tokens": 9, "keywords": ["refund", "days"], "index_node_id": "f0e1d2c3-b4a5-4697-8887-766554433221",
                 "index_node_hash": "5d41402abc4b2a76b9719d911017c592", "hit_count": 2, "enabled": true, "disabled_at": null,
                 "disabled_by": null, "status": "completed", "created_by": "7d1f3c5e-0a2b-4c6d-8e9f-1a2b3c4d5e6f",
                 "created_at": 1765000100, "updated_at": 1765000200, "updated_by": null, "indexing_at": 1765000101,
                 "completed_at": 1765000102, "error": null, "stopped_at": null,
                 "child_chunks": [%s],
                 "attachments": [{"id": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d", "name": "chart.png", "size": 20480,
                   "extension": "png", "mime_type": "image/png",
                   "source_url": "https://files.example.com/files/6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d/image-preview?sign=x"}],
                 "summary": null}
                """.formatted(id, DOC_ID, content, content, childChunkJson(CHILD_ID, "Refunds take days", 1));
    }

    // ---- create

    @Test
    void createSendsTheSegmentsAndReadsEveryFieldOfTheAnswer() {
        wireMock.stubFor(post(urlEqualTo(SEGMENTS)).willReturn(json(200,
                "{\"data\": [" + segmentJson(SEGMENT_ID, "Refunds take 14 days.") + "], \"doc_form\": \"hierarchical_model\"}")));

        List<DocumentChunk> created = chunks().create(List.of(
                NewChunk.of("Refunds take 14 days.").withKeywords(List.of("refund", "days"))
                    .withAttachments(List.of("6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d")),
                NewChunk.of("How long do refunds take?", "14 days."))).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(postRequestedFor(urlEqualTo(SEGMENTS))).withRequestBody(equalToJson("""
                {"segments": [
                  {"content": "Refunds take 14 days.", "keywords": ["refund", "days"],
                   "attachment_ids": ["6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d"]},
                  {"content": "How long do refunds take?", "answer": "14 days."}]}
                """)));
        assertThat(created).hasSize(1);
        DocumentChunk chunk = created.get(0);
        assertThat(chunk.id()).isEqualTo(SEGMENT_ID);
        assertThat(chunk.position()).isEqualTo(7);
        assertThat(chunk.documentId()).isEqualTo(DOC_ID);
        assertThat(chunk.content()).isEqualTo("Refunds take 14 days.");
        assertThat(chunk.signContent()).isEqualTo("Refunds take 14 days.");
        assertThat(chunk.answer()).isNull();
        assertThat(chunk.wordCount()).isEqualTo(5);
        assertThat(chunk.tokens()).isEqualTo(9);
        assertThat(chunk.keywords()).containsExactly("refund", "days");
        assertThat(chunk.indexNodeId()).isEqualTo("f0e1d2c3-b4a5-4697-8887-766554433221");
        assertThat(chunk.indexNodeHash()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(chunk.hitCount()).isEqualTo(2);
        assertThat(chunk.enabled()).isTrue();
        assertThat(chunk.disabledAt()).isNull();
        assertThat(chunk.disabledBy()).isNull();
        assertThat(chunk.status()).isEqualTo(ChunkStatus.COMPLETED);
        assertThat(chunk.createdBy()).isEqualTo("7d1f3c5e-0a2b-4c6d-8e9f-1a2b3c4d5e6f");
        assertThat(chunk.createdAt()).isEqualTo(1765000100L);
        assertThat(chunk.updatedAt()).isEqualTo(1765000200L);
        assertThat(chunk.updatedBy()).isNull();
        assertThat(chunk.indexingAt()).isEqualTo(1765000101L);
        assertThat(chunk.completedAt()).isEqualTo(1765000102L);
        assertThat(chunk.error()).isNull();
        assertThat(chunk.stoppedAt()).isNull();
        assertThat(chunk.childChunks()).containsExactly(new ChildChunk(CHILD_ID, SEGMENT_ID, "Refunds take days", 1, 4, "customized",
                1765000100L, 1765000200L));
        assertThat(chunk.attachments()).containsExactly(new ChunkAttachment("6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d", "chart.png",
                20480L, "png", "image/png",
                "https://files.example.com/files/6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d/image-preview?sign=x"));
        assertThat(chunk.summary()).isNull();
    }

    @Test
    void createReadsNullKeywordsAsNone() {
        wireMock.stubFor(post(urlEqualTo(SEGMENTS)).willReturn(json(200, "{\"data\": ["
                + segmentJson(SEGMENT_ID, "x").replace("[\"refund\", \"days\"]", "null") + "], \"doc_form\": \"text_model\"}")));

        List<DocumentChunk> created = chunks().create(List.of(NewChunk.of("x"))).block(TIMEOUT);

        assertThat(created).singleElement().satisfies((chunk) -> assertThat(chunk.keywords()).isEmpty());
    }

    @Test
    void createRefusedByDifysValidationKeepsTheErrorBodyItSendsInsteadOfTheUsualOne() {
        String pydantic = "1 validation error for SegmentCreatePayload\\nsegments.0.attachment_ids\\n  List should have at most 10 items";
        wireMock.stubFor(post(urlEqualTo(SEGMENTS)).willReturn(json(400, "{\"error\": \"" + pydantic + "\"}")));

        DifyBadRequestException error = failure(chunks().create(List.of(NewChunk.of("x"))), DifyBadRequestException.class);

        assertThat(error.getCode()).isNull();
        assertThat(error.getResponseBody()).isEqualTo("{\"error\": \"" + pydantic + "\"}");
        assertThat(error.getMessage()).contains("1 validation error for SegmentCreatePayload");
    }

    @Test
    void createOnADocumentNotIndexedYetIsNotFound() {
        wireMock.stubFor(post(urlEqualTo(SEGMENTS)).willReturn(json(404,
                "{\"code\": \"not_found\", \"message\": \"Document is not completed.\", \"status\": 404}")));

        DifyNotFoundException error = failure(chunks().create(List.of(NewChunk.of("x"))), DifyNotFoundException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Document is not completed.");
    }

    @Test
    void createIsNotSentAgainOnceDifyMayHaveReceivedItNorSentWithoutChunks() {
        wireMock.stubFor(post(urlEqualTo(SEGMENTS)).willReturn(aResponse().withStatus(502)));

        failure(chunks().create(List.of(NewChunk.of("x"))), io.github.difyspring.client.error.DifyServerException.class);

        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(SEGMENTS)))).hasSize(1);
        assertThatIllegalArgumentException().isThrownBy(() -> chunks().create(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> NewChunk.of("  "));
    }

    // ---- list, get, update, delete

    @Test
    void pageSendsEveryStatusAndTheKeywordAndReadsThePage() {
        wireMock.stubFor(get(urlPathEqualTo(SEGMENTS)).willReturn(json(200, "{\"data\": [" + segmentJson(SEGMENT_ID, "a")
                + "], \"doc_form\": \"text_model\", \"total\": 41, \"has_more\": true, \"limit\": 20, \"page\": 2}")));

        NumberedPage<DocumentChunk> page = chunks()
            .page(ChunkQuery.all().withPage(2).withLimit(20).withStatuses(ChunkStatus.COMPLETED, ChunkStatus.ERROR).withKeyword("refund"))
            .block(TIMEOUT);

        LoggedRequest request = onlyRequest(withDatasetKey(getRequestedFor(urlPathEqualTo(SEGMENTS))));
        assertThat(request.queryParameter("status").values()).containsExactly("completed", "error");
        assertThat(request.queryParameter("page").firstValue()).isEqualTo("2");
        assertThat(request.queryParameter("limit").firstValue()).isEqualTo("20");
        assertThat(request.queryParameter("keyword").firstValue()).isEqualTo("refund");
        assertThat(page).isNotNull();
        assertThat(page.data()).extracting(DocumentChunk::id).containsExactly(SEGMENT_ID);
        assertThat(page.total()).isEqualTo(41);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.page()).isEqualTo(2);
    }

    @Test
    void pageWithoutAUsableEmbeddingModelIsAProviderNotInitializedBadRequest() {
        wireMock.stubFor(get(urlPathEqualTo(SEGMENTS)).willReturn(json(400, "{\"code\": \"provider_not_initialize\", \"message\": "
                + "\"No Embedding Model available. Please configure a valid provider in the Settings -> Model Provider.\", \"status\": 400}")));

        DifyBadRequestException error = failure(chunks().page(ChunkQuery.all()), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("provider_not_initialize");
        assertThat(error.getDifyMessage()).startsWith("No Embedding Model available.");
    }

    @Test
    void listPagesByOneHundredUntilTheTotal() {
        wireMock.stubFor(get(urlEqualTo(SEGMENTS + "?page=1&limit=100")).willReturn(json(200, "{\"data\": [" + segmentJson("s1", "a")
                + "], \"doc_form\": \"text_model\", \"total\": 1, \"has_more\": false, \"limit\": 100, \"page\": 1}")));

        List<DocumentChunk> all = chunks().list(ChunkQuery.all()).collectList().block(TIMEOUT);

        assertThat(all).extracting(DocumentChunk::id).containsExactly("s1");
        assertThat(queryStrings(SEGMENTS)).containsExactly("page=1&limit=100");
    }

    @Test
    void getReadsTheChunkOutOfItsDataEnvelope() {
        wireMock.stubFor(get(urlEqualTo(SEGMENT)).willReturn(json(200,
                "{\"data\": " + segmentJson(SEGMENT_ID, "Refunds") + ", \"doc_form\": \"text_model\"}")));

        DocumentChunk chunk = chunks().get(SEGMENT_ID).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo(SEGMENT))));
        assertThat(chunk).isNotNull();
        assertThat(chunk.content()).isEqualTo("Refunds");
    }

    @Test
    void getOfAnUnknownChunkIsNotFound() {
        wireMock.stubFor(get(urlEqualTo(SEGMENT)).willReturn(json(404,
                "{\"code\": \"not_found\", \"message\": \"Segment not found.\", \"status\": 404}")));

        assertThat(failure(chunks().get(SEGMENT_ID), DifyNotFoundException.class).getDifyMessage()).isEqualTo("Segment not found.");
    }

    @Test
    void updatePostsOnlyTheChangesInASegmentObject() {
        wireMock.stubFor(post(urlEqualTo(SEGMENT)).willReturn(json(200,
                "{\"data\": " + segmentJson(SEGMENT_ID, "Refunds take 30 days.") + ", \"doc_form\": \"text_model\"}")));

        DocumentChunk chunk = chunks().update(SEGMENT_ID, ChunkUpdate.content("Refunds take 30 days.")
            .withKeywords(List.of("refund"))
            .withEnabled(true)
            .withRegeneratedChildChunks()).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(postRequestedFor(urlEqualTo(SEGMENT))).withRequestBody(equalToJson("""
                {"segment": {"content": "Refunds take 30 days.", "keywords": ["refund"], "enabled": true,
                             "regenerate_child_chunks": true}}
                """)));
        assertThat(chunk).isNotNull();
        assertThat(chunk.content()).isEqualTo("Refunds take 30 days.");
    }

    @Test
    void updateOfAChunkBeingIndexedIsABadRequest() {
        wireMock.stubFor(post(urlEqualTo(SEGMENT)).willReturn(json(400,
                "{\"code\": \"invalid_param\", \"message\": \"Segment is indexing, please try again later\", \"status\": 400}")));

        DifyBadRequestException error = failure(chunks().update(SEGMENT_ID, ChunkUpdate.none().withAnswer("a")),
                DifyBadRequestException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Segment is indexing, please try again later");
        wireMock.verify(1, postRequestedFor(urlEqualTo(SEGMENT))
            .withRequestBody(equalToJson("{\"segment\": {\"answer\": \"a\", \"regenerate_child_chunks\": false}}")));
    }

    @Test
    void deleteTakesTheEmpty204() {
        wireMock.stubFor(delete(urlEqualTo(SEGMENT)).willReturn(noContent()));

        chunks().delete(SEGMENT_ID).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(deleteRequestedFor(urlEqualTo(SEGMENT))));
    }

    @Test
    void deleteOfAnUnknownChunkIsNotFound() {
        wireMock.stubFor(delete(urlEqualTo(SEGMENT)).willReturn(json(404,
                "{\"code\": \"not_found\", \"message\": \"Segment not found.\", \"status\": 404}")));

        assertThat(failure(chunks().delete(SEGMENT_ID), DifyNotFoundException.class).getDifyMessage()).isEqualTo("Segment not found.");
    }

    // ---- child chunks

    @Test
    void childChunkCreateSendsTheContentAndReadsTheChildChunk() {
        wireMock.stubFor(post(urlEqualTo(CHILD_CHUNKS)).willReturn(json(200, "{\"data\": " + childChunkJson(CHILD_ID, "Within 14 days", 3)
                + "}")));

        ChildChunk child = childChunks().create("Within 14 days").block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(postRequestedFor(urlEqualTo(CHILD_CHUNKS)))
            .withRequestBody(equalToJson("{\"content\": \"Within 14 days\"}")));
        assertThat(child).isEqualTo(new ChildChunk(CHILD_ID, SEGMENT_ID, "Within 14 days", 3, 4, "customized", 1765000100L,
                1765000200L));
    }

    @Test
    void childChunkCreateThatDifyFailsToIndexIsAnInvalidParam() {
        // ChildChunkIndexingError of the service is a ValueError: external_api.py answers 400 invalid_param.
        wireMock.stubFor(post(urlEqualTo(CHILD_CHUNKS)).willReturn(json(400,
                "{\"code\": \"invalid_param\", \"message\": \"Index failed\", \"status\": 400}")));

        DifyBadRequestException error = failure(childChunks().create("x"), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(CHILD_CHUNKS)))).hasSize(1);
    }

    @Test
    void childChunkPageOfAChunkOfAnotherDocumentIsNotFound() {
        wireMock.stubFor(get(urlPathEqualTo(CHILD_CHUNKS)).willReturn(json(404,
                "{\"code\": \"not_found\", \"message\": \"Segment not found.\", \"status\": 404}")));

        assertThat(failure(childChunks().page(ChildChunkQuery.all()), DifyNotFoundException.class).getDifyMessage())
            .isEqualTo("Segment not found.");
    }

    @Test
    void childChunkPageDerivesHasMoreFromTotalPagesAsDifySendsNone() {
        wireMock.stubFor(get(urlPathEqualTo(CHILD_CHUNKS)).willReturn(json(200, "{\"data\": [" + childChunkJson("c1", "a", 1)
                + "], \"total\": 3, \"total_pages\": 3, \"page\": 1, \"limit\": 1}")));

        NumberedPage<ChildChunk> page = childChunks().page(ChildChunkQuery.all().withLimit(1).withKeyword("a")).block(TIMEOUT);

        LoggedRequest request = onlyRequest(withDatasetKey(getRequestedFor(urlPathEqualTo(CHILD_CHUNKS))));
        assertThat(query(request)).containsExactlyInAnyOrderEntriesOf(Map.of("page", "1", "limit", "1", "keyword", "a"));
        assertThat(page).isNotNull();
        assertThat(page.hasMore()).isTrue();
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.limit()).isEqualTo(1);
        assertThat(page.page()).isEqualTo(1);
    }

    @Test
    void childChunkListStopsAtTheLastPage() {
        wireMock.stubFor(get(urlEqualTo(CHILD_CHUNKS + "?page=1&limit=100")).willReturn(json(200, "{\"data\": ["
                + childChunkJson("c1", "a", 1) + "," + childChunkJson("c2", "b", 2) + "], \"total\": 2, \"total_pages\": 1, \"page\": 1,"
                + " \"limit\": 100}")));

        List<ChildChunk> all = childChunks().list(ChildChunkQuery.all()).collectList().block(TIMEOUT);

        assertThat(all).extracting(ChildChunk::id).containsExactly("c1", "c2");
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void childChunkUpdatePatchesTheContent() {
        wireMock.stubFor(patch(urlEqualTo(CHILD_CHUNKS + "/" + CHILD_ID)).willReturn(json(200,
                "{\"data\": " + childChunkJson(CHILD_ID, "Within 30 days", 3) + "}")));

        ChildChunk child = childChunks().update(CHILD_ID, "Within 30 days").block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(patchRequestedFor(urlEqualTo(CHILD_CHUNKS + "/" + CHILD_ID)))
            .withRequestBody(equalToJson("{\"content\": \"Within 30 days\"}")));
        assertThat(child).isNotNull();
        assertThat(child.content()).isEqualTo("Within 30 days");
    }

    @Test
    void childChunkUpdateUnderAChunkOfAnotherDocumentIsNotFound() {
        wireMock.stubFor(patch(urlEqualTo(CHILD_CHUNKS + "/" + CHILD_ID)).willReturn(json(404,
                "{\"code\": \"not_found\", \"message\": \"Segment not found.\", \"status\": 404}")));

        DifyNotFoundException error = failure(childChunks().update(CHILD_ID, "x"), DifyNotFoundException.class);

        assertThat(error.getOperation())
            .isEqualTo("PATCH /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks/{child_chunk_id}");
    }

    @Test
    void childChunkDeleteTakesTheEmpty204() {
        wireMock.stubFor(delete(urlEqualTo(CHILD_CHUNKS + "/" + CHILD_ID)).willReturn(noContent()));

        childChunks().delete(CHILD_ID).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(deleteRequestedFor(urlEqualTo(CHILD_CHUNKS + "/" + CHILD_ID))));
    }

    @Test
    void childChunkDeleteUnderAChunkOfAnotherDocumentIsNotFound() {
        wireMock.stubFor(delete(urlEqualTo(CHILD_CHUNKS + "/" + CHILD_ID)).willReturn(json(404,
                "{\"code\": \"not_found\", \"message\": \"Document not found.\", \"status\": 404}")));

        assertThat(failure(childChunks().delete(CHILD_ID), DifyNotFoundException.class).getDifyMessage())
            .isEqualTo("Document not found.");
    }
}
