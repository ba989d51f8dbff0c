package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * A knowledge base (Dify's dataset) as Dify describes it: its settings, its counts and its tags.
 * Dify 1.14.2 sends the same object when a knowledge base is listed, read, created and updated
 * ({@code DatasetDetailResponse} in {@code api/fields/dataset_fields.py}); where Dify's OpenAPI
 * description differs (it has no {@code description}, and marks several fields non-null that are
 * {@code null} for an empty knowledge base) this record follows Dify's code.
 *
 * @param id the knowledge base's id
 * @param name its name, 1 to 40 characters
 * @param description its description, or {@code null}
 * @param provider {@code vendor} for a knowledge base of Dify's own, {@code external} for one that
 * retrieves from an external knowledge API
 * @param permission who may see and use it
 * @param dataSourceType where its documents come from ({@code upload_file}, {@code notion_import},
 * {@code website_crawl}), or {@code null} while it has none
 * @param indexingTechnique how it indexes, or {@code null} while it has no document and none was set
 * @param appCount how many apps use it
 * @param documentCount how many documents it has
 * @param wordCount how many words its documents have
 * @param createdBy the account that created it
 * @param authorName that account's name, or {@code null}
 * @param createdAt when it was created, in epoch seconds
 * @param updatedBy the account that last changed it, or {@code null}
 * @param updatedAt when it was last changed, in epoch seconds
 * @param embeddingModel the embedding model of a high-quality knowledge base, or {@code null}
 * @param embeddingModelProvider that model's provider (the listing sends it in the
 * {@code langgenius/openai/openai} form), or {@code null}
 * @param embeddingAvailable whether the embedding model can be used now; {@code null} in the
 * answers to create and update, which do not check it
 * @param retrievalModel how it retrieves (Dify's {@code retrieval_model_dict}); Dify reports
 * {@code keyword_search} for an economy knowledge base when it is read on its own
 * @param summaryIndexSetting its summary index setting; all {@code null} fields when it has none
 * @param tags the tags it carries ({@code binding_count} is not sent here)
 * @param docForm how its documents are chunked, or {@code null} while it has none
 * @param externalKnowledgeInfo where an external knowledge base retrieves from;
 * {@link ExternalKnowledgeInfo#NONE} for one of Dify's own
 * @param externalRetrievalModel how an external knowledge base retrieves, or {@code null}
 * @param docMetadata its metadata fields, followed by the built-in fields (id {@code built-in})
 * while those are enabled
 * @param builtInFieldEnabled whether the built-in metadata fields are enabled
 * @param pipelineId its knowledge pipeline, or {@code null}
 * @param runtimeMode {@code general}, or {@code rag_pipeline} for a knowledge base fed by a
 * knowledge pipeline, or {@code null}
 * @param chunkStructure the chunk structure of a pipeline knowledge base, or {@code null}
 * @param iconInfo its icon; {@link KnowledgeIcon#NONE} when it has none of its own
 * @param published whether its knowledge pipeline is published
 * @param totalDocuments how many documents it has
 * @param totalAvailableDocuments how many of them can be retrieved from (enabled, indexed, not archived)
 * @param enableApi whether the Service API may use it
 * @param multimodal whether it indexes images too
 * @param partialMemberList the accounts that may use it when its permission is
 * {@code partial_members}; Dify sends the list only when it reads one knowledge base of that
 * permission and in the answer to an update, so it is empty everywhere else
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KnowledgeBaseInfo(
        String id,
        String name,
        @Nullable String description,
        String provider,
        KnowledgePermission permission,
        @JsonProperty("data_source_type") @Nullable String dataSourceType,
        @JsonProperty("indexing_technique") @Nullable IndexingTechnique indexingTechnique,
        @JsonProperty("app_count") int appCount,
        @JsonProperty("document_count") int documentCount,
        @JsonProperty("word_count") long wordCount,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("author_name") @Nullable String authorName,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("updated_by") @Nullable String updatedBy,
        @JsonProperty("updated_at") long updatedAt,
        @JsonProperty("embedding_model") @Nullable String embeddingModel,
        @JsonProperty("embedding_model_provider") @Nullable String embeddingModelProvider,
        @JsonProperty("embedding_available") @Nullable Boolean embeddingAvailable,
        @JsonProperty("retrieval_model_dict") RetrievalModel retrievalModel,
        @JsonProperty("summary_index_setting") SummaryIndexSetting summaryIndexSetting,
        List<KnowledgeTag> tags,
        @JsonProperty("doc_form") @Nullable DocForm docForm,
        @JsonProperty("external_knowledge_info") ExternalKnowledgeInfo externalKnowledgeInfo,
        @JsonProperty("external_retrieval_model") @Nullable ExternalRetrievalModel externalRetrievalModel,
        @JsonProperty("doc_metadata") List<MetadataField> docMetadata,
        @JsonProperty("built_in_field_enabled") boolean builtInFieldEnabled,
        @JsonProperty("pipeline_id") @Nullable String pipelineId,
        @JsonProperty("runtime_mode") @Nullable String runtimeMode,
        @JsonProperty("chunk_structure") @Nullable DocForm chunkStructure,
        @JsonProperty("icon_info") KnowledgeIcon iconInfo,
        @JsonProperty("is_published") boolean published,
        @JsonProperty("total_documents") int totalDocuments,
        @JsonProperty("total_available_documents") int totalAvailableDocuments,
        @JsonProperty("enable_api") boolean enableApi,
        @JsonProperty("is_multimodal") boolean multimodal,
        @JsonProperty("partial_member_list") List<String> partialMemberList) {

    /**
     * Checks what Dify always sends (its response model requires these fields), reads the objects
     * it may leave out as empty, and copies the lists without their {@code null} entries.
     */
    public KnowledgeBaseInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(retrievalModel, "retrievalModel");
        summaryIndexSetting = (summaryIndexSetting != null) ? summaryIndexSetting : new SummaryIndexSetting(null, null, null, null);
        externalKnowledgeInfo = (externalKnowledgeInfo != null) ? externalKnowledgeInfo : ExternalKnowledgeInfo.NONE;
        iconInfo = (iconInfo != null) ? iconInfo : KnowledgeIcon.NONE;
        tags = WireValues.list(tags);
        docMetadata = WireValues.list(docMetadata);
        partialMemberList = WireValues.list(partialMemberList);
    }

    /**
     * Whether this knowledge base retrieves from an external knowledge API rather than from
     * documents of its own.
     * @return whether its provider is {@code external}
     */
    public boolean isExternal() {
        return "external".equals(this.provider);
    }
}
