package io.github.difyspring.client;

import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;

import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.knowledge.DatasourceNodeRun;
import io.github.difyspring.client.knowledge.DatasourcePlugin;
import io.github.difyspring.client.knowledge.PipelineRunRequest;
import io.github.difyspring.client.knowledge.PipelineRunResult;
import io.github.difyspring.client.workflow.WorkflowRunResponse;

/**
 * The knowledge pipeline of one knowledge base (a knowledge base created from a pipeline rather
 * than with a fixed chunking): its datasource nodes, runs of one datasource node to list or crawl
 * what a source holds, and runs of the whole pipeline that add documents. Get it from
 * {@link KnowledgeBase#pipeline()}. Non-blocking: every method returns a {@link Mono} or
 * {@link Flux} that does nothing until subscribed.
 *
 * <p>The usual sequence: {@link #datasourcePlugins()} gives the datasource nodes and their input
 * variables; for uploaded files, {@link PipelineFiles#upload} the files; for online sources,
 * {@link #runDatasourceNode} lists the pages or files (or crawls the site); then {@link #run} the
 * published pipeline on the chosen items, which makes the documents and indexes them in the
 * background. {@link #debugRun} and {@link #debugStream} try the draft pipeline without adding
 * anything.
 *
 * <p>A knowledge base that has no pipeline answers HTTP 400 {@code invalid_param} "Pipeline not
 * found" ({@link io.github.difyspring.client.error.DifyBadRequestException}). The Service API has
 * no stop endpoint for pipeline tasks (Dify's stop of a pipeline run is a console endpoint, and the
 * app stop endpoints refuse a knowledge base key), so cancelling a stream of this view only closes
 * the connection: Dify is not asked to stop.
 */
public final class KnowledgePipeline {

    private static final ParameterizedTypeReference<List<DatasourcePlugin>> PLUGINS = new ParameterizedTypeReference<>() {
    };

    private final DifyTransport transport;

    private final String knowledgeBaseId;

    KnowledgePipeline(DifyTransport transport, String knowledgeBaseId) {
        this.transport = transport;
        this.knowledgeBaseId = knowledgeBaseId;
    }

    /**
     * The datasource nodes of the published pipeline, with their plugins, input variables and
     * credentials ({@code GET /datasets/{dataset_id}/pipeline/datasource-plugins}).
     * @return the nodes; a pipeline never published answers HTTP 400 {@code invalid_param}
     * "Pipeline or workflow not found"
     */
    public Mono<List<DatasourcePlugin>> datasourcePlugins() {
        return datasourcePlugins(true);
    }

    /**
     * The datasource nodes of the published or the draft pipeline, with their plugins, input
     * variables and credentials ({@code GET /datasets/{dataset_id}/pipeline/datasource-plugins}).
     *
     * <p>For the published pipeline {@code is_published} is left out (Dify's default). For the
     * draft it is sent empty ({@code ?is_published=}): Dify 1.14.2 reads the parameter with
     * Python's {@code bool()} of the text, so {@code false} would mean {@code true} and only an
     * empty value gives the draft. Later Dify versions, which read it as a real boolean, refuse the
     * empty value with HTTP 400; this client follows 1.14.2.
     * @param published {@code true} for the published pipeline, {@code false} for the draft
     * @return the nodes; a pipeline without that version answers HTTP 400 {@code invalid_param}
     * "Pipeline or workflow not found"
     */
    public Mono<List<DatasourcePlugin>> datasourcePlugins(boolean published) {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/datasets/{dataset_id}/pipeline/datasource-plugins")
            .pathVariable("dataset_id", this.knowledgeBaseId)
            .query("is_published", published ? null : ""), PLUGINS));
    }

    /**
     * Runs one datasource node
     * ({@code POST /datasets/{dataset_id}/pipeline/datasource/nodes/{node_id}/run}): lists the
     * workspaces and pages of an online document service, browses a folder of an online drive, or
     * crawls a website. Dify always answers with a stream, whose events are a
     * {@link io.github.difyspring.client.event.DatasourceProcessingEvent} at the start (and as a
     * crawl progresses), then one or more
     * {@link io.github.difyspring.client.event.DatasourceCompletedEvent}s with the result; the
     * {@code Flux} completes when Dify closes the stream.
     *
     * <p>Dify reports a failure after the stream started (an unknown node, a draft or published
     * pipeline that does not exist, a datasource type the node cannot run, a plugin error) as the
     * stream's last event, {@code datasource_error}: the {@code Flux} then ends with a
     * {@link io.github.difyspring.client.error.DifyStreamException} whose code is
     * {@code datasource_error} and whose Dify message is the error text, after the events before it.
     * Failures before the stream (an invalid body, a knowledge base without a pipeline) answer
     * HTTP 400 {@code invalid_param}.
     *
     * <p>Dify sends no keep-alive on this stream: a crawl that reports no progress for longer than
     * the app's stream idle timeout ends with a
     * {@link io.github.difyspring.client.error.DifyStreamIdleTimeoutException}; raise the timeout
     * for slow sites. The run calls the plugin (a crawl may cost credits of its service), so it is
     * never sent again once Dify may have received it; cancelling only closes the connection.
     * @param nodeId the datasource node's id (a {@link DatasourcePlugin#nodeId()})
     * @param run the node's type, inputs, credential and version
     * @return the events
     */
    public Flux<DifyEvent> runDatasourceNode(String nodeId, DatasourceNodeRun run) {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(run, "run");
        return Flux.defer(() -> this.transport.events(DifyCall.post("/datasets/{dataset_id}/pipeline/datasource/nodes/{node_id}/run")
            .pathVariable("dataset_id", this.knowledgeBaseId)
            .pathVariable("node_id", nodeId)
            .notIdempotent()
            .json(run.toWire())));
    }

    /**
     * Runs the published pipeline ({@code POST /datasets/{dataset_id}/pipeline/run},
     * {@code is_published: true}): Dify makes one document of each item, queues their processing
     * and answers at once with the documents and their batch. Whatever {@code response_mode} says,
     * Dify 1.14.2 answers a published run with this JSON and never streams it (its API reference
     * says otherwise); this client sends {@code blocking}. Follow the indexing with the
     * {@link PipelineRunResult#batch() batch}, in {@link KnowledgeDocuments}.
     *
     * <p>The run starts paid work (embedding, plugins), so it is never sent again once Dify may
     * have received it. A pipeline never published, an item Dify cannot read or inputs that do not
     * fit the pipeline's variables answer HTTP 500 {@code pipeline_run_error} with Dify's text
     * ({@link io.github.difyspring.client.error.DifyServerException}); an invalid body, HTTP 400
     * {@code invalid_param}.
     * @param request the start node, items and inputs
     * @return the documents made and their batch
     */
    public Mono<PipelineRunResult> run(PipelineRunRequest request) {
        Objects.requireNonNull(request, "request");
        return Mono.defer(() -> this.transport.json(runCall(request, true, "blocking"), PipelineRunResult.class));
    }

    /**
     * Runs the draft pipeline and waits for its result ({@code POST /datasets/{dataset_id}/pipeline/run},
     * {@code is_published: false}, {@code response_mode: blocking}), as the pipeline editor's test
     * run does: nothing is added to the knowledge base. The answer is a workflow run's: its
     * outputs are those of the knowledge base node, a preview of the chunks ({@code chunk_structure},
     * {@code preview}, {@code qa_preview}, {@code total_segments}). Dify 1.14.2 runs the draft on
     * the first item only. The run is bounded by the app's response timeout.
     *
     * <p>A run that failed inside the pipeline still answers HTTP 200 with status {@code failed};
     * a draft that was never saved answers HTTP 500 {@code pipeline_run_error} "Workflow not
     * initialized". The run may call models and plugins, so it is never sent again once Dify may
     * have received it.
     * @param request the start node, items and inputs
     * @return the run's result
     */
    public Mono<WorkflowRunResponse> debugRun(PipelineRunRequest request) {
        Objects.requireNonNull(request, "request");
        return Mono.defer(() -> this.transport.json(runCall(request, false, "blocking"), WorkflowRunResponse.class));
    }

    /**
     * Runs the draft pipeline and streams its progress ({@code POST /datasets/{dataset_id}/pipeline/run},
     * {@code is_published: false}, {@code response_mode: streaming}), as the pipeline editor's test
     * run does: nothing is added to the knowledge base. The events are a workflow run's:
     * {@code workflow_started}, node events, then {@code workflow_finished} whose outputs are the
     * knowledge base node's preview of the chunks; an {@code error} event ends the {@code Flux}
     * with a {@link io.github.difyspring.client.error.DifyStreamException}. Dify 1.14.2 runs the
     * draft on the first item only. The {@code Flux} completes when Dify closes the stream.
     *
     * <p>Cancelling closes the connection only: the Service API cannot stop a pipeline task. The
     * run may call models and plugins, so it is never sent again once Dify may have received it.
     * @param request the start node, items and inputs
     * @return the events
     */
    public Flux<DifyEvent> debugStream(PipelineRunRequest request) {
        Objects.requireNonNull(request, "request");
        return Flux.defer(() -> this.transport.events(runCall(request, false, "streaming")));
    }

    private DifyCall runCall(PipelineRunRequest request, boolean published, String responseMode) {
        return DifyCall.post("/datasets/{dataset_id}/pipeline/run")
            .pathVariable("dataset_id", this.knowledgeBaseId)
            .notIdempotent()
            .json(request.toWire(published, responseMode));
    }

    @Override
    public String toString() {
        return "KnowledgePipeline[" + this.transport.app().name() + ", " + this.knowledgeBaseId + "]";
    }
}
