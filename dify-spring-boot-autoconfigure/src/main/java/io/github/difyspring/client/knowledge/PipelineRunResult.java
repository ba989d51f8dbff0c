package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a run of a published knowledge pipeline answers: the documents it made, one per item it
 * reads, and their batch. Dify indexes them afterwards, in the background; follow their indexing
 * with the batch, as for documents added from text or files
 * ({@code GET /datasets/{dataset_id}/documents/{batch}/indexing-status}, in
 * {@link io.github.difyspring.client.KnowledgeDocuments}). Shape of
 * {@code PipelineGenerator.generate} and {@code core/entities/knowledge_entities.py} of Dify 1.14.2.
 *
 * @param batch the batch of the run's documents, such as {@code 20260612093015482913}
 * @param dataset the knowledge base
 * @param documents the documents made, in the order of the run's items (for an online drive
 * folder, one per file found); empty, never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineRunResult(
        String batch,
        @Nullable Dataset dataset,
        List<Document> documents) {

    /** Reads a missing or {@code null} document list as empty. */
    public PipelineRunResult {
        documents = (documents != null) ? List.copyOf(documents) : List.of();
    }

    /**
     * The knowledge base a pipeline run fills.
     *
     * @param id its id
     * @param name its name
     * @param description its description; empty, never null, when it has none
     * @param chunkStructure how its chunks are structured ({@code text_model},
     * {@code hierarchical_model} or {@code qa_model}), or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dataset(
            String id,
            @Nullable String name,
            String description,
            @JsonProperty("chunk_structure") @Nullable DocForm chunkStructure) {

        /** Reads a {@code null} description as empty, as Dify sends it. */
        public Dataset {
            description = (description != null) ? description : "";
        }
    }

    /**
     * A document a pipeline run made, waiting to be indexed.
     *
     * @param id the document's id
     * @param position its position in the knowledge base
     * @param dataSourceType where it comes from, such as {@code local_file}
     * @param dataSourceInfo the run's item it was made of, as sent, or {@code null}
     * @param name its name (from the item, else "untitled")
     * @param indexingStatus its indexing status: {@code waiting} when the run answers
     * @param error its indexing error, or {@code null}
     * @param enabled whether it is enabled
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Document(
            String id,
            int position,
            @JsonProperty("data_source_type") @Nullable String dataSourceType,
            @JsonProperty("data_source_info") @Nullable Map<String, Object> dataSourceInfo,
            @Nullable String name,
            @JsonProperty("indexing_status") @Nullable String indexingStatus,
            @Nullable String error,
            boolean enabled) {
    }
}
