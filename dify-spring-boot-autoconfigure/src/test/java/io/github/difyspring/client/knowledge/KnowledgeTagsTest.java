package io.github.difyspring.client.knowledge;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyServerException;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Knowledge tags: create, list, rename, delete, bind to and unbind from a knowledge base, and the
 * tags a knowledge base carries. The answers are written as Dify 1.14.2 (ad96501e) produces them:
 * {@code api/controllers/service_api/dataset/dataset.py} ({@code KnowledgeTagResponse} coerces
 * {@code binding_count} to a string; the list is a bare array; binding answers 204) and
 * {@code api/services/tag_service.py} (the "Tag not found", "Tag name already exists" and
 * "Dataset not found" errors).
 */
class KnowledgeTagsTest extends KnowledgeWorkspaceTestSupport {

    private static final String TAG_ID = "b2c3d4e5-0000-4000-8000-000000000001";

    private static final String OTHER_TAG_ID = "b2c3d4e5-0000-4000-8000-000000000002";

    @Test
    void createPostsTheNameAndReadsTheStringBindingCount() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets/tags")).willReturn(json(200, """
                {"id": "b2c3d4e5-0000-4000-8000-000000000001", "name": "manuals", "type": "knowledge", "binding_count": "0"}
                """)));

        KnowledgeTag tag = knowledgeClient().tags().create("manuals").block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(postRequestedFor(urlEqualTo("/v1/datasets/tags")))
            .withRequestBody(equalToJson("{\"name\": \"manuals\"}"))
            .withRequestBody(matchesRequestSchema("POST", "/datasets/tags")));
        assertThat(tag).isEqualTo(new KnowledgeTag(TAG_ID, "manuals", "knowledge", "0"));
        assertThat(tag.bindingCountValue()).isZero();
    }

    @Test
    void aNameInUseIsABadRequest() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets/tags")).willReturn(difyError(400, "invalid_param", "Tag name already exists")));

        DifyBadRequestException failure = knowledgeFailure(knowledgeClient().tags().create("manuals"), DifyBadRequestException.class);

        assertThat(failure.getDifyMessage()).isEqualTo("Tag name already exists");
    }

    @Test
    void aCreateIsNotSentAgainAfterAGatewayError() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets/tags")).willReturn(json(502, "{\"message\": \"bad gateway\"}")));

        knowledgeFailure(knowledgeClient().tags().create("manuals"), DifyServerException.class);

        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/datasets/tags")));
    }

    @Test
    void listReadsTheBareArrayWithItsCounts() {
        wireMock.stubFor(get(urlEqualTo("/v1/datasets/tags")).willReturn(json(200, """
                [{"id": "b2c3d4e5-0000-4000-8000-000000000002", "name": "faq", "type": "knowledge", "binding_count": "12"},
                 {"id": "b2c3d4e5-0000-4000-8000-000000000001", "name": "manuals", "type": "knowledge", "binding_count": "3"}]
                """)));

        List<KnowledgeTag> tags = knowledgeClient().tags().list().block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo("/v1/datasets/tags"))));
        assertThat(tags).containsExactly(new KnowledgeTag(OTHER_TAG_ID, "faq", "knowledge", "12"),
                new KnowledgeTag(TAG_ID, "manuals", "knowledge", "3"));
        assertThat(tags).extracting(KnowledgeTag::bindingCountValue).containsExactly(12L, 3L);
    }

    @Test
    void anEmptyWorkspaceHasNoTags() {
        wireMock.stubFor(get(urlEqualTo("/v1/datasets/tags")).willReturn(json(200, "[]")));

        assertThat(knowledgeClient().tags().list().block(TIMEOUT)).isEmpty();
    }

    @Test
    void theBindingCountIsReadFromTheStringDifySends() {
        assertThat(new KnowledgeTag(TAG_ID, "t", "knowledge", null).bindingCountValue()).isZero();
        assertThat(new KnowledgeTag(TAG_ID, "t", "knowledge", " 7 ").bindingCountValue()).isEqualTo(7);
        assertThatIllegalStateException().isThrownBy(() -> new KnowledgeTag(TAG_ID, "t", "knowledge", "many").bindingCountValue())
            .withMessageContaining("many");
    }

    @Test
    void renamePatchesTheTagIdAndName() {
        wireMock.stubFor(patch(urlEqualTo("/v1/datasets/tags")).willReturn(json(200, """
                {"id": "b2c3d4e5-0000-4000-8000-000000000001", "name": "handbooks", "type": "knowledge", "binding_count": "3"}
                """)));

        KnowledgeTag renamed = knowledgeClient().tags().rename(TAG_ID, "handbooks").block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(patchRequestedFor(urlEqualTo("/v1/datasets/tags")))
            .withRequestBody(equalToJson("{\"tag_id\": \"b2c3d4e5-0000-4000-8000-000000000001\", \"name\": \"handbooks\"}"))
            .withRequestBody(matchesRequestSchema("PATCH", "/datasets/tags")));
        assertThat(renamed).isEqualTo(new KnowledgeTag(TAG_ID, "handbooks", "knowledge", "3"));
        assertThat(renamed.bindingCountValue()).isEqualTo(3);
    }

    @Test
    void renamingAnUnknownTagIsNotFound() {
        wireMock.stubFor(patch(urlEqualTo("/v1/datasets/tags")).willReturn(difyError(404, "not_found", "Tag not found")));

        assertThat(knowledgeFailure(knowledgeClient().tags().rename(TAG_ID, "x"), DifyNotFoundException.class).getDifyMessage())
            .isEqualTo("Tag not found");
    }

    @Test
    void deleteSendsTheTagIdInAJsonBody() {
        wireMock.stubFor(delete(urlEqualTo("/v1/datasets/tags")).willReturn(noContent()));

        knowledgeClient().tags().delete(TAG_ID).block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(deleteRequestedFor(urlEqualTo("/v1/datasets/tags")))
            .withRequestBody(equalToJson("{\"tag_id\": \"b2c3d4e5-0000-4000-8000-000000000001\"}"))
            .withRequestBody(matchesRequestSchema("DELETE", "/datasets/tags")));
    }

    @Test
    void deletingAnUnknownTagIsNotFound() {
        wireMock.stubFor(delete(urlEqualTo("/v1/datasets/tags")).willReturn(difyError(404, "not_found", "Tag not found")));

        assertThat(knowledgeFailure(knowledgeClient().tags().delete(TAG_ID), DifyNotFoundException.class).getOperation())
            .isEqualTo("DELETE /datasets/tags");
    }

    @Test
    void bindPostsTheTagsAndTheKnowledgeBaseAndCompletesOnNoContent() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets/tags/binding")).willReturn(noContent()));

        knowledgeClient().tags().bind(KB_ID, List.of(TAG_ID, OTHER_TAG_ID)).block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(postRequestedFor(urlEqualTo("/v1/datasets/tags/binding"))).withRequestBody(equalToJson("""
                {"tag_ids": ["b2c3d4e5-0000-4000-8000-000000000001", "b2c3d4e5-0000-4000-8000-000000000002"],
                 "target_id": "6c1f7d2e-3b4a-4f5e-9a8b-7c6d5e4f3a2b"}
                """)).withRequestBody(matchesRequestSchema("POST", "/datasets/tags/binding")));
    }

    @Test
    void bindingToAnUnknownKnowledgeBaseIsNotFound() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets/tags/binding")).willReturn(difyError(404, "not_found", "Dataset not found")));

        assertThat(knowledgeFailure(knowledgeClient().tags().bind(KB_ID, List.of(TAG_ID)), DifyNotFoundException.class)
            .getDifyMessage()).isEqualTo("Dataset not found");
    }

    @Test
    void unbindPostsTheTagsAndTheKnowledgeBaseAndCompletesOnNoContent() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets/tags/unbinding")).willReturn(noContent()));

        knowledgeClient().tags().unbind(KB_ID, List.of(TAG_ID)).block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(postRequestedFor(urlEqualTo("/v1/datasets/tags/unbinding"))).withRequestBody(equalToJson("""
                {"tag_ids": ["b2c3d4e5-0000-4000-8000-000000000001"], "target_id": "6c1f7d2e-3b4a-4f5e-9a8b-7c6d5e4f3a2b"}
                """)));
    }

    @Test
    void unbindingFromAnUnknownKnowledgeBaseIsNotFound() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets/tags/unbinding")).willReturn(difyError(404, "not_found", "Dataset not found")));

        assertThat(knowledgeFailure(knowledgeClient().tags().unbind(KB_ID, List.of(TAG_ID)), DifyNotFoundException.class)
            .getOperation()).isEqualTo("POST /datasets/tags/unbinding");
    }

    @Test
    void unbindingWithoutTagsIsRefusedBeforeSending() {
        assertThatIllegalArgumentException().isThrownBy(() -> knowledgeClient().tags().unbind(KB_ID, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> knowledgeClient().tags().bind(KB_ID, List.of()));
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void boundTagsReadTheIdsAndNamesOfTheKnowledgeBasesTags() {
        wireMock.stubFor(get(urlEqualTo("/v1/datasets/" + KB_ID + "/tags")).willReturn(json(200, """
                {"data": [{"id": "b2c3d4e5-0000-4000-8000-000000000001", "name": "manuals"},
                          {"id": "b2c3d4e5-0000-4000-8000-000000000002", "name": "faq"}], "total": 2}
                """)));

        List<KnowledgeTag> tags = knowledgeClient().base(KB_ID).boundTags().block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo("/v1/datasets/" + KB_ID + "/tags"))));
        assertThat(tags).containsExactly(new KnowledgeTag(TAG_ID, "manuals", null, null), new KnowledgeTag(OTHER_TAG_ID, "faq", null, null));
    }

    @Test
    void boundTagsOfAnUnknownKnowledgeBaseAreNotFound() {
        wireMock.stubFor(get(urlEqualTo("/v1/datasets/" + KB_ID + "/tags")).willReturn(difyError(404, "not_found", "Dataset not found.")));

        assertThat(knowledgeFailure(knowledgeClient().base(KB_ID).boundTags(), DifyNotFoundException.class).getOperation())
            .isEqualTo("GET /datasets/{dataset_id}/tags");
    }
}
