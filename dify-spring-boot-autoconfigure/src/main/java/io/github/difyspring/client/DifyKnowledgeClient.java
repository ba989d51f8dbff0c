package io.github.difyspring.client;

import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.observation.DifyObservationConvention;

/**
 * The client of a workspace's knowledge bases (Dify's Knowledge API, the {@code /datasets}
 * endpoints), reached with a knowledge base API key: one key per workspace, not per app. It shares
 * the transport of the app clients: the connection pool, the time limits, the retries, the
 * observations and the key handling.
 *
 * <p>Its operations are grouped as views: {@link #bases()} lists and creates knowledge bases,
 * {@link #base(String)} is a handle bound to one of them (its documents, chunks, metadata,
 * retrieval and pipeline), {@link #tags()} holds the workspace's knowledge tags, {@link #models()}
 * the embedding and rerank models it may use, and {@link #pipelineFiles()} the uploads a knowledge
 * pipeline reads. Non-blocking: every method returns a {@link Mono} or {@link Flux} that does
 * nothing until subscribed.
 *
 * <p>Failures arrive as unchecked {@link io.github.difyspring.client.error.DifyException}s, as for
 * the app clients. An app's API key used here is refused by Dify with HTTP 401
 * ({@link io.github.difyspring.client.error.DifyUnauthorizedException}), whose message says which
 * kind of key is needed.
 */
public class DifyKnowledgeClient {

    /** The HTTP side of this client, shared by its views. */
    final DifyTransport transport;

    private final DifyApp app;

    /**
     * Creates the client of a workspace's knowledge bases.
     * @param app the workspace's entry, of type {@link DifyAppType#KNOWLEDGE}, with its knowledge
     * base API key
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     */
    public DifyKnowledgeClient(DifyApp app, WebClient.Builder webClientBuilder) {
        this(app, webClientBuilder, ObservationRegistry.NOOP, null);
    }

    /**
     * Creates the client of a workspace's knowledge bases whose operations are observed: one
     * observation per call, spanning the whole stream for streaming calls.
     * @param app the workspace's entry, of type {@link DifyAppType#KNOWLEDGE}
     * @param webClientBuilder the builder to start from; it is cloned, not changed
     * @param observationRegistry where the observations go
     * @param observationConvention names and tags them, or {@code null} for the
     * {@link io.github.difyspring.client.observation.DefaultDifyObservationConvention default}
     * @throws IllegalArgumentException when the entry is an app's
     */
    public DifyKnowledgeClient(DifyApp app, WebClient.Builder webClientBuilder, ObservationRegistry observationRegistry,
            @Nullable DifyObservationConvention observationConvention) {
        if (app.type() != DifyAppType.KNOWLEDGE) {
            throw new IllegalArgumentException("Dify app '" + app.name() + "' is a " + app.type()
                    + " app; DifyKnowledgeClient serves a workspace's knowledge bases (type KNOWLEDGE)");
        }
        this.transport = new DifyTransport(app, webClientBuilder, observationRegistry, observationConvention);
        this.app = app;
    }

    /**
     * The workspace's entry this client talks to.
     * @return the entry
     */
    public DifyApp app() {
        return this.app;
    }

    /**
     * The workspace's knowledge bases: list them, create one.
     * @return the knowledge bases view
     */
    public KnowledgeBases bases() {
        return new KnowledgeBases(this.transport);
    }

    /**
     * A handle on one knowledge base, bound to its id: the knowledge base itself, its documents and
     * their chunks, its metadata fields, retrieval and its knowledge pipeline. Making it sends
     * nothing.
     * @param knowledgeBaseId the knowledge base's id (Dify's {@code dataset_id})
     * @return the handle
     */
    public KnowledgeBase base(String knowledgeBaseId) {
        return new KnowledgeBase(this.transport, Objects.requireNonNull(knowledgeBaseId, "knowledgeBaseId"));
    }

    /**
     * The workspace's knowledge tags and their bindings to knowledge bases.
     * @return the tags view
     */
    public KnowledgeTags tags() {
        return new KnowledgeTags(this.transport);
    }

    /**
     * The models of the workspace, such as the embedding and rerank models a knowledge base may use.
     * @return the models view
     */
    public WorkspaceModels models() {
        return new WorkspaceModels(this.transport);
    }

    /**
     * Uploads of files for knowledge pipelines to read.
     * @return the pipeline files view
     */
    public PipelineFiles pipelineFiles() {
        return new PipelineFiles(this.transport);
    }

    @Override
    public String toString() {
        return "DifyKnowledgeClient[" + this.app + "]";
    }
}
