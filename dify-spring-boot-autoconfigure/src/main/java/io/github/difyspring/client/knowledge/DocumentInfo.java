package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * A document of a knowledge base, as listings and the create and update answers show it (Dify's
 * {@code DocumentResponse}). Dify leaves many fields {@code null} for a document whose indexing has
 * not finished, such as its tokens and word count; the API spec marks fewer of them nullable than
 * Dify's code does (Dify 1.14.2, {@code api/fields/document_fields.py}).
 *
 * @param id the document's id
 * @param position its place in the knowledge base
 * @param dataSourceType {@code upload_file}, {@code notion_import}, {@code website_crawl} or a
 * pipeline's source type
 * @param dataSourceInfo the source as stored, such as {@code {"upload_file_id": "..."}}; empty when none
 * @param dataSourceDetail the source in detail, such as {@code {"upload_file": {"id", "name", "size",
 * "extension", "mime_type", "created_by", "created_at"}}} (that {@code created_at} a float); empty when none
 * @param datasetProcessRuleId the process rule it was indexed with
 * @param name its name
 * @param createdFrom {@code api}, {@code web} or {@code rag-pipeline}
 * @param createdBy the account that created it
 * @param createdAt when, in epoch seconds
 * @param tokens its tokens, once indexed
 * @param indexingState where its indexing is
 * @param error why its indexing failed
 * @param enabled whether retrieval finds it
 * @param disabledAt when it was disabled, in epoch seconds
 * @param disabledBy who disabled it
 * @param archived whether it is archived
 * @param displayStatus its state as the console shows it
 * @param wordCount its words, once indexed
 * @param hitCount how often retrieval returned it
 * @param docForm how it is cut
 * @param metadata its metadata values; empty when none
 * @param summaryIndexStatus where its summary index is, such as {@code completed}; {@code null} in
 * create and update answers
 * @param needSummary whether it is to be summarised
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentInfo(
        String id,
        @Nullable Integer position,
        @JsonProperty("data_source_type") @Nullable String dataSourceType,
        @JsonProperty("data_source_info") Map<String, Object> dataSourceInfo,
        @JsonProperty("data_source_detail_dict") Map<String, Object> dataSourceDetail,
        @JsonProperty("dataset_process_rule_id") @Nullable String datasetProcessRuleId,
        @Nullable String name,
        @JsonProperty("created_from") @Nullable String createdFrom,
        @JsonProperty("created_by") @Nullable String createdBy,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @Nullable Integer tokens,
        @JsonProperty("indexing_status") @Nullable IndexingState indexingState,
        @Nullable String error,
        @Nullable Boolean enabled,
        @JsonProperty("disabled_at") @Nullable Long disabledAt,
        @JsonProperty("disabled_by") @Nullable String disabledBy,
        @Nullable Boolean archived,
        @JsonProperty("display_status") @Nullable DocumentStatus displayStatus,
        @JsonProperty("word_count") @Nullable Integer wordCount,
        @JsonProperty("hit_count") @Nullable Integer hitCount,
        @JsonProperty("doc_form") @Nullable DocForm docForm,
        @JsonProperty("doc_metadata") List<DocumentMetadataEntry> metadata,
        @JsonProperty("summary_index_status") @Nullable String summaryIndexStatus,
        @JsonProperty("need_summary") @Nullable Boolean needSummary) {

    /** Reads missing or {@code null} maps and lists as empty; copies them. */
    public DocumentInfo {
        Objects.requireNonNull(id, "id");
        dataSourceInfo = WireValues.object(dataSourceInfo);
        dataSourceDetail = WireValues.object(dataSourceDetail);
        metadata = WireValues.list(metadata);
    }
}
