package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A retrieval from a knowledge base ({@code POST /datasets/{dataset_id}/retrieve}): a query, and
 * optionally a retrieval model other than the knowledge base's own and images to retrieve with.
 * Immutable; start from {@link #of(String)} and change what differs with the {@code with...}
 * methods.
 *
 * <p>Dify's endpoint also takes an {@code external_retrieval_model}, but Dify 1.14.2's retrieval
 * ({@code HitTestingService.retrieve}) never reads it, so it is not offered here.
 *
 * @param query the text to find chunks for, at most 250 characters (Dify answers HTTP 400 beyond);
 * empty only when images are given
 * @param retrievalModel how to retrieve, or {@code null} for the knowledge base's own setting (and
 * semantic search of the 4 best chunks when it has none)
 * @param attachmentIds ids of uploaded images to retrieve with, for a multimodal knowledge base
 */
public record RetrievalRequest(String query, @Nullable RetrievalModel retrievalModel, List<String> attachmentIds) {

    /**
     * Checks that there is something to retrieve with, and copies the attachment ids.
     * @throws IllegalArgumentException when the query is blank and there is no image
     */
    public RetrievalRequest {
        Objects.requireNonNull(query, "query");
        attachmentIds = List.copyOf(Objects.requireNonNull(attachmentIds, "attachmentIds"));
        if (query.isBlank() && attachmentIds.isEmpty()) {
            throw new IllegalArgumentException("A retrieval needs a query or images (Dify: \"Query or attachment_ids is required\")");
        }
    }

    /**
     * A retrieval with the knowledge base's own retrieval setting.
     * @param query the text to find chunks for, at most 250 characters
     * @return the request
     */
    public static RetrievalRequest of(String query) {
        return new RetrievalRequest(query, null, List.of());
    }

    /**
     * This retrieval with a retrieval model of its own: search method, reranking or weights, top
     * k, score threshold, metadata filter.
     * @param retrievalModel the retrieval model, or {@code null} for the knowledge base's own
     * @return the changed request
     */
    public RetrievalRequest withRetrievalModel(@Nullable RetrievalModel retrievalModel) {
        return new RetrievalRequest(this.query, retrievalModel, this.attachmentIds);
    }

    /**
     * This retrieval with images to retrieve with, for a multimodal knowledge base.
     * @param attachmentIds ids of uploaded image files
     * @return the changed request
     */
    public RetrievalRequest withAttachmentIds(List<String> attachmentIds) {
        return new RetrievalRequest(this.query, this.retrievalModel, attachmentIds);
    }

    /**
     * The request in the form Dify takes: the query and whatever else is set.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("query", this.query);
        if (this.retrievalModel != null) {
            wire.put("retrieval_model", this.retrievalModel.toWire());
        }
        if (!this.attachmentIds.isEmpty()) {
            wire.put("attachment_ids", this.attachmentIds);
        }
        return wire;
    }
}
