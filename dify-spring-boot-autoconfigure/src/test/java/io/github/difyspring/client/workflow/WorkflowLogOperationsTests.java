package io.github.difyspring.client.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.error.DifyBadRequestException;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The workflow logs of {@link DifyWorkflowClient}: every filter, the mapping of an entry, and the
 * lazy listing over numbered pages.
 */
class WorkflowLogOperationsTests extends DifyClientTestSupport {

    private static final String LOGS_PATH = "/v1/workflows/logs";

    @Test
    void logsPageSendsEveryFilter() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs"))
            .willReturn(json(200, responseExample("GET", "/workflows/logs", 200, "workflowLogs"))));

        workflowClient().workflowRuns().workflowLogPage(WorkflowLogQuery.builder()
            .keyword("a {b} & c")
            .status(WorkflowLogStatus.FAILED)
            .page(3)
            .limit(50)
            .createdBefore(Instant.parse("2025-01-16T12:00:00Z"))
            .createdAfter(Instant.parse("2025-01-01T00:00:00Z"))
            .createdByEndUserSessionId("user_workflow_123")
            .createdByAccount("name@example.com")
            .build()).block(TIMEOUT);

        wireMock.verify(1, difyGet(urlPathEqualTo("/v1/workflows/logs")));
        assertThat(query(onlyLogRequest())).isEqualTo(Map.of(
                "keyword", "a {b} & c",
                "status", "failed",
                "page", "3",
                "limit", "50",
                "created_at__before", "2025-01-16T12:00:00Z",
                "created_at__after", "2025-01-01T00:00:00Z",
                "created_by_end_user_session_id", "user_workflow_123",
                "created_by_account", "name@example.com"));
    }

    @Test
    void logsPageWithoutFiltersSendsNoParameters() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs"))
            .willReturn(json(200, responseExample("GET", "/workflows/logs", 200, "workflowLogs"))));

        workflowClient().workflowRuns().workflowLogPage(WorkflowLogQuery.all()).block(TIMEOUT);

        assertThat(onlyLogRequest().getQueryParams()).isEmpty();
        assertThat(onlyLogRequest().getUrl()).isEqualTo("/v1/workflows/logs");
    }

    @Test
    void logsPageMapsTheSpecExample() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs"))
            .willReturn(json(200, responseExample("GET", "/workflows/logs", 200, "workflowLogs"))));

        NumberedPage<WorkflowLog> page = workflowClient().workflowRuns().workflowLogPage(WorkflowLogQuery.all()).block(TIMEOUT);

        assertThat(page).isNotNull();
        assertThat(page.page()).isEqualTo(1);
        assertThat(page.limit()).isEqualTo(20);
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.data()).containsExactly(new WorkflowLog("b7e2f8a1-3c4d-5e6f-7890-abcdef123456",
                new WorkflowLog.Run("fb47b2e6-5e43-4f90-be01-d5c5a088d156", "2025-01-16 12:00:00.000000", "succeeded", null,
                        1.23, 150L, 3, 1705407629L, 1705407630L, 0, "app-run"),
                "service-api", "end_user", null,
                new WorkflowLog.EndUser("f1e2d3c4-b5a6-7890-abcd-ef1234567890", "service-api", false, "user_workflow_123"),
                1705407629L, Map.of()));
    }

    @Test
    void logsMapAnAccountAndDetails() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs")).willReturn(json(200, """
                {"page": "1", "limit": 20, "total": 1, "has_more": false, "data": [{"id": "l-1",
                  "workflow_run": {"id": "r-1", "status": "failed", "error": "boom", "total_tokens": "7"},
                  "created_from": "web-app", "created_by_role": "account",
                  "created_by_account": {"id": "a-1", "name": "Ann", "email": "ann@example.com"},
                  "created_by_end_user": null, "created_at": 1705407629, "details": {"trigger": {"kind": "manual"}}}]}
                """)));

        WorkflowLog log = workflowClient().workflowRuns().workflowLogPage(WorkflowLogQuery.all()).block(TIMEOUT).data().get(0);

        assertThat(log.createdByAccount()).isEqualTo(new WorkflowLog.Account("a-1", "Ann", "ann@example.com"));
        assertThat(log.createdByEndUser()).isNull();
        assertThat(log.workflowRun().error()).isEqualTo("boom");
        assertThat(log.workflowRun().totalTokens()).isEqualTo(7L);
        assertThat(log.details()).containsEntry("trigger", Map.of("kind", "manual"));
    }

    @Test
    void anInvalidFilterFailsWithBadRequest() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs"))
            .willReturn(json(400, responseExample("GET", "/workflows/logs", 400, "invalid_param"))));

        DifyBadRequestException ex = failure(workflowClient().workflowRuns().workflowLogPage(WorkflowLogQuery.builder()
            .createdByAccount("name@example.com").build()), DifyBadRequestException.class);

        assertThat(ex.getCode()).isEqualTo("invalid_param");
        assertThat(ex.getDifyMessage()).isEqualTo("Account not found: name@example.com");
    }

    @Test
    void pagesAndPageSizesOutsideWhatDifyAllowsAreRejectedEarly() {
        assertThatIllegalArgumentException().isThrownBy(() -> WorkflowLogQuery.builder().page(0).build());
        assertThatIllegalArgumentException().isThrownBy(() -> WorkflowLogQuery.builder().page(100_000).build());
        assertThatIllegalArgumentException().isThrownBy(() -> WorkflowLogQuery.builder().limit(0).build());
        assertThatIllegalArgumentException().isThrownBy(() -> WorkflowLogQuery.builder().limit(101).build());
    }

    // ---- all logs, lazily

    private static void stubThreePagesOfLogs() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs")).withQueryParam("page", equalTo("1"))
            .willReturn(json(200, page(1, true, "l-1", "l-2"))));
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs")).withQueryParam("page", equalTo("2"))
            .willReturn(json(200, page(2, true, "l-3", "l-4"))));
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs")).withQueryParam("page", equalTo("3"))
            .willReturn(json(200, page(3, false, "l-5"))));
    }

    @Test
    void lazyLogsReadOnlyThePagesTheyNeedAndKeepTheFilters() {
        stubThreePagesOfLogs();

        List<WorkflowLog> three = workflowClient()
            .workflowRuns().workflowLogs(WorkflowLogQuery.builder().status(WorkflowLogStatus.SUCCEEDED).limit(2).build())
            .take(3).collectList().block(TIMEOUT);

        assertThat(three).extracting(WorkflowLog::id).containsExactly("l-1", "l-2", "l-3");
        assertThat(logRequests()).extracting((request) -> query(request)).containsExactly(
                Map.of("status", "succeeded", "limit", "2", "page", "1"),
                Map.of("status", "succeeded", "limit", "2", "page", "2"));
    }

    @Test
    void lazyLogsGoOnFromTheQuerysPageUntilThereAreNoMore() {
        stubThreePagesOfLogs();

        List<WorkflowLog> rest = workflowClient().workflowRuns().workflowLogs(WorkflowLogQuery.builder().page(2).build())
            .collectList().block(TIMEOUT);

        assertThat(rest).extracting(WorkflowLog::id).containsExactly("l-3", "l-4", "l-5");
        assertThat(logRequests()).extracting((request) -> query(request))
            .containsExactly(Map.of("page", "2"), Map.of("page", "3"));
    }

    @Test
    void lazyLogsStopAtAnEmptyPageThatClaimsMore() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/workflows/logs")).willReturn(json(200, page(1, true))));

        assertThat(workflowClient().workflowRuns().workflowLogs(WorkflowLogQuery.all()).collectList().block(TIMEOUT)).isEmpty();
        assertThat(logRequests()).hasSize(1);
    }

    // ---- helpers

    private static String page(int number, boolean hasMore, String... ids) {
        StringBuilder data = new StringBuilder();
        for (String id : ids) {
            data.append(data.isEmpty() ? "" : ",").append("{\"id\": \"").append(id)
                .append("\", \"workflow_run\": {\"id\": \"r-").append(id).append("\", \"status\": \"succeeded\"}}");
        }
        return "{\"page\": " + number + ", \"limit\": 2, \"total\": 5, \"has_more\": " + hasMore + ", \"data\": [" + data + "]}";
    }

    /** The one request for the logs. */
    private static LoggedRequest onlyLogRequest() {
        return onlyRequest(getRequestedFor(urlPathEqualTo(LOGS_PATH)));
    }

    /** The requests for the logs, in the order they arrived. */
    private static List<LoggedRequest> logRequests() {
        return getRequests(LOGS_PATH);
    }
}
