package io.github.difyspring.client.conformance;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.KnowledgePipeline;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.event.DatasourceCompletedEvent;
import io.github.difyspring.client.event.DatasourceProcessingEvent;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.NodeFinishedEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.client.event.UndecodableEvent;
import io.github.difyspring.client.event.UnknownEvent;
import io.github.difyspring.client.event.WorkflowFinishedEvent;
import io.github.difyspring.client.event.WorkflowStartedEvent;
import io.github.difyspring.client.knowledge.DatasourceInfo;
import io.github.difyspring.client.knowledge.DatasourceNodeRun;
import io.github.difyspring.client.knowledge.DatasourceType;
import io.github.difyspring.client.knowledge.DocForm;
import io.github.difyspring.client.knowledge.PipelineRunRequest;
import io.github.difyspring.client.knowledge.PipelineRunResult;
import io.github.difyspring.client.workflow.WorkflowRunResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knowledge pipeline's answers as Dify 1.14.2's server code writes them (the
 * {@code pipeline-*} transcripts, the test module's {@code DifyTranscript} presets, each naming the
 * Dify files it follows), served over HTTP and read through {@code KnowledgePipeline}: the
 * datasource node run stream with its typed {@code datasource_*} events and its error, the draft
 * run as a workflow stream and as a blocking answer, and the published run's documents and batch.
 * The shared header checks of {@link ConformanceTests} cover these transcripts too.
 */
class KnowledgePipelineConformanceTests extends DifyClientTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String BASE = "/v1/datasets/5b0c8e1a-3f2d-4c6b-9a7e-1d2f3a4b5c6d/pipeline";

    private static final PipelineRunRequest CRAWLED_PAGE = PipelineRunRequest.of("1752000000001",
            DatasourceInfo.websiteCrawl("https://docs.example.com/install", "Install",
                    "# Install\n\nRun docker compose up -d, then open http://localhost/install.", "How to install the example product"));

    private static KnowledgePipeline pipeline() {
        DifyApp app = new DifyApp("knowledge", DifyAppType.KNOWLEDGE, URI.create("http://127.0.0.1:" + wireMock.getPort() + "/v1"),
                API_KEY, null).withOptions(FAST_RETRIES);
        return new DifyKnowledgeClient(app, WebClient.builder()).base("5b0c8e1a-3f2d-4c6b-9a7e-1d2f3a4b5c6d").pipeline();
    }

    private static Transcript serve(String name, String path) {
        Transcript transcript = Transcript.load(name);
        wireMock.stubFor(post(urlEqualTo(BASE + path)).willReturn(transcript.response()));
        return transcript;
    }

    // ---- datasource node run

    @Test
    void datasourceNodeRunArrivesAsTypedEventsAndEndsWithTheCrawledPages() {
        Transcript transcript = serve("pipeline-datasource-node-run", "/datasource/nodes/1752000000001/run");

        List<DifyEvent> events = collect(pipeline().runDatasourceNode("1752000000001",
                DatasourceNodeRun.of(DatasourceType.WEBSITE_CRAWL, Map.of("url", "https://docs.example.com/"))));

        assertThat(events).extracting(DifyEvent::type).containsExactlyElementsOf(transcript.eventTypes());
        assertThat(events).noneMatch((event) -> event instanceof UnknownEvent || event instanceof UndecodableEvent);
        assertThat(events.subList(0, 2)).extracting((event) -> ((DatasourceProcessingEvent) event).completed()).containsExactly(0, 1);
        DatasourceCompletedEvent completed = (DatasourceCompletedEvent) events.get(2);
        assertThat(completed.total()).isEqualTo(2);
        assertThat(completed.completed()).isEqualTo(2);
        assertThat(completed.timeConsuming()).isEqualTo(7.42);
        String urls = completed.items().stream().map((page) -> (String) page.get("source_url")).collect(Collectors.joining(", "));
        assertThat(urls).isEqualTo(transcript.assembledAnswer());
        Map<String, Object> install = completed.items().get(1);
        assertThat(install).containsEntry("title", "Install").containsEntry("description", "How to install the example product");
        assertThat((String) install.get("content")).startsWith("# Install\n\nRun docker compose");
        // A crawled page is what a run then reads: taken whole, it is a website_crawl item.
        assertThat(DatasourceInfo.of(DatasourceType.WEBSITE_CRAWL, install).fields()).containsEntry("source_url", "https://docs.example.com/install");
    }

    @Test
    void datasourceNodeRunThatFailsEndsWithTheErrorTextAfterTheStartEvent() {
        Transcript transcript = serve("pipeline-datasource-node-run-failed", "/datasource/nodes/1752000000002/run");
        List<DifyEvent> delivered = new ArrayList<>();

        DifyStreamException error = failure(pipeline().runDatasourceNode("1752000000002",
                DatasourceNodeRun.of(DatasourceType.ONLINE_DOCUMENT, Map.of()).withCredential("c0ffee00-1234-4abc-9def-0123456789ab"))
            .doOnNext(delivered::add), DifyStreamException.class);

        assertThat(transcript.assembledAnswer()).isNull();
        assertThat(delivered).extracting(DifyEvent::type).containsExactly("datasource_processing");
        assertThat(error.getCode()).isEqualTo("datasource_error");
        assertThat(error.getDifyMessage())
            .isEqualTo("PluginInvokeError: {\"args\":{},\"error_type\":\"ValueError\",\"message\":\"Notion API token is invalid or expired\"}");
        assertThat(error.getTaskId()).isNull();
    }

    // ---- draft runs

    @Test
    void draftRunStreamIsAWorkflowStreamWhoseOutputsAreTheChunkPreview() throws Exception {
        Transcript transcript = serve("pipeline-draft-run-stream", "/run");

        List<DifyEvent> events = collect(pipeline().debugStream(CRAWLED_PAGE));

        assertThat(events).extracting(DifyEvent::type).containsExactlyElementsOf(transcript.eventTypes());
        assertThat(events).noneMatch((event) -> event instanceof UnknownEvent || event instanceof UndecodableEvent);
        assertThat(events).allSatisfy((event) -> assertThat(event.taskId()).isEqualTo("b5d7f9a1-3c5e-4a7c-9e1a-3c5e7a9c1e3b"));
        WorkflowStartedEvent started = (WorkflowStartedEvent) events.get(0);
        assertThat(started.data().inputs()).containsEntry("sys.app_id", "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d");
        NodeFinishedEvent datasource = (NodeFinishedEvent) events.get(2);
        assertThat(datasource.data().nodeType()).isEqualTo("datasource");
        assertThat(datasource.data().outputs()).containsEntry("datasource_type", "website_crawl");
        NodeFinishedEvent index = (NodeFinishedEvent) events.get(6);
        assertThat(index.data().nodeType()).isEqualTo("knowledge-index");
        WorkflowFinishedEvent finished = (WorkflowFinishedEvent) events.get(7);
        assertThat(finished.data().status()).isEqualTo("succeeded");
        assertThat(finished.data().outputs()).isEqualTo(JSON.readValue(transcript.assembledAnswer(), Map.class));
        assertThat(finished.data().createdBy()).containsEntry("email", "owner@example.com");
        assertThat(finished.usage().totalTokens()).isZero();
        StreamedAnswer answer = new StreamedAnswer();
        events.forEach(answer::add);
        assertThat(answer.run()).isNotNull();
        assertThat(answer.text()).isEmpty();
    }

    @Test
    void draftRunAnswerIsAWorkflowRunWhoseOutputsAreTheChunkPreview() throws Exception {
        Transcript transcript = serve("pipeline-draft-run-answer", "/run");

        WorkflowRunResponse run = pipeline().debugRun(CRAWLED_PAGE).block(TIMEOUT);

        assertThat(run.taskId()).isEqualTo("b5d7f9a1-3c5e-4a7c-9e1a-3c5e7a9c1e3b");
        assertThat(run.workflowRunId()).isEqualTo("4c6e8a0c-2e4f-4a6c-8e0a-2c4e6a8c0e2a");
        assertThat(run.isPaused()).isFalse();
        assertThat(run.data().status()).isEqualTo("succeeded");
        assertThat(run.data().outputs()).isEqualTo(JSON.readValue(transcript.assembledAnswer(), Map.class));
        assertThat(run.data().totalSteps()).isEqualTo(3);
        assertThat(run.data().elapsedTime()).isEqualTo(2.861034);
        assertThat(run.data().finishedAt()).isEqualTo(1781602218L);
    }

    // ---- published run

    @Test
    void publishedRunAnswersTheDocumentsMadeAndTheirBatch() {
        Transcript transcript = serve("pipeline-run-published", "/run");

        PipelineRunResult result = pipeline().run(PipelineRunRequest.of("1752000000001", List.of(
                DatasourceInfo.localFile("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "guide.pdf"),
                DatasourceInfo.localFile("0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e", "faq.md")))).block(TIMEOUT);

        assertThat(result.batch()).isEqualTo(transcript.assembledAnswer());
        assertThat(result.dataset().id()).isEqualTo("5b0c8e1a-3f2d-4c6b-9a7e-1d2f3a4b5c6d");
        assertThat(result.dataset().name()).isEqualTo("Product docs");
        assertThat(result.dataset().description()).isEmpty();
        assertThat(result.dataset().chunkStructure()).isEqualTo(DocForm.TEXT);
        assertThat(result.documents()).hasSize(2);
        PipelineRunResult.Document guide = result.documents().get(0);
        assertThat(guide.id()).isEqualTo("7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b");
        assertThat(guide.position()).isEqualTo(3);
        assertThat(guide.dataSourceType()).isEqualTo("local_file");
        assertThat(guide.dataSourceInfo()).containsExactly(Map.entry("related_id", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"),
                Map.entry("name", "guide.pdf"));
        assertThat(guide.name()).isEqualTo("guide.pdf");
        assertThat(guide.indexingStatus()).isEqualTo("waiting");
        assertThat(guide.error()).isNull();
        assertThat(guide.enabled()).isTrue();
        assertThat(result.documents().get(1).name()).isEqualTo("faq.md");
        assertThat(result.documents().get(1).position()).isEqualTo(4);
    }
}
