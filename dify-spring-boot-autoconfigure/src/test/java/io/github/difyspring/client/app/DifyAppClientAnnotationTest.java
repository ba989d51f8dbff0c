package io.github.difyspring.client.app;

import java.util.List;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyNotFoundException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Annotations: listing (a page, and lazily), creating, updating and deleting them, and the jobs
 * that turn annotation reply on and off.
 */
class DifyAppClientAnnotationTest extends DifyClientTestSupport {

    private static final String ANNOTATION_ID = "a1b2c3d4-5678-90ab-cdef-1234567890ab";

    private static final String JOB_ID = "a1b2c3d4-5678-90ab-cdef-1234567890ab";

    private static final AnnotationReplySettings SETTINGS = new AnnotationReplySettings("openai", "text-embedding-3-small", 0.9);

    @Test
    void annotationsPageSendsPageLimitAndKeywordAndMapsTheSpecExample() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/apps/annotations"))
            .willReturn(json(200, responseExample("GET", "/apps/annotations", 200, "annotationList"))));

        NumberedPage<Annotation> page = chatClient().annotations().page(new AnnotationQuery(1, 20, "Dify & {friends}"))
            .block(TIMEOUT);

        wireMock.verify(1, difyGet(urlPathEqualTo("/v1/apps/annotations"))
            .withQueryParam("page", equalTo("1"))
            .withQueryParam("limit", equalTo("20"))
            .withQueryParam("keyword", equalTo("Dify & {friends}")));
        assertThat(page).isEqualTo(new NumberedPage<>(List.of(new Annotation(ANNOTATION_ID, "What is Dify?",
                "Dify is an open-source LLM application development platform.", 5, 1705407629L)), false, 20, 1, 1));
    }

    @Test
    void annotationsPageWithoutKeywordLeavesItOut() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/apps/annotations")).willReturn(json(200, """
                {"data": [{"id": "x", "hit_count": "7", "created_at": "1705407629"}], "has_more": false}
                """)));

        Annotation annotation = chatClient(DifyAppType.AGENT).annotations().page(new AnnotationQuery(3, 50, null))
            .block(TIMEOUT).data().get(0);

        wireMock.verify(1, getRequestedFor(urlEqualTo("/v1/apps/annotations?page=3&limit=50")));
        assertThat(annotation.hitCount()).isEqualTo(7);
        assertThat(annotation.createdAt()).isEqualTo(1705407629L);
        assertThat(annotation.question()).isNull();
    }

    @Test
    void allAnnotationsFetchOnlyThePagesTaken() {
        stubAnnotationPage(1, 100, 250, "faq");
        stubAnnotationPage(2, 100, 250, "faq");
        stubAnnotationPage(3, 50, 250, "faq");

        List<Annotation> taken = chatClient().annotations().list(AnnotationQuery.all().withKeyword("faq")).take(101)
            .collectList().block(TIMEOUT);

        assertThat(taken).hasSize(101);
        assertThat(taken.get(100).id()).isEqualTo("a100");
        assertThat(queryStrings("/v1/apps/annotations"))
            .containsExactly("page=1&limit=100&keyword=faq", "page=2&limit=100&keyword=faq");
    }

    @Test
    void allAnnotationsEndAtTheTotal() {
        // Dify's has_more says whether the page was full, so a full last page is followed by no other.
        stubAnnotationPage(1, 100, 200, null);
        stubAnnotationPage(2, 100, 200, null);

        assertThat(chatClient().annotations().list(AnnotationQuery.all()).count().block(TIMEOUT)).isEqualTo(200L);
        assertThat(queryStrings("/v1/apps/annotations")).containsExactly("page=1&limit=100", "page=2&limit=100");
    }

    @Test
    void createAnnotationPostsQuestionAndAnswerAndMapsTheAnswer() {
        wireMock.stubFor(post(urlEqualTo("/v1/apps/annotations"))
            .willReturn(json(201, responseExample("POST", "/apps/annotations", 201, "createdAnnotation"))));

        Annotation created = chatClient().annotations()
            .create("What is Dify?", "Dify is an open-source LLM application development platform.").block(TIMEOUT);

        assertThat(created).isEqualTo(new Annotation(ANNOTATION_ID, "What is Dify?",
                "Dify is an open-source LLM application development platform.", 0, 1705407629L));
        wireMock.verify(1, withApiKeyAndJson(postRequestedFor(urlEqualTo("/v1/apps/annotations")))
            .withRequestBody(equalToJson("""
                    {"question": "What is Dify?", "answer": "Dify is an open-source LLM application development platform."}
                    """))
            .withRequestBody(matchesRequestSchema("POST", "/apps/annotations")));
    }

    @Test
    void updateAnnotationPutsQuestionAndAnswer() {
        wireMock.stubFor(put(urlEqualTo("/v1/apps/annotations/" + ANNOTATION_ID))
            .willReturn(json(200, responseExample("PUT", "/apps/annotations/{annotation_id}", 200, "updatedAnnotation"))));

        Annotation updated = chatClient().annotations()
            .update(ANNOTATION_ID, "What is Dify?",
                "Dify is an open-source LLM application development platform for building AI-powered apps.").block(TIMEOUT);

        assertThat(updated).isNotNull();
        assertThat(updated.answer()).endsWith("for building AI-powered apps.");
        assertThat(updated.hitCount()).isEqualTo(5);
        wireMock.verify(1, withApiKeyAndJson(putRequestedFor(urlEqualTo("/v1/apps/annotations/" + ANNOTATION_ID)))
            .withRequestBody(equalToJson("""
                    {"question": "What is Dify?",
                     "answer": "Dify is an open-source LLM application development platform for building AI-powered apps."}
                    """))
            .withRequestBody(matchesRequestSchema("PUT", "/apps/annotations/{annotation_id}")));
    }

    @Test
    void updatingAnUnknownAnnotationRaisesNotFound() {
        wireMock.stubFor(put(urlEqualTo("/v1/apps/annotations/nope"))
            .willReturn(json(404, responseExample("PUT", "/apps/annotations/{annotation_id}", 404, "not_found"))));

        DifyNotFoundException error = failure(chatClient().annotations().update("nope", "q", "a"), DifyNotFoundException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Annotation not found");
        assertThat(error.getOperation()).isEqualTo("PUT /apps/annotations/{annotation_id}");
    }

    @Test
    void deleteAnnotationSendsADeleteAndCompletesOnNoContent() {
        wireMock.stubFor(delete(urlEqualTo("/v1/apps/annotations/" + ANNOTATION_ID)).willReturn(aResponse().withStatus(204)));

        chatClient().annotations().delete(ANNOTATION_ID).block(TIMEOUT);

        wireMock.verify(1, withApiKey(deleteRequestedFor(urlEqualTo("/v1/apps/annotations/" + ANNOTATION_ID))));
    }

    @Test
    void deletingAnUnknownAnnotationRaisesNotFound() {
        wireMock.stubFor(delete(urlEqualTo("/v1/apps/annotations/nope"))
            .willReturn(json(404, responseExample("DELETE", "/apps/annotations/{annotation_id}", 404, "not_found"))));

        assertThat(failure(chatClient().annotations().delete("nope"), DifyNotFoundException.class).getCode())
            .isEqualTo("not_found");
    }

    @Test
    void enableAndDisableAnnotationReplyPostTheSettingsAndMapTheJob() {
        String job = responseExample("POST", "/apps/annotation-reply/{action}", 200, "annotationReplyResponse");
        wireMock.stubFor(post(urlEqualTo("/v1/apps/annotation-reply/enable")).willReturn(json(200, job)));
        wireMock.stubFor(post(urlEqualTo("/v1/apps/annotation-reply/disable")).willReturn(json(200, job)));

        AnnotationReplyJob enabling = chatClient().annotations().switchReply(AnnotationReplyAction.ENABLE, SETTINGS)
            .block(TIMEOUT);
        chatClient().annotations().switchReply(AnnotationReplyAction.DISABLE, SETTINGS).block(TIMEOUT);

        assertThat(enabling).isEqualTo(new AnnotationReplyJob(JOB_ID, "waiting", null));
        assertThat(enabling.isFinished()).isFalse();
        for (String action : List.of("enable", "disable")) {
            wireMock.verify(1, withApiKeyAndJson(postRequestedFor(urlEqualTo("/v1/apps/annotation-reply/" + action)))
                .withRequestBody(equalToJson("""
                        {"embedding_provider_name": "openai", "embedding_model_name": "text-embedding-3-small",
                         "score_threshold": 0.9}
                        """))
                .withRequestBody(matchesRequestSchema("POST", "/apps/annotation-reply/{action}")));
        }
    }

    @Test
    void annotationReplyStatusMapsTheJob() {
        wireMock.stubFor(get(urlEqualTo("/v1/apps/annotation-reply/enable/status/" + JOB_ID)).willReturn(
                json(200, responseExample("GET", "/apps/annotation-reply/{action}/status/{job_id}", 200, "jobStatus"))));

        AnnotationReplyJob job = chatClient().annotations().replyStatus(AnnotationReplyAction.ENABLE, JOB_ID).block(TIMEOUT);

        assertThat(job).isEqualTo(new AnnotationReplyJob(JOB_ID, "completed", ""));
        assertThat(job.isFinished()).isTrue();
        wireMock.verify(1, difyGet("/v1/apps/annotation-reply/enable/status/" + JOB_ID));
    }

    @Test
    void statusOfAnUnknownJobRaisesBadRequest() {
        wireMock.stubFor(get(urlEqualTo("/v1/apps/annotation-reply/disable/status/nope")).willReturn(
                json(400, responseExample("GET", "/apps/annotation-reply/{action}/status/{job_id}", 400, "invalid_param"))));

        DifyBadRequestException error = failure(chatClient().annotations().replyStatus(AnnotationReplyAction.DISABLE, "nope"),
                DifyBadRequestException.class);

        assertThat(error.getDifyMessage()).isEqualTo("The job does not exist.");
    }

    @Test
    void annotationReplySettingsCheckTheThreshold() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AnnotationReplySettings("openai", "m", 1.5));
        assertThatIllegalArgumentException().isThrownBy(() -> new AnnotationReplySettings("openai", "m", Double.NaN));
    }

    private static void stubAnnotationPage(int page, int size, int total, String keyword) {
        StringJoiner items = new StringJoiner(",", "[", "]");
        int first = (page - 1) * 100;
        for (int i = first; i < first + size; i++) {
            items.add("{\"id\": \"a" + i + "\", \"question\": \"q" + i + "\", \"answer\": \"a\", \"hit_count\": 0}");
        }
        String query = "page=" + page + "&limit=100" + ((keyword != null) ? "&keyword=" + keyword : "");
        wireMock.stubFor(get(urlEqualTo("/v1/apps/annotations?" + query)).willReturn(json(200, "{\"data\": " + items
                + ", \"has_more\": " + (size == 100) + ", \"limit\": 100, \"total\": " + total + ", \"page\": " + page + "}")));
    }
}
