package io.github.difyspring.client.app;

import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyUnauthorizedException;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message feedback ({@code POST /messages/{id}/feedbacks}) and the app's feedback listing
 * ({@code GET /app/feedbacks}), page by page and lazily.
 */
class DifyAppClientFeedbackTest extends DifyClientTestSupport {

    private static final String MESSAGE_ID = "9da23599-e713-473b-982c-4328d4f5c78a";

    private static final String FEEDBACK_PATH = "/v1/messages/" + MESSAGE_ID + "/feedbacks";

    private static final String SUCCESS = "{\"result\": \"success\"}";

    @Test
    void feedbackPostsRatingUserAndContent() {
        wireMock.stubFor(post(urlEqualTo(FEEDBACK_PATH)).willReturn(json(200, SUCCESS)));

        chatClient().feedback(MESSAGE_ID, FeedbackRequest.like().withContent("This answer was very helpful!").withUser("abc-123"))
            .block(TIMEOUT);

        wireMock.verify(1, difyPost(FEEDBACK_PATH).withRequestBody(equalToJson("""
                {"rating": "like", "user": "abc-123", "content": "This answer was very helpful!"}
                """)).withRequestBody(matchesRequestSchema("POST", "/messages/{message_id}/feedbacks")));
    }

    @Test
    void dislikeWithoutCommentSendsTheDefaultUser() {
        wireMock.stubFor(post(urlEqualTo(FEEDBACK_PATH)).willReturn(json(200, SUCCESS)));

        completionClient().feedback(MESSAGE_ID, FeedbackRequest.dislike()).block(TIMEOUT);

        wireMock.verify(1, difyPost(FEEDBACK_PATH).withRequestBody(equalToJson("""
                {"rating": "dislike", "user": "default-user"}
                """)).withRequestBody(matchesRequestSchema("POST", "/messages/{message_id}/feedbacks")));
    }

    @Test
    void revokeSendsAnExplicitNullRating() {
        wireMock.stubFor(post(urlEqualTo(FEEDBACK_PATH)).willReturn(json(200, SUCCESS)));

        chatClient().feedback(MESSAGE_ID, FeedbackRequest.revoke().withUser("abc-123")).block(TIMEOUT);

        // equalToJson treats a missing field and null alike, so the body is compared as text too.
        wireMock.verify(1, difyPost(FEEDBACK_PATH).withRequestBody(equalTo("{\"rating\":null,\"user\":\"abc-123\"}")));
    }

    @Test
    void feedbackOnAnUnknownMessageRaisesNotFound() {
        wireMock.stubFor(post(urlEqualTo(FEEDBACK_PATH)).willReturn(
                json(404, responseExample("POST", "/messages/{message_id}/feedbacks", 404, "message_not_exists"))));

        DifyNotFoundException error = failure(chatClient().feedback(MESSAGE_ID, FeedbackRequest.like()),
                DifyNotFoundException.class);

        assertThat(error.getCode()).isEqualTo("not_found");
        assertThat(error.getDifyMessage()).isEqualTo("Message Not Exists.");
        assertThat(error.getOperation()).isEqualTo("POST /messages/{message_id}/feedbacks");
    }

    @Test
    void revokingWithoutFeedbackRaisesBadRequest() {
        wireMock.stubFor(post(urlEqualTo(FEEDBACK_PATH)).willReturn(
                json(400, responseExample("POST", "/messages/{message_id}/feedbacks", 400, "invalid_param"))));

        assertThat(failure(chatClient().feedback(MESSAGE_ID, FeedbackRequest.revoke()), DifyBadRequestException.class)
            .getCode()).isEqualTo("invalid_param");
    }

    @Test
    void feedbackWithoutAnyUserFailsAsASignalWithoutARequest() {
        DifyChatClient client = new DifyChatClient(app(DifyAppType.CHAT, null), WebClient.builder());

        var feedback = client.feedback(MESSAGE_ID, FeedbackRequest.like());

        assertThat(failure(feedback, IllegalArgumentException.class)).hasMessageContaining("names no user");
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void feedbacksPageSendsPageAndLimitAndMapsTheSpecExample() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/app/feedbacks"))
            .willReturn(json(200, responseExample("GET", "/app/feedbacks", 200, "feedbacksList"))));

        NumberedPage<AppFeedback> page = chatClient().feedbackPage(new FeedbackQuery(2, 20)).block(TIMEOUT);

        wireMock.verify(1, difyGet("/v1/app/feedbacks?page=2&limit=20"));
        assertThat(page).isNotNull();
        assertThat(page.hasMore()).as("feedback pages do not say").isNull();
        assertThat(page.data()).hasSize(2);
        assertThat(page.data().get(0)).isEqualTo(new AppFeedback("b7e2f8a1-3c4d-5e6f-7890-abcdef123456",
                "a1b2c3d4-5678-90ab-cdef-1234567890ab", "45701982-8118-4bc5-8e9b-64562b4555f2", MESSAGE_ID, "like",
                "The response accurately answered my question about product specifications.", "user",
                "f1e2d3c4-b5a6-7890-abcd-ef1234567890", null, Instant.parse("2025-01-16T14:30:29Z"),
                Instant.parse("2025-01-16T14:30:29Z")));
        assertThat(page.data().get(0).ratingValue()).isEqualTo(FeedbackRating.LIKE);
        assertThat(page.data().get(1).ratingValue()).isEqualTo(FeedbackRating.DISLIKE);
        assertThat(page.data().get(1).createdAt()).isEqualTo(Instant.parse("2025-01-15T09:12:45Z"));
    }

    @Test
    void feedbacksReadsTheNaiveTimesOfDifysModel() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/app/feedbacks")).willReturn(json(200, """
                {"data": [{"id": "f1", "rating": "superb", "created_at": "2025-01-16T14:30:29.500000", "updated_at": null}]}
                """)));

        AppFeedback feedback = chatClient().feedbackPage(new FeedbackQuery(1, 20)).block(TIMEOUT).data().get(0);

        assertThat(feedback.createdAt()).isEqualTo(Instant.parse("2025-01-16T14:30:29.5Z"));
        assertThat(feedback.updatedAt()).isNull();
        assertThat(feedback.rating()).isEqualTo("superb");
        assertThat(feedback.ratingValue()).isNull();
    }

    @Test
    void allFeedbacksFetchOnlyThePagesTaken() {
        stubFeedbackPage(1, 100, 0);
        stubFeedbackPage(2, 100, 100);
        stubFeedbackPage(3, 100, 200);

        List<AppFeedback> taken = chatClient().feedbacks(FeedbackQuery.all()).take(150).collectList().block(TIMEOUT);

        assertThat(taken).hasSize(150);
        assertThat(taken.get(149).id()).isEqualTo("f149");
        assertThat(queryStrings("/v1/app/feedbacks")).containsExactly("page=1&limit=100", "page=2&limit=100");
    }

    @Test
    void allFeedbacksStopAtAShortPage() {
        stubFeedbackPage(1, 100, 0);
        stubFeedbackPage(2, 3, 100);

        List<AppFeedback> all = chatClient().feedbacks(FeedbackQuery.all()).collectList().block(TIMEOUT);

        assertThat(all).hasSize(103);
        assertThat(all).extracting(AppFeedback::id).startsWith("f0", "f1").endsWith("f101", "f102").doesNotHaveDuplicates();
        assertThat(queryStrings("/v1/app/feedbacks")).containsExactly("page=1&limit=100", "page=2&limit=100");
    }

    @Test
    void allFeedbacksStopAtAnEmptyPage() {
        stubFeedbackPage(1, 100, 0);
        stubFeedbackPage(2, 0, 100);

        assertThat(chatClient().feedbacks(FeedbackQuery.all()).count().block(TIMEOUT)).isEqualTo(100L);
        assertThat(queryStrings("/v1/app/feedbacks")).hasSize(2);
    }

    @Test
    void allFeedbacksFailWithTheErrorOfAPage() {
        stubFeedbackPage(1, 100, 0);
        wireMock.stubFor(get(urlEqualTo("/v1/app/feedbacks?page=2&limit=100")).willReturn(
                json(401, "{\"code\": \"unauthorized\", \"message\": \"Access token is invalid\", \"status\": 401}")));

        failure(chatClient().feedbacks(FeedbackQuery.all()), DifyUnauthorizedException.class);
        assertThat(queryStrings("/v1/app/feedbacks")).hasSize(2);
    }

    private static void stubFeedbackPage(int page, int size, int firstIndex) {
        StringJoiner items = new StringJoiner(",", "[", "]");
        for (int i = firstIndex; i < firstIndex + size; i++) {
            items.add("{\"id\": \"f" + i + "\", \"rating\": \"like\", \"from_source\": \"user\"}");
        }
        // Like Dify, no has_more, limit or page.
        wireMock.stubFor(get(urlEqualTo("/v1/app/feedbacks?page=" + page + "&limit=100"))
            .willReturn(json(200, "{\"data\": " + items + "}")));
    }
}
