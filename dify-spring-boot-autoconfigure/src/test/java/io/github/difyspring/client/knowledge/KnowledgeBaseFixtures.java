package io.github.difyspring.client.knowledge;

/**
 * Knowledge bases as Dify 1.14.2 (ad96501e) sends them: {@code DatasetDetailResponse} of
 * {@code api/fields/dataset_fields.py}, dumped by {@code api/controllers/service_api/dataset/dataset.py}
 * with every key present, {@code null}s included, and the nested objects Dify expands from
 * {@code null} ({@code summary_index_setting}, {@code external_knowledge_info}, {@code icon_info},
 * {@code reranking_model}) sent with {@code null} fields.
 */
final class KnowledgeBaseFixtures {

    /**
     * A high-quality knowledge base read on its own ({@code GET /datasets/{id}}): hybrid search
     * with a rerank model, a tag, a metadata field plus the built-in fields, and the member list of
     * its {@code partial_members} permission.
     */
    static final String MANUALS = """
            {"id": "6c1f7d2e-3b4a-4f5e-9a8b-7c6d5e4f3a2b", "name": "Product manuals",
             "description": "Manuals of every product we ship", "provider": "vendor", "permission": "partial_members",
             "data_source_type": "upload_file", "indexing_technique": "high_quality", "app_count": 2,
             "document_count": 3, "word_count": 18342, "created_by": "0f6e7d8c-1111-4a2b-9c3d-5e6f7a8b9c0d",
             "author_name": "Ada Lovelace", "created_at": 1764979200, "updated_by": "0f6e7d8c-1111-4a2b-9c3d-5e6f7a8b9c0d",
             "updated_at": 1764982800, "embedding_model": "text-embedding-3-small",
             "embedding_model_provider": "langgenius/openai/openai", "embedding_available": true,
             "retrieval_model_dict": {"search_method": "hybrid_search", "reranking_enable": true,
               "reranking_mode": "reranking_model",
               "reranking_model": {"reranking_provider_name": "langgenius/cohere/cohere", "reranking_model_name": "rerank-english-v3.0"},
               "weights": null, "top_k": 5, "score_threshold_enabled": true, "score_threshold": 0.35},
             "summary_index_setting": {"enable": true, "model_name": "gpt-4o-mini", "model_provider_name": "langgenius/openai/openai",
               "summary_prompt": null},
             "tags": [{"id": "b2c3d4e5-0000-4000-8000-000000000001", "name": "manuals", "type": "knowledge"}],
             "doc_form": "text_model",
             "external_knowledge_info": {"external_knowledge_id": null, "external_knowledge_api_id": null,
               "external_knowledge_api_name": null, "external_knowledge_api_endpoint": null},
             "external_retrieval_model": {"top_k": 5, "score_threshold": 0.35, "score_threshold_enabled": true},
             "doc_metadata": [{"id": "9d8c7b6a-2222-4c3d-8e9f-0a1b2c3d4e5f", "name": "product", "type": "string"},
               {"id": "built-in", "name": "document_name", "type": "string"},
               {"id": "built-in", "name": "uploader", "type": "string"},
               {"id": "built-in", "name": "upload_date", "type": "time"},
               {"id": "built-in", "name": "last_update_date", "type": "time"},
               {"id": "built-in", "name": "source", "type": "string"}],
             "built_in_field_enabled": true, "pipeline_id": null, "runtime_mode": "general", "chunk_structure": null,
             "icon_info": {"icon_type": "emoji", "icon": "📙", "icon_background": "#FFF4ED", "icon_url": null},
             "is_published": false, "total_documents": 3, "total_available_documents": 2, "enable_api": true,
             "is_multimodal": false,
             "partial_member_list": ["0f6e7d8c-1111-4a2b-9c3d-5e6f7a8b9c0d", "1a2b3c4d-3333-4e5f-8a9b-0c1d2e3f4a5b"]}
            """;

    /**
     * A knowledge base just created with only a name ({@code POST /datasets}): no documents yet,
     * so no data source, indexing technique, embedding model or document form; Dify's default
     * retrieval model; {@code embedding_available} {@code null} as the create path never checks it;
     * no {@code partial_member_list} key.
     */
    static final String CREATED_EMPTY = """
            {"id": "f1e2d3c4-4444-4b5a-9c8d-7e6f5a4b3c2d", "name": "Empty", "description": "", "provider": "vendor",
             "permission": "only_me", "data_source_type": null, "indexing_technique": null, "app_count": 0,
             "document_count": 0, "word_count": 0, "created_by": "0f6e7d8c-1111-4a2b-9c3d-5e6f7a8b9c0d",
             "author_name": "Ada Lovelace", "created_at": 1764979200, "updated_by": null, "updated_at": 1764979200,
             "embedding_model": null, "embedding_model_provider": null, "embedding_available": null,
             "retrieval_model_dict": {"search_method": "semantic_search", "reranking_enable": false, "reranking_mode": null,
               "reranking_model": {"reranking_provider_name": "", "reranking_model_name": ""}, "weights": null, "top_k": 2,
               "score_threshold_enabled": false, "score_threshold": null},
             "summary_index_setting": {"enable": null, "model_name": null, "model_provider_name": null, "summary_prompt": null},
             "tags": [], "doc_form": null,
             "external_knowledge_info": {"external_knowledge_id": null, "external_knowledge_api_id": null,
               "external_knowledge_api_name": null, "external_knowledge_api_endpoint": null},
             "external_retrieval_model": {"top_k": 2, "score_threshold": 0.0, "score_threshold_enabled": null},
             "doc_metadata": [], "built_in_field_enabled": false, "pipeline_id": null, "runtime_mode": "general",
             "chunk_structure": null,
             "icon_info": {"icon_type": null, "icon": null, "icon_background": null, "icon_url": null},
             "is_published": false, "total_documents": 0, "total_available_documents": 0, "enable_api": true,
             "is_multimodal": false}
            """;

    /**
     * A knowledge base as the listing sends it: no {@code partial_member_list}, the provider in its
     * {@code org/plugin/provider} form, {@code embedding_available} false as the model is not
     * active, weighted hybrid settings with {@code null}s where Dify's response model allows them.
     */
    static final String FAQ_IN_LISTING = """
            {"id": "a0b1c2d3-5555-4e6f-8a9b-0c1d2e3f4a5b", "name": "FAQ", "description": null, "provider": "vendor",
             "permission": "all_team_members", "data_source_type": "upload_file", "indexing_technique": "high_quality",
             "app_count": 0, "document_count": 1, "word_count": 420, "created_by": "0f6e7d8c-1111-4a2b-9c3d-5e6f7a8b9c0d",
             "author_name": null, "created_at": 1764900000, "updated_by": null, "updated_at": 1764900000,
             "embedding_model": "text-embedding-ada-002", "embedding_model_provider": "langgenius/openai/openai",
             "embedding_available": false,
             "retrieval_model_dict": {"search_method": "hybrid_search", "reranking_enable": false,
               "reranking_mode": "weighted_score", "reranking_model": {"reranking_provider_name": null, "reranking_model_name": null},
               "weights": {"weight_type": null, "keyword_setting": {"keyword_weight": 0.3},
                 "vector_setting": {"vector_weight": 0.7, "embedding_model_name": null, "embedding_provider_name": null}},
               "top_k": 3, "score_threshold_enabled": false, "score_threshold": null},
             "summary_index_setting": {"enable": null, "model_name": null, "model_provider_name": null, "summary_prompt": null},
             "tags": [], "doc_form": "qa_model",
             "external_knowledge_info": {"external_knowledge_id": null, "external_knowledge_api_id": null,
               "external_knowledge_api_name": null, "external_knowledge_api_endpoint": null},
             "external_retrieval_model": {"top_k": 3, "score_threshold": null, "score_threshold_enabled": false},
             "doc_metadata": [], "built_in_field_enabled": false, "pipeline_id": null, "runtime_mode": "general",
             "chunk_structure": null,
             "icon_info": {"icon_type": null, "icon": null, "icon_background": null, "icon_url": null},
             "is_published": false, "total_documents": 1, "total_available_documents": 1, "enable_api": true,
             "is_multimodal": false}
            """;

    private KnowledgeBaseFixtures() {
    }

    /**
     * A page of the listing ({@code DatasetListResponse}): {@code has_more} is
     * {@code len(datasets) == limit}, {@code limit} and {@code page} echo the request.
     */
    static String listPage(int page, int limit, int total, boolean hasMore, String... datasets) {
        return "{\"data\": [" + String.join(",", datasets) + "], \"has_more\": " + hasMore + ", \"limit\": " + limit
                + ", \"total\": " + total + ", \"page\": " + page + "}";
    }

    /** The detail with another id, for listings of many. */
    static String withId(String dataset, String id) {
        return dataset.replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"" + id + "\"");
    }
}
