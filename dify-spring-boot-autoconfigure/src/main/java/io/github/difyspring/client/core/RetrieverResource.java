package io.github.difyspring.client.core;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A piece of knowledge-base content an answer drew on (a citation).
 *
 * @param id the resource id
 * @param messageId the message that cited it
 * @param position its rank among the resources, from 1
 * @param datasetId the knowledge base
 * @param datasetName the knowledge base's name
 * @param documentId the document
 * @param documentName the document's name
 * @param dataSourceType where the document came from
 * @param segmentId the segment (chunk) of the document
 * @param score the retrieval score
 * @param hitCount how often the segment was hit
 * @param wordCount the segment's word count
 * @param segmentPosition the segment's position in the document
 * @param indexNodeHash the segment's index hash
 * @param content the segment text
 * @param summary the segment summary, if any
 * @param createdAt when the resource was recorded, in epoch seconds (in message listings)
 * @param retrieverFrom where the retrieval ran, such as {@code api} or {@code dev} (in answers)
 * @param page the page of the document the segment is on, when the document has pages
 * @param title the title of the source, for external knowledge and web sources
 * @param docMetadata the document's metadata fields, when the knowledge base has metadata
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrieverResource(
        @Nullable String id,
        @JsonProperty("message_id") @Nullable String messageId,
        @Nullable Integer position,
        @JsonProperty("dataset_id") @Nullable String datasetId,
        @JsonProperty("dataset_name") @Nullable String datasetName,
        @JsonProperty("document_id") @Nullable String documentId,
        @JsonProperty("document_name") @Nullable String documentName,
        @JsonProperty("data_source_type") @Nullable String dataSourceType,
        @JsonProperty("segment_id") @Nullable String segmentId,
        @Nullable Double score,
        @JsonProperty("hit_count") @Nullable Integer hitCount,
        @JsonProperty("word_count") @Nullable Integer wordCount,
        @JsonProperty("segment_position") @Nullable Integer segmentPosition,
        @JsonProperty("index_node_hash") @Nullable String indexNodeHash,
        @Nullable String content,
        @Nullable String summary,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("retriever_from") @Nullable String retrieverFrom,
        @Nullable Integer page,
        @Nullable String title,
        @JsonProperty("doc_metadata") @Nullable Map<String, Object> docMetadata) {
}
