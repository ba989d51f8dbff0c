package io.github.difyspring.client;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import reactor.core.publisher.Mono;

import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.WireValues;
import io.github.difyspring.client.knowledge.KnowledgeBaseInfo;
import io.github.difyspring.client.knowledge.KnowledgeBaseUpdate;
import io.github.difyspring.client.knowledge.KnowledgeTag;
import io.github.difyspring.client.knowledge.RetrievalRequest;
import io.github.difyspring.client.knowledge.RetrievalResult;

/**
 * A handle on one knowledge base of a workspace, bound to its id; get it from
 * {@link DifyKnowledgeClient#base(String)}. Making it sends nothing. It reads, changes, deletes and
 * retrieves from the knowledge base, and leads to its documents, metadata and knowledge pipeline.
 * Non-blocking: every method returns a {@code Mono} or {@code Flux} that does nothing until
 * subscribed.
 *
 * <p>A knowledge base that is not in the key's workspace fails with
 * {@link io.github.difyspring.client.error.DifyNotFoundException} ("Dataset not found."), one whose
 * Service API access is off with {@link io.github.difyspring.client.error.DifyForbiddenException}.
 */
public final class KnowledgeBase {

    private final DifyTransport transport;

    private final String id;

    KnowledgeBase(DifyTransport transport, String id) {
        this.transport = transport;
        this.id = id;
    }

    /**
     * The knowledge base's id (Dify's {@code dataset_id}).
     * @return the id
     */
    public String id() {
        return this.id;
    }

    /**
     * The knowledge base's documents: add them from text or files, list them, follow their
     * indexing, change their status and metadata in bulk.
     * @return the documents view
     */
    public KnowledgeDocuments documents() {
        return new KnowledgeDocuments(this.transport, this.id);
    }

    /**
     * A handle on one document of this knowledge base, bound to its id: the document and its
     * chunks. Making it sends nothing.
     * @param documentId the document's id
     * @return the handle
     */
    public KnowledgeDocument document(String documentId) {
        return new KnowledgeDocument(this.transport, this.id, Objects.requireNonNull(documentId, "documentId"));
    }

    /**
     * The knowledge base's metadata fields, its built-in fields and its documents' values.
     * @return the metadata view
     */
    public KnowledgeMetadata metadata() {
        return new KnowledgeMetadata(this.transport, this.id);
    }

    /**
     * The knowledge base's knowledge pipeline: its datasource plugins and its runs.
     * @return the pipeline view
     */
    public KnowledgePipeline pipeline() {
        return new KnowledgePipeline(this.transport, this.id);
    }

    /**
     * Reads the knowledge base ({@code GET /datasets/{dataset_id}}).
     * @return the knowledge base; its {@code partialMemberList} is filled when its permission is
     * {@code partial_members}
     */
    public Mono<KnowledgeBaseInfo> get() {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/datasets/{dataset_id}").pathVariable("dataset_id", this.id),
                KnowledgeBaseInfo.class));
    }

    /**
     * Changes the knowledge base's settings ({@code PATCH /datasets/{dataset_id}}); only the
     * settings the update names are sent, and Dify changes only those.
     * @param update the changes
     * @return the knowledge base as changed, with its {@code partialMemberList}; a name already in
     * use fails with {@link io.github.difyspring.client.error.DifyBadRequestException}
     * ({@code invalid_param} "Dataset name already exists", not the 409 of a create)
     */
    public Mono<KnowledgeBaseInfo> update(KnowledgeBaseUpdate update) {
        Objects.requireNonNull(update, "update");
        return Mono.defer(() -> this.transport.json(DifyCall.patch("/datasets/{dataset_id}")
                .pathVariable("dataset_id", this.id)
                .json(update.toWire()), KnowledgeBaseInfo.class));
    }

    /**
     * Deletes the knowledge base with its documents ({@code DELETE /datasets/{dataset_id}}).
     * @return completes when Dify deleted it
     */
    public Mono<Void> delete() {
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.delete("/datasets/{dataset_id}")
                .pathVariable("dataset_id", this.id)));
    }

    /**
     * Finds the chunks of the knowledge base that match a query ({@code POST /datasets/{dataset_id}/retrieve}),
     * as an app's knowledge retrieval would, without generating anything.
     *
     * <p>A retrieval changes nothing in the knowledge base, so it is retried like a read when the
     * app's retry options allow it; the cost of a retry is one more embedding of the query (and a
     * rerank, if the retrieval model has one) and a second entry in the knowledge base's retrieval
     * history, which is cheap next to failing a search that would have succeeded.
     * @param request the query and, optionally, a retrieval model of its own
     * @return the matched chunks, best first. An embedding or rerank model that cannot be used fails
     * with {@link io.github.difyspring.client.error.DifyBadRequestException}
     * ({@code provider_not_initialize}, {@code provider_quota_exceeded}, {@code model_currently_not_support}),
     * a knowledge base without documents with code {@code dataset_not_initialized}
     */
    public Mono<RetrievalResult> retrieve(RetrievalRequest request) {
        Objects.requireNonNull(request, "request");
        return Mono.defer(() -> this.transport.json(DifyCall.post("/datasets/{dataset_id}/retrieve")
                .pathVariable("dataset_id", this.id)
                .json(request.toWire()), RetrievalResult.class));
    }

    /**
     * The tags the knowledge base carries ({@code GET /datasets/{dataset_id}/tags}). Dify sends
     * only their ids and names here: their {@code type} and {@code bindingCount} are {@code null}.
     * @return the tags
     */
    public Mono<List<KnowledgeTag>> boundTags() {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/datasets/{dataset_id}/tags").pathVariable("dataset_id", this.id),
                BoundTags.class)).map(BoundTags::data);
    }

    /** Dify's answer to the bound tags: {@code {data: [{id, name}], total}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BoundTags(List<KnowledgeTag> data) {

        BoundTags {
            data = WireValues.list(data);
        }
    }

    @Override
    public String toString() {
        return "KnowledgeBase[" + this.transport.app().name() + ", " + this.id + "]";
    }
}
