package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * One document in detail ({@code GET /datasets/{dataset_id}/documents/{document_id}}). Not the shape
 * of {@link DocumentInfo}: Dify builds it by hand (Dify 1.14.2,
 * {@code api/controllers/service_api/dataset/document.py}). With {@link DocumentDetailMode#ONLY}
 * only the id, the type and the metadata are set; with {@link DocumentDetailMode#WITHOUT} the type
 * and the metadata are left out.
 *
 * @param id the document's id
 * @param position its place in the knowledge base
 * @param dataSourceType {@code upload_file}, {@code notion_import}, {@code website_crawl}...
 * @param dataSourceInfo the source in detail, such as {@code {"upload_file": {"id", "name", "size",
 * "extension", "mime_type", "created_by", "created_at"}}} (unlike a listing's raw
 * {@code upload_file_id}); empty when none
 * @param datasetProcessRuleId the process rule it was indexed with
 * @param datasetProcessRule the knowledge base's latest process rule ({@code mode}, {@code rules}),
 * or Dify's defaults; empty when left out
 * @param documentProcessRule the document's own process rule ({@code id}, {@code dataset_id},
 * {@code mode}, {@code rules}); empty when none
 * @param name its name
 * @param createdFrom {@code api}, {@code web} or {@code rag-pipeline}
 * @param createdBy the account that created it
 * @param createdAt when, in epoch seconds
 * @param tokens its tokens, once indexed
 * @param indexingState where its indexing is
 * @param completedAt when its indexing completed, in epoch seconds
 * @param updatedAt when it last changed, in epoch seconds
 * @param indexingLatency how long its indexing took, in seconds
 * @param error why its indexing failed
 * @param enabled whether retrieval finds it
 * @param disabledAt when it was disabled, in epoch seconds
 * @param disabledBy who disabled it
 * @param archived whether it is archived
 * @param docType its type, such as {@code book} or {@code web_page}
 * @param metadata its metadata values, built-in ones included; empty when it has none (Dify sends
 * {@code null} then) or when they were left out
 * @param segmentCount how many chunks it has
 * @param averageSegmentLength their average length
 * @param hitCount how often retrieval returned it
 * @param displayStatus its state as the console shows it
 * @param docForm how it is cut
 * @param docLanguage its language
 * @param summaryIndexStatus where its summary index is
 * @param needSummary whether it is to be summarised
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentDetail(
        String id,
        @Nullable Integer position,
        @JsonProperty("data_source_type") @Nullable String dataSourceType,
        @JsonProperty("data_source_info") Map<String, Object> dataSourceInfo,
        @JsonProperty("dataset_process_rule_id") @Nullable String datasetProcessRuleId,
        @JsonProperty("dataset_process_rule") Map<String, Object> datasetProcessRule,
        @JsonProperty("document_process_rule") Map<String, Object> documentProcessRule,
        @Nullable String name,
        @JsonProperty("created_from") @Nullable String createdFrom,
        @JsonProperty("created_by") @Nullable String createdBy,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable Integer tokens,
        @JsonProperty("indexing_status") @Nullable IndexingState indexingState,
        @JsonProperty("completed_at") @Nullable Long completedAt,
        @JsonProperty("updated_at") @Nullable Long updatedAt,
        @JsonProperty("indexing_latency") @Nullable Double indexingLatency,
        @Nullable String error,
        @Nullable Boolean enabled,
        @JsonProperty("disabled_at") @Nullable Long disabledAt,
        @JsonProperty("disabled_by") @Nullable String disabledBy,
        @Nullable Boolean archived,
        @JsonProperty("doc_type") @Nullable String docType,
        @JsonProperty("doc_metadata") List<DocumentMetadataEntry> metadata,
        @JsonProperty("segment_count") @Nullable Integer segmentCount,
        @JsonProperty("average_segment_length") @Nullable Integer averageSegmentLength,
        @JsonProperty("hit_count") @Nullable Integer hitCount,
        @JsonProperty("display_status") @Nullable DocumentStatus displayStatus,
        @JsonProperty("doc_form") @Nullable DocForm docForm,
        @JsonProperty("doc_language") @Nullable String docLanguage,
        @JsonProperty("summary_index_status") @Nullable String summaryIndexStatus,
        @JsonProperty("need_summary") @Nullable Boolean needSummary) {

    /** Reads missing or {@code null} maps and lists as empty; copies them. */
    public DocumentDetail {
        Objects.requireNonNull(id, "id");
        dataSourceInfo = WireValues.object(dataSourceInfo);
        datasetProcessRule = WireValues.object(datasetProcessRule);
        documentProcessRule = WireValues.object(documentProcessRule);
        metadata = WireValues.list(metadata);
    }
}
