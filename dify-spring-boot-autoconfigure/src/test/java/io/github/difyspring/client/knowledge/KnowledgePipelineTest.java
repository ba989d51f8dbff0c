package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyServerException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.event.DatasourceCompletedEvent;
import io.github.difyspring.client.event.DatasourceProcessingEvent;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.workflow.WorkflowRunResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests of {@code KnowledgePipeline} and its answers, as Dify 1.14.2 (ad96501e) sends them:
 * api/controllers/service_api/dataset/rag_pipeline/rag_pipeline_workflow.py (the routes, the
 * {@code type=bool} read of {@code is_published}, {@code PipelineRunError} 500),
 * api/services/rag_pipeline/rag_pipeline.py ({@code get_datasource_plugins}: the plugin items and
 * their credentials, "Pipeline not found", "Pipeline or workflow not found";
 * {@code run_datasource_workflow_node}: the datasource events),
 * api/services/datasource_provider_service.py ({@code list_datasource_credentials}),
 * api/core/rag/entities/event.py and api/core/app/apps/pipeline/pipeline_generator.py. The whole
 * answers of the runs are in the conformance transcripts ({@code KnowledgePipelineConformanceTests}).
 */
class KnowledgePipelineTest extends PipelineClientSupport {

    /** get_datasource_plugins: a Notion node with one pipeline variable and two credentials, and the file upload node. */
    private static final String PLUGINS = """
            [{"node_id": "1752000000002", "plugin_id": "langgenius/notion_datasource", "provider_name": "notion_datasource", \
            "datasource_type": "online_document", "title": "Notion", "user_input_variables": [{"variable": "workspace", \
            "label": "Workspace", "type": "text-input", "belong_to_node_id": "1752000000002", "max_length": 48, "required": true, \
            "default_value": null, "placeholder": null, "unit": null, "tooltips": "The Notion workspace", "options": [], \
            "allowed_file_types": [], "allow_file_extension": [], "allow_file_upload_methods": []}], "credentials": [{"id": \
            "c0ffee00-1234-4abc-9def-0123456789ab", "name": "Team Notion", "type": "oauth2", "is_default": true}, {"id": \
            "c0ffee01-1234-4abc-9def-0123456789ab", "name": "Personal", "type": "api-key", "is_default": false}]}, \
            {"node_id": "1752000000001", "plugin_id": null, "provider_name": null, "datasource_type": "local_file", "title": \
            "File Upload", "user_input_variables": [], "credentials": []}]""";

    // ---- datasource plugins

    @Test
    void publishedPluginsLeaveIsPublishedOutAndReadEveryField() {
        wireMock.stubFor(get(urlPathEqualTo(BASE_PATH + "/datasource-plugins")).willReturn(json(200, PLUGINS)));

        List<DatasourcePlugin> plugins = pipeline().datasourcePlugins().block(TIMEOUT);

        wireMock.verify(1, difyGet(BASE_PATH + "/datasource-plugins"));
        assertThat(plugins).hasSize(2);
        DatasourcePlugin notion = plugins.get(0);
        assertThat(notion.nodeId()).isEqualTo("1752000000002");
        assertThat(notion.pluginId()).isEqualTo("langgenius/notion_datasource");
        assertThat(notion.providerName()).isEqualTo("notion_datasource");
        assertThat(notion.datasourceType()).isEqualTo(DatasourceType.ONLINE_DOCUMENT);
        assertThat(notion.title()).isEqualTo("Notion");
        PipelineVariable workspace = notion.userInputVariables().get(0);
        assertThat(workspace.variable()).isEqualTo("workspace");
        assertThat(workspace.label()).isEqualTo("Workspace");
        assertThat(workspace.type()).isEqualTo("text-input");
        assertThat(workspace.belongToNodeId()).isEqualTo("1752000000002");
        assertThat(workspace.maxLength()).isEqualTo(48);
        assertThat(workspace.required()).isTrue();
        assertThat(workspace.defaultValue()).isNull();
        assertThat(workspace.tooltips()).isEqualTo("The Notion workspace");
        assertThat(workspace.options()).isEmpty();
        assertThat(workspace.allowedFileExtensions()).as("read from the editor's allow_file_extension").isEmpty();
        assertThat(workspace.allowedFileUploadMethods()).isEmpty();
        assertThat(notion.credentials()).extracting(DatasourcePlugin.Credential::id, DatasourcePlugin.Credential::name,
                DatasourcePlugin.Credential::type, DatasourcePlugin.Credential::isDefault)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("c0ffee00-1234-4abc-9def-0123456789ab", "Team Notion", "oauth2", true),
                    org.assertj.core.groups.Tuple.tuple("c0ffee01-1234-4abc-9def-0123456789ab", "Personal", "api-key", false));
        DatasourcePlugin upload = plugins.get(1);
        assertThat(upload.datasourceType()).isEqualTo(DatasourceType.LOCAL_FILE);
        assertThat(upload.pluginId()).isNull();
        assertThat(upload.userInputVariables()).isEmpty();
        assertThat(upload.credentials()).isEmpty();
    }

    @Test
    void draftPluginsSendIsPublishedEmptyAsDify1142ReadsFalseAsTrue() {
        wireMock.stubFor(get(urlPathEqualTo(BASE_PATH + "/datasource-plugins")).willReturn(json(200, "[]")));

        List<DatasourcePlugin> plugins = pipeline().datasourcePlugins(false).block(TIMEOUT);

        assertThat(plugins).isEmpty();
        assertThat(queryStrings(BASE_PATH + "/datasource-plugins")).containsExactly("is_published=");
    }

    @Test
    void aKnowledgeBaseWithoutPipelineIsABadRequest() {
        wireMock.stubFor(get(urlPathEqualTo(BASE_PATH + "/datasource-plugins"))
            .willReturn(json(400, errorBody("invalid_param", "Pipeline not found", 400))));

        DifyBadRequestException error = failure(pipeline().datasourcePlugins(), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(error.getDifyMessage()).isEqualTo("Pipeline not found");
    }

    @Test
    void anUnknownKnowledgeBaseIsNotFound() {
        wireMock.stubFor(get(urlPathEqualTo(BASE_PATH + "/datasource-plugins"))
            .willReturn(json(404, errorBody("not_found", "Dataset not found.", 404))));

        DifyNotFoundException error = failure(pipeline().datasourcePlugins(), DifyNotFoundException.class);

        assertThat(error.getDifyMessage()).isEqualTo("Dataset not found.");
    }

    // ---- datasource node run

    @Test
    void datasourceNodeRunSendsTheNodesBodyAndStreamsItsEvents() {
        String path = BASE_PATH + "/datasource/nodes/1752000000004/run";
        stubStream(path, sse("""
                {"event":"datasource_processing","total":0,"completed":0}
                {"event":"datasource_completed","data":[{"bucket":"team-docs","files":[{"id":"guides/","name":"guides","size":0,"type":"folder"},{"id":"faq.md","name":"faq.md","size":2048,"type":"file"}],"is_truncated":false,"next_page_parameters":null}],"total":null,"completed":null,"time_consuming":0.84}
                """));

        List<DifyEvent> events = collect(pipeline().runDatasourceNode("1752000000004",
                DatasourceNodeRun.of(DatasourceType.ONLINE_DRIVE, Map.of("bucket", "team-docs", "prefix", "", "max_keys", 20))
                    .withCredential("c0ffee02-1234-4abc-9def-0123456789ab")));

        wireMock.verify(1, difyPost(path).withRequestBody(equalToJson("""
                {"inputs": {"bucket": "team-docs", "prefix": "", "max_keys": 20}, "datasource_type": "online_drive",
                 "credential_id": "c0ffee02-1234-4abc-9def-0123456789ab", "is_published": true}""")));
        assertThat(events).extracting(DifyEvent::type).containsExactly("datasource_processing", "datasource_completed");
        DatasourceProcessingEvent started = (DatasourceProcessingEvent) events.get(0);
        assertThat(started.total()).isZero();
        assertThat(started.completed()).isZero();
        assertThat(started.taskId()).isNull();
        DatasourceCompletedEvent browsed = (DatasourceCompletedEvent) events.get(1);
        assertThat(browsed.total()).isNull();
        assertThat(browsed.completed()).isNull();
        assertThat(browsed.timeConsuming()).isEqualTo(0.84);
        assertThat(browsed.items()).singleElement().satisfies((bucket) -> {
            assertThat(bucket).containsEntry("bucket", "team-docs").containsEntry("is_truncated", false);
            assertThat((List<?>) bucket.get("files")).hasSize(2);
        });
    }

    @Test
    void aDraftNodeRunWithoutCredentialLeavesTheCredentialOut() {
        String path = BASE_PATH + "/datasource/nodes/1752000000002/run";
        stubStream(path, sse("{\"event\":\"datasource_processing\",\"total\":0,\"completed\":0}"));

        collect(pipeline().runDatasourceNode("1752000000002", DatasourceNodeRun.of(DatasourceType.ONLINE_DOCUMENT, Map.of()).draft()));

        wireMock.verify(1, difyPost(path).withRequestBody(equalToJson("""
                {"inputs": {}, "datasource_type": "online_document", "is_published": false}""")));
    }

    @Test
    void aDatasourceErrorEndsTheStreamWithItsTextAfterTheEventsBefore() {
        String path = BASE_PATH + "/datasource/nodes/unknown/run";
        stubStream(path, sse("""
                {"event":"datasource_processing","total":0,"completed":0}
                {"event":"datasource_error","error":"Datasource node data not found"}
                """));

        List<DifyEvent> before = new java.util.ArrayList<>();
        DifyStreamException error = failure(pipeline()
            .runDatasourceNode("unknown", DatasourceNodeRun.of(DatasourceType.WEBSITE_CRAWL, Map.of("url", "https://example.com")))
            .doOnNext(before::add), DifyStreamException.class);

        assertThat(before).extracting(DifyEvent::type).containsExactly("datasource_processing");
        assertThat(error.getCode()).isEqualTo("datasource_error");
        assertThat(error.getDifyMessage()).isEqualTo("Datasource node data not found");
        assertThat(error.getStatus()).isNull();
        assertThat(error).hasMessageContaining("Datasource node data not found");
    }

    @Test
    void aDatasourceNodeRunRefusedBeforeTheStreamIsABadRequest() {
        String path = BASE_PATH + "/datasource/nodes/1752000000002/run";
        stubJson(path, 400, errorBody("invalid_param", "Pipeline not found", 400));

        DifyBadRequestException error = failure(pipeline().runDatasourceNode("1752000000002",
                DatasourceNodeRun.of(DatasourceType.ONLINE_DOCUMENT, Map.of())), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(error.getDifyMessage()).isEqualTo("Pipeline not found");
    }

    @Test
    void aDatasourceNodeRunIsNotSentAgainAfterAGatewayError() {
        String path = BASE_PATH + "/datasource/nodes/1752000000003/run";
        wireMock.stubFor(post(urlEqualTo(path)).willReturn(json(502, "{}")));

        failure(pipeline().runDatasourceNode("1752000000003", DatasourceNodeRun.of(DatasourceType.WEBSITE_CRAWL, Map.of())),
                DifyServerException.class);

        wireMock.verify(1, postRequestedFor(urlEqualTo(path)));
    }

    // ---- runs

    private static final PipelineRunRequest FILES = PipelineRunRequest.of("1752000000001", List.of(
            DatasourceInfo.localFile("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "guide.pdf"),
            DatasourceInfo.localFile("0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e", null)))
        .withInputs(Map.of("chunk_size", 1024));

    @Test
    void aPublishedRunIsSentAsBlockingWithItsItemsAndReadsTheBatch() {
        stubJson(BASE_PATH + "/run", 200, """
                {"batch": "20260616093015482913", "dataset": {"id": "%s", "name": "Product docs", "description": "", \
                "chunk_structure": "text_model"}, "documents": []}""".formatted(BASE_ID));

        PipelineRunResult result = pipeline().run(FILES).block(TIMEOUT);

        wireMock.verify(1, difyPost(BASE_PATH + "/run").withRequestBody(equalToJson("""
                {"inputs": {"chunk_size": 1024}, "datasource_type": "local_file",
                 "datasource_info_list": [{"reference": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "name": "guide.pdf"},
                                          {"reference": "0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e"}],
                 "start_node_id": "1752000000001", "is_published": true, "response_mode": "blocking"}""")));
        assertThat(result.batch()).isEqualTo("20260616093015482913");
        assertThat(result.dataset().chunkStructure()).isEqualTo(DocForm.TEXT);
        assertThat(result.documents()).isEmpty();
    }

    @Test
    void aRunThatCannotStartIsAServerErrorWithDifysTextAndIsNotSentAgain() {
        stubJson(BASE_PATH + "/run", 500, errorBody("pipeline_run_error", "Workflow not published", 500));

        DifyServerException error = failure(pipeline().run(FILES), DifyServerException.class);

        assertThat(error.getCode()).isEqualTo("pipeline_run_error");
        assertThat(error.getDifyMessage()).isEqualTo("Workflow not published");
        wireMock.verify(1, postRequestedFor(urlEqualTo(BASE_PATH + "/run")));
    }

    @Test
    void aDebugRunSendsTheDraftAsBlocking() {
        stubJson(BASE_PATH + "/run", 200, """
                {"task_id": "t", "workflow_run_id": "r", "data": {"id": "r", "workflow_id": "w", "status": "failed", \
                "outputs": {}, "error": "Chunks is required.", "elapsed_time": 0.4, "total_tokens": 0, "total_steps": 3, \
                "created_at": 1781602215, "finished_at": 1781602216}}""");

        WorkflowRunResponse run = pipeline().debugRun(FILES).block(TIMEOUT);

        wireMock.verify(1, difyPost(BASE_PATH + "/run").withRequestBody(equalToJson("""
                {"inputs": {"chunk_size": 1024}, "datasource_type": "local_file",
                 "datasource_info_list": [{"reference": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "name": "guide.pdf"},
                                          {"reference": "0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e"}],
                 "start_node_id": "1752000000001", "is_published": false, "response_mode": "blocking"}""")));
        assertThat(run.data().status()).isEqualTo("failed");
        assertThat(run.data().error()).isEqualTo("Chunks is required.");
    }

    @Test
    void aDebugRunOfADraftNeverSavedIsAServerErrorWithDifysText() {
        stubJson(BASE_PATH + "/run", 500, errorBody("pipeline_run_error", "Workflow not initialized", 500));

        DifyServerException error = failure(pipeline().debugRun(FILES), DifyServerException.class);

        assertThat(error.getCode()).isEqualTo("pipeline_run_error");
        assertThat(error.getDifyMessage()).isEqualTo("Workflow not initialized");
        wireMock.verify(1, postRequestedFor(urlEqualTo(BASE_PATH + "/run")));
    }

    @Test
    void aDebugStreamSendsTheDraftAsStreamingAndEndsOnTheErrorEvent() {
        stubStream(BASE_PATH + "/run", sse("""
                {"event":"workflow_started","workflow_run_id":"r","task_id":"t","data":{"id":"r","workflow_id":"w","inputs":{},"created_at":1781602215,"reason":"initial"}}
                {"event":"error","workflow_run_id":"r","code":"invalid_param","status":400,"message":"Datasource type is not set"}
                """));

        DifyStreamException error = failure(pipeline().debugStream(FILES), DifyStreamException.class);

        wireMock.verify(1, difyPost(BASE_PATH + "/run").withRequestBody(equalToJson("""
                {"inputs": {"chunk_size": 1024}, "datasource_type": "local_file",
                 "datasource_info_list": [{"reference": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "name": "guide.pdf"},
                                          {"reference": "0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e"}],
                 "start_node_id": "1752000000001", "is_published": false, "response_mode": "streaming"}""")));
        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(error.getWorkflowRunId()).isEqualTo("r");
    }

    @Test
    void cancellingADebugStreamSendsNoStopRequest() throws InterruptedException {
        stubStream(BASE_PATH + "/run", sse("""
                {"event":"workflow_started","workflow_run_id":"r","task_id":"t","data":{"id":"r","workflow_id":"w","inputs":{},"created_at":1781602215,"reason":"initial"}}
                {"event":"node_started","workflow_run_id":"r","task_id":"t","data":{"id":"n","node_id":"1752000000001","node_type":"datasource","title":"File Upload","index":1,"created_at":1781602215,"extras":{}}}
                """));

        DifyEvent first = pipeline().debugStream(FILES).blockFirst(TIMEOUT);

        assertThat(first.taskId()).isEqualTo("t");
        // A stop would be sent right after the cancel, asynchronously: give it the time to arrive.
        Thread.sleep(300);
        assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/v1/workflows/tasks/t/stop")))).isEmpty();
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }
}
