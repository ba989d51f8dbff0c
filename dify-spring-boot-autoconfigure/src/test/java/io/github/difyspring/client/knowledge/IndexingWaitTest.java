package io.github.difyspring.client.knowledge;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import io.github.difyspring.client.KnowledgeDocuments;
import io.github.difyspring.client.error.DifyIndexingException;
import io.github.difyspring.client.error.DifyIndexingTimeoutException;
import io.github.difyspring.client.error.DifyTimeoutException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiting for the indexing of a batch ({@link KnowledgeDocuments#awaitIndexing(String, Duration)}
 * and {@link KnowledgeDocuments#watchIndexing(String)}) against a server whose answers change from
 * poll to poll. The statuses are written as Dify 1.14.2 (ad96501e) produces them:
 * {@code DocumentBatchIndexingStatusApi} of {@code api/controllers/service_api/dataset/document.py}
 * and {@code DocumentStatusResponse} of {@code api/fields/document_fields.py}.
 */
class IndexingWaitTest extends KnowledgeDocumentTestSupport {

    private static final String STATUS = DOCUMENTS + "/" + BATCH + "/indexing-status";

    private static final String OTHER_DOC = "b7c6d5e4-f3a2-4190-8e7d-6c5b4a392817";

    private static String status(String id, String state, int completed, int total, String error) {
        boolean done = "completed".equals(state);
        return """
                {"id": "%s", "indexing_status": "%s", "processing_started_at": 1765000001, "parsing_completed_at": 1765000002,
                 "cleaning_completed_at": 1765000003, "splitting_completed_at": 1765000004, "completed_at": %s, "paused_at": null,
                 "error": %s, "stopped_at": %s, "completed_segments": %d, "total_segments": %d}
                """.formatted(id, state, done ? "1765000009" : "null", (error != null) ? "\"" + error + "\"" : "null",
                (error != null) ? "1765000008" : "null", completed, total);
    }

    private static String answer(String... statuses) {
        return "{\"data\": [" + String.join(",", statuses) + "]}";
    }

    /** Answers the successive polls with the given bodies, the last one for every poll after. */
    private static void stubPolls(String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            String state = (i == 0) ? STARTED : "poll " + i;
            var stub = get(urlEqualTo(STATUS)).inScenario("indexing").whenScenarioStateIs(state).willReturn(json(200, bodies[i]));
            if (i < bodies.length - 1) {
                stub = stub.willSetStateTo("poll " + (i + 1));
            }
            wireMock.stubFor(stub);
        }
    }

    private static KnowledgeDocuments documents() {
        return knowledgeClient().base(KB_ID).documents();
    }

    private static int polls() {
        return wireMock.findAll(getRequestedFor(urlEqualTo(STATUS))).size();
    }

    @Test
    void awaitCompletesWithTheFinalStatusesOnceEveryDocumentIsCompleted() {
        stubPolls(answer(status(DOC_ID, "waiting", 0, 0, null), status(OTHER_DOC, "waiting", 0, 0, null)),
                answer(status(DOC_ID, "indexing", 3, 10, null), status(OTHER_DOC, "completed", 4, 4, null)),
                answer(status(DOC_ID, "completed", 10, 10, null), status(OTHER_DOC, "completed", 4, 4, null)));

        List<IndexingStatus> statuses = documents().awaitIndexing(BATCH, Duration.ofSeconds(8)).block(TIMEOUT);

        assertThat(statuses).extracting(IndexingStatus::id).containsExactly(DOC_ID, OTHER_DOC);
        assertThat(statuses).allSatisfy((status) -> assertThat(status.isCompleted()).isTrue());
        assertThat(statuses.get(0).completedSegments()).isEqualTo(10);
        assertThat(polls()).isEqualTo(3);
    }

    @Test
    void watchEmitsTheStatusesOfEveryPollAndCompletesAfterTheLast() {
        stubPolls(answer(status(DOC_ID, "waiting", 0, 0, null)), answer(status(DOC_ID, "indexing", 3, 10, null)),
                answer(status(DOC_ID, "completed", 10, 10, null)));

        List<List<IndexingStatus>> polls = documents().watchIndexing(BATCH).collectList().block(TIMEOUT);

        assertThat(polls).extracting((statuses) -> statuses.get(0).state())
            .containsExactly(IndexingState.WAITING, IndexingState.INDEXING, IndexingState.COMPLETED);
        assertThat(polls()).isEqualTo(3);
    }

    @Test
    void awaitFailsNamingTheDocumentAndDifysErrorAndStopsPolling() {
        stubPolls(answer(status(DOC_ID, "parsing", 0, 0, null), status(OTHER_DOC, "indexing", 1, 2, null)),
                answer(status(DOC_ID, "error", 0, 0, "[openai] Error: quota exceeded"), status(OTHER_DOC, "indexing", 1, 2, null)));

        DifyIndexingException error = failure(documents().awaitIndexing(BATCH, Duration.ofSeconds(8)), DifyIndexingException.class);

        assertThat(error.getDocumentId()).isEqualTo(DOC_ID);
        assertThat(error.getDifyError()).isEqualTo("[openai] Error: quota exceeded");
        assertThat(error.getBatch()).isEqualTo(BATCH);
        assertThat(error).hasMessageContaining(DOC_ID).hasMessageContaining("[openai] Error: quota exceeded");
        assertThat(polls()).isEqualTo(2);
        sleep(Duration.ofMillis(1200));
        assertThat(polls()).as("polls after the failure").isEqualTo(2);
    }

    @Test
    void awaitTimesOutListingTheUnfinishedDocumentsSuchAsAPausedOne() {
        stubPolls(answer(status(DOC_ID, "paused", 2, 10, null), status(OTHER_DOC, "completed", 4, 4, null)));

        DifyIndexingTimeoutException error = failure(documents().awaitIndexing(BATCH, Duration.ofMillis(1200)),
                DifyIndexingTimeoutException.class);

        assertThat(error).isInstanceOf(DifyTimeoutException.class);
        assertThat(error.getBatch()).isEqualTo(BATCH);
        assertThat(error.getTimeout()).isEqualTo(Duration.ofMillis(1200));
        assertThat(error).hasMessageContaining(DOC_ID + " (paused, 2/10 chunks)").hasMessageNotContaining(OTHER_DOC);
        int polled = polls();
        // Polls at 0 and 0.5 s, the next one not before 1.5 s; a slow first answer may leave one.
        assertThat(polled).isBetween(1, 2);
        sleep(Duration.ofMillis(1500));
        assertThat(polls()).as("polls after the timeout").isEqualTo(polled);
    }

    @Test
    void cancellingTheWaitStopsThePolling() {
        stubPolls(answer(status(DOC_ID, "indexing", 1, 10, null)));

        Disposable waiting = documents().awaitIndexing(BATCH, Duration.ofMinutes(1)).subscribe();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (polls() < 1 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(10));
        }
        waiting.dispose();

        assertThat(polls()).isEqualTo(1);
        sleep(Duration.ofMillis(1500));
        assertThat(polls()).as("polls after the cancellation").isEqualTo(1);
    }

    @Test
    void aPollThatMeetsAPassingGatewayFaultIsRetriedUnlikeACreate() {
        wireMock.stubFor(get(urlEqualTo(STATUS)).inScenario("gateway").whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        wireMock.stubFor(get(urlEqualTo(STATUS)).inScenario("gateway").whenScenarioStateIs("up")
            .willReturn(json(200, answer(status(DOC_ID, "completed", 1, 1, null)))));

        List<IndexingStatus> statuses = documents().awaitIndexing(BATCH, Duration.ofSeconds(8)).block(TIMEOUT);

        assertThat(statuses).singleElement().satisfies((status) -> assertThat(status.isCompleted()).isTrue());
        assertThat(polls()).isEqualTo(2);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
