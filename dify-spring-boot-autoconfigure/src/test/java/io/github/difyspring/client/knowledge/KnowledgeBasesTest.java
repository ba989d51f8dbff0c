package io.github.difyspring.client.knowledge;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.core.NumberedPage;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyForbiddenException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyServerException;
import io.github.difyspring.client.error.DifyUnauthorizedException;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static io.github.difyspring.client.knowledge.KnowledgeBaseFixtures.CREATED_EMPTY;
import static io.github.difyspring.client.knowledge.KnowledgeBaseFixtures.FAQ_IN_LISTING;
import static io.github.difyspring.client.knowledge.KnowledgeBaseFixtures.MANUALS;
import static io.github.difyspring.client.knowledge.KnowledgeBaseFixtures.listPage;
import static io.github.difyspring.client.knowledge.KnowledgeBaseFixtures.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Knowledge bases: create, list (a page, and lazily), read, update and delete. The answers are
 * written as {@code api/controllers/service_api/dataset/dataset.py} and
 * {@code api/fields/dataset_fields.py} of Dify 1.14.2 (ad96501e) produce them (see
 * {@link KnowledgeBaseFixtures}); the error codes and messages come from the same controller,
 * {@code api/controllers/service_api/dataset/error.py} and {@code api/libs/external_api.py}.
 */
class KnowledgeBasesTest extends KnowledgeWorkspaceTestSupport {

    private static final String ACCOUNT = "0f6e7d8c-1111-4a2b-9c3d-5e6f7a8b9c0d";

    // ---- create

    @Test
    void createSendsTheNameAndEverySettingSetAndReadsDifysAnswer() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets")).willReturn(json(200, MANUALS.replace("\"embedding_available\": true",
                "\"embedding_available\": null"))));
        RetrievalModel retrieval = RetrievalModel.of(SearchMethod.HYBRID, 5)
            .withReranking(new RerankingModel("langgenius/cohere/cohere", "rerank-english-v3.0"))
            .withScoreThreshold(0.35);

        KnowledgeBaseInfo created = knowledgeClient().bases()
            .create(KnowledgeBaseCreate.of("Product manuals")
                .withDescription("Manuals of every product we ship")
                .withIndexingTechnique(IndexingTechnique.HIGH_QUALITY)
                .withPermission(KnowledgePermission.ALL_TEAM_MEMBERS)
                .withEmbeddingModel("langgenius/openai/openai", "text-embedding-3-small")
                .withRetrievalModel(retrieval)
                .withSummaryIndexSetting(SummaryIndexSetting.of("langgenius/openai/openai", "gpt-4o-mini")))
            .block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(postRequestedFor(urlEqualTo("/v1/datasets"))).withRequestBody(equalToJson("""
                {"name": "Product manuals", "description": "Manuals of every product we ship",
                 "indexing_technique": "high_quality", "permission": "all_team_members",
                 "retrieval_model": {"search_method": "hybrid_search", "reranking_enable": true,
                   "reranking_model": {"reranking_provider_name": "langgenius/cohere/cohere", "reranking_model_name": "rerank-english-v3.0"},
                   "reranking_mode": "reranking_model", "top_k": 5, "score_threshold_enabled": true, "score_threshold": 0.35},
                 "embedding_model": "text-embedding-3-small", "embedding_model_provider": "langgenius/openai/openai",
                 "summary_index_setting": {"enable": true, "model_name": "gpt-4o-mini", "model_provider_name": "langgenius/openai/openai"}}
                """)).withRequestBody(matchesRequestSchema("POST", "/datasets")));
        assertThat(created).isNotNull();
        assertThat(created.id()).isEqualTo(KB_ID);
        assertThat(created.embeddingAvailable()).as("not checked when creating").isNull();
        assertThat(created.retrievalModel()).isEqualTo(retrieval);
        assertThat(created.summaryIndexSetting()).isEqualTo(new SummaryIndexSetting(true, "gpt-4o-mini", "langgenius/openai/openai", null));
    }

    @Test
    void createWithOnlyANameSendsOnlyTheNameAndReadsAnEmptyKnowledgeBase() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets")).willReturn(json(200, CREATED_EMPTY)));

        KnowledgeBaseInfo created = knowledgeClient().bases().create(KnowledgeBaseCreate.of("Empty")).block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(postRequestedFor(urlEqualTo("/v1/datasets")))
            .withRequestBody(equalToJson("{\"name\": \"Empty\"}")));
        assertThat(created).isNotNull();
        assertThat(created.name()).isEqualTo("Empty");
        assertThat(created.description()).isEmpty();
        assertThat(created.permission()).isEqualTo(KnowledgePermission.ONLY_ME);
        assertThat(created.dataSourceType()).isNull();
        assertThat(created.indexingTechnique()).isNull();
        assertThat(created.embeddingModel()).isNull();
        assertThat(created.embeddingModelProvider()).isNull();
        assertThat(created.embeddingAvailable()).isNull();
        assertThat(created.updatedBy()).isNull();
        assertThat(created.docForm()).isNull();
        assertThat(created.retrievalModel()).isEqualTo(new RetrievalModel(SearchMethod.SEMANTIC, false, new RerankingModel("", ""), null,
                null, 2, false, null, null));
        assertThat(created.summaryIndexSetting().isSet()).isFalse();
        assertThat(created.externalKnowledgeInfo()).isEqualTo(ExternalKnowledgeInfo.NONE);
        assertThat(created.externalRetrievalModel()).isEqualTo(new ExternalRetrievalModel(2, 0.0, null));
        assertThat(created.iconInfo()).isEqualTo(KnowledgeIcon.NONE);
        assertThat(created.tags()).isEmpty();
        assertThat(created.docMetadata()).isEmpty();
        assertThat(created.partialMemberList()).as("absent from the create answer").isEmpty();
        assertThat(created.isExternal()).isFalse();
    }

    @Test
    void createExternalNamesTheProviderAndTheExternalKnowledge() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets")).willReturn(json(200, CREATED_EMPTY
            .replace("\"provider\": \"vendor\"", "\"provider\": \"external\"")
            .replace("\"external_knowledge_id\": null", "\"external_knowledge_id\": \"kb-in-ragflow\"")
            .replace("\"external_knowledge_api_id\": null", "\"external_knowledge_api_id\": \"e7d6c5b4-6666-4a3b-8c2d-1e0f9a8b7c6d\"")
            .replace("\"external_knowledge_api_name\": null", "\"external_knowledge_api_name\": \"RAGFlow\"")
            .replace("\"external_knowledge_api_endpoint\": null", "\"external_knowledge_api_endpoint\": \"https://rag.example.com/api\""))));

        KnowledgeBaseInfo created = knowledgeClient().bases()
            .create(KnowledgeBaseCreate.external("Wiki", "e7d6c5b4-6666-4a3b-8c2d-1e0f9a8b7c6d", "kb-in-ragflow"))
            .block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(postRequestedFor(urlEqualTo("/v1/datasets"))).withRequestBody(equalToJson("""
                {"name": "Wiki", "provider": "external", "external_knowledge_api_id": "e7d6c5b4-6666-4a3b-8c2d-1e0f9a8b7c6d",
                 "external_knowledge_id": "kb-in-ragflow"}
                """)).withRequestBody(matchesRequestSchema("POST", "/datasets")));
        assertThat(created).isNotNull();
        assertThat(created.isExternal()).isTrue();
        assertThat(created.externalKnowledgeInfo()).isEqualTo(new ExternalKnowledgeInfo("kb-in-ragflow",
                "e7d6c5b4-6666-4a3b-8c2d-1e0f9a8b7c6d", "RAGFlow", "https://rag.example.com/api"));
    }

    @Test
    void aNameInUseIsAConflict() {
        wireMock.stubFor(post(urlEqualTo("/v1/datasets")).willReturn(difyError(409, "dataset_name_duplicate",
                "The dataset name already exists. Please modify your dataset name.")));

        DifyApiException failure = knowledgeFailure(knowledgeClient().bases().create(KnowledgeBaseCreate.of("Manuals")),
                DifyApiException.class);

        assertThat(failure.getStatusCode().value()).isEqualTo(409);
        assertThat(failure.getCode()).isEqualTo("dataset_name_duplicate");
        assertThat(failure.getDifyMessage()).isEqualTo("The dataset name already exists. Please modify your dataset name.");
        assertThat(failure.getOperation()).isEqualTo("POST /datasets");
    }

    @Test
    void aCreateIsNotSentAgainAfterAGatewayError() {
        // A 502 may come after Dify received the request: a second POST could create a second knowledge base.
        wireMock.stubFor(post(urlEqualTo("/v1/datasets")).willReturn(json(502, "{\"message\": \"bad gateway\"}")));

        knowledgeFailure(knowledgeClient().bases().create(KnowledgeBaseCreate.of("Manuals")), DifyServerException.class);

        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/datasets")));
    }

    @Test
    void knowledgeBaseCreateRefusesABlankName() {
        assertThatIllegalArgumentException().isThrownBy(() -> KnowledgeBaseCreate.of(" "));
    }

    // ---- list

    @Test
    void pageSendsEveryFilterAndReadsThePage() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/datasets")).willReturn(json(200, listPage(2, 50, 52, false, MANUALS
            .replaceFirst(",\\s*\"partial_member_list\": \\[[^\\]]*]", ""), FAQ_IN_LISTING))));

        NumberedPage<KnowledgeBaseInfo> page = knowledgeClient().bases()
            .page(KnowledgeBaseQuery.all()
                .withPage(2)
                .withLimit(50)
                .withKeyword("manuals & faq")
                .withIncludeAll(true)
                .withTagIds(List.of("b2c3d4e5-0000-4000-8000-000000000001", "b2c3d4e5-0000-4000-8000-000000000002")))
            .block(TIMEOUT);

        assertThat(queryStrings("/v1/datasets")).containsExactly("page=2&limit=50&keyword=manuals%20%26%20faq&include_all=true"
                + "&tag_ids=b2c3d4e5-0000-4000-8000-000000000001&tag_ids=b2c3d4e5-0000-4000-8000-000000000002");
        wireMock.verify(1, withDatasetKey(getRequestedFor(urlPathEqualTo("/v1/datasets"))));
        assertThat(page).isNotNull();
        assertThat(page.page()).isEqualTo(2);
        assertThat(page.limit()).isEqualTo(50);
        assertThat(page.total()).isEqualTo(52);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.data()).extracting(KnowledgeBaseInfo::name).containsExactly("Product manuals", "FAQ");
        KnowledgeBaseInfo faq = page.data().get(1);
        assertThat(faq.description()).isNull();
        assertThat(faq.authorName()).isNull();
        assertThat(faq.embeddingAvailable()).isFalse();
        assertThat(faq.docForm()).isEqualTo(DocForm.QA);
        assertThat(faq.permission()).isEqualTo(KnowledgePermission.ALL_TEAM_MEMBERS);
        assertThat(faq.retrievalModel().rerankingMode()).isEqualTo("weighted_score");
        assertThat(faq.retrievalModel().rerankingModel()).isEqualTo(new RerankingModel(null, null));
        assertThat(faq.retrievalModel().weights()).isEqualTo(new RetrievalWeights(null,
                new RetrievalWeights.VectorWeight(0.7, null, null), new RetrievalWeights.KeywordWeight(0.3)));
        assertThat(faq.externalRetrievalModel()).isEqualTo(new ExternalRetrievalModel(3, null, false));
        assertThat(faq.partialMemberList()).isEmpty();
    }

    @Test
    void pageOfAllSendsNoFilter() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/datasets")).willReturn(json(200, listPage(1, 20, 0, false))));

        NumberedPage<KnowledgeBaseInfo> page = knowledgeClient().bases().page(KnowledgeBaseQuery.all()).block(TIMEOUT);

        wireMock.verify(1, getRequestedFor(urlEqualTo("/v1/datasets?page=1")));
        assertThat(page).isNotNull();
        assertThat(page.data()).isEmpty();
    }

    @Test
    void listFetchesOnlyThePagesTakenAndStopsAtTheTotal() {
        wireMock.stubFor(get(urlEqualTo("/v1/datasets?page=1&limit=2")).willReturn(json(200, listPage(1, 2, 3, true,
                withId(FAQ_IN_LISTING, "kb-1"), withId(FAQ_IN_LISTING, "kb-2")))));
        wireMock.stubFor(get(urlEqualTo("/v1/datasets?page=2&limit=2")).willReturn(json(200, listPage(2, 2, 3, false,
                withId(FAQ_IN_LISTING, "kb-3")))));

        List<String> firstTwo = knowledgeClient().bases().list(KnowledgeBaseQuery.all().withLimit(2)).take(2)
            .map(KnowledgeBaseInfo::id).collectList().block(TIMEOUT);
        assertThat(firstTwo).containsExactly("kb-1", "kb-2");
        assertThat(queryStrings("/v1/datasets")).containsExactly("page=1&limit=2");

        wireMock.resetRequests();
        List<String> all = knowledgeClient().bases().list(KnowledgeBaseQuery.all().withLimit(2))
            .map(KnowledgeBaseInfo::id).collectList().block(TIMEOUT);
        assertThat(all).containsExactly("kb-1", "kb-2", "kb-3");
        assertThat(queryStrings("/v1/datasets")).containsExactly("page=1&limit=2", "page=2&limit=2");
    }

    @Test
    void listAsksForPagesOfAHundredWhenTheQueryNamesNoSize() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/datasets")).willReturn(json(200, listPage(1, 100, 1, false, FAQ_IN_LISTING))));

        assertThat(knowledgeClient().bases().list(KnowledgeBaseQuery.all()).count().block(TIMEOUT)).isEqualTo(1L);
        assertThat(queryStrings("/v1/datasets")).containsExactly("page=1&limit=100");
    }

    @Test
    void anAppKeyIsRefused() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/datasets")).willReturn(difyError(401, "unauthorized", "Access token is invalid")
            .withHeader("WWW-Authenticate", "Bearer realm=\"api\"")));

        DifyUnauthorizedException failure = knowledgeFailure(knowledgeClient().bases().page(KnowledgeBaseQuery.all()),
                DifyUnauthorizedException.class);

        assertThat(failure.getDifyMessage()).isEqualTo("Access token is invalid");
    }

    @Test
    void knowledgeBaseQueryKeepsPagesAndSizesDifyServes() {
        assertThatIllegalArgumentException().isThrownBy(() -> KnowledgeBaseQuery.all().withPage(0));
        assertThatIllegalArgumentException().isThrownBy(() -> KnowledgeBaseQuery.all().withLimit(101));
        assertThatIllegalArgumentException().isThrownBy(() -> KnowledgeBaseQuery.all().withLimit(0));
        assertThat(KnowledgeBaseQuery.all().withKeyword("  ").keyword()).isNull();
        assertThat(KnowledgeBaseQuery.all()).isEqualTo(new KnowledgeBaseQuery(1, null, null, false, List.of()));
        assertThat(KnowledgeBaseQuery.all().withIncludeAll(true).withIncludeAll(false)).isEqualTo(KnowledgeBaseQuery.all());
    }

    // ---- get

    @Test
    void getReadsEveryFieldOfTheKnowledgeBase() {
        wireMock.stubFor(get(urlEqualTo("/v1/datasets/" + KB_ID)).willReturn(json(200, MANUALS)));

        KnowledgeBaseInfo kb = knowledgeClient().base(KB_ID).get().block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo("/v1/datasets/" + KB_ID))));
        assertThat(kb).isNotNull();
        assertThat(kb.id()).isEqualTo(KB_ID);
        assertThat(kb.name()).isEqualTo("Product manuals");
        assertThat(kb.description()).isEqualTo("Manuals of every product we ship");
        assertThat(kb.provider()).isEqualTo("vendor");
        assertThat(kb.permission()).isEqualTo(KnowledgePermission.PARTIAL_MEMBERS);
        assertThat(kb.dataSourceType()).isEqualTo("upload_file");
        assertThat(kb.indexingTechnique()).isEqualTo(IndexingTechnique.HIGH_QUALITY);
        assertThat(kb.appCount()).isEqualTo(2);
        assertThat(kb.documentCount()).isEqualTo(3);
        assertThat(kb.wordCount()).isEqualTo(18342);
        assertThat(kb.createdBy()).isEqualTo(ACCOUNT);
        assertThat(kb.authorName()).isEqualTo("Ada Lovelace");
        assertThat(kb.createdAt()).isEqualTo(1764979200L);
        assertThat(kb.updatedBy()).isEqualTo(ACCOUNT);
        assertThat(kb.updatedAt()).isEqualTo(1764982800L);
        assertThat(kb.embeddingModel()).isEqualTo("text-embedding-3-small");
        assertThat(kb.embeddingModelProvider()).isEqualTo("langgenius/openai/openai");
        assertThat(kb.embeddingAvailable()).isTrue();
        assertThat(kb.retrievalModel()).isEqualTo(new RetrievalModel(SearchMethod.HYBRID, true,
                new RerankingModel("langgenius/cohere/cohere", "rerank-english-v3.0"), "reranking_model", null, 5, true, 0.35, null));
        assertThat(kb.summaryIndexSetting()).isEqualTo(new SummaryIndexSetting(true, "gpt-4o-mini", "langgenius/openai/openai", null));
        assertThat(kb.tags()).containsExactly(new KnowledgeTag("b2c3d4e5-0000-4000-8000-000000000001", "manuals", "knowledge", null));
        assertThat(kb.docForm()).isEqualTo(DocForm.TEXT);
        assertThat(kb.externalKnowledgeInfo()).isEqualTo(ExternalKnowledgeInfo.NONE);
        assertThat(kb.externalRetrievalModel()).isEqualTo(new ExternalRetrievalModel(5, 0.35, true));
        assertThat(kb.docMetadata()).hasSize(6);
        assertThat(kb.docMetadata().get(0)).isEqualTo(new MetadataField("9d8c7b6a-2222-4c3d-8e9f-0a1b2c3d4e5f", "product",
                MetadataType.STRING, null));
        assertThat(kb.docMetadata().get(0).isBuiltIn()).isFalse();
        assertThat(kb.docMetadata().subList(1, 6)).allMatch(MetadataField::isBuiltIn)
            .extracting(MetadataField::name)
            .containsExactly("document_name", "uploader", "upload_date", "last_update_date", "source");
        assertThat(kb.docMetadata().get(3).type()).isEqualTo(MetadataType.TIME);
        assertThat(kb.builtInFieldEnabled()).isTrue();
        assertThat(kb.pipelineId()).isNull();
        assertThat(kb.runtimeMode()).isEqualTo("general");
        assertThat(kb.chunkStructure()).isNull();
        assertThat(kb.iconInfo()).isEqualTo(new KnowledgeIcon("emoji", "📙", "#FFF4ED", null));
        assertThat(kb.published()).isFalse();
        assertThat(kb.totalDocuments()).isEqualTo(3);
        assertThat(kb.totalAvailableDocuments()).isEqualTo(2);
        assertThat(kb.enableApi()).isTrue();
        assertThat(kb.multimodal()).isFalse();
        assertThat(kb.partialMemberList()).containsExactly(ACCOUNT, "1a2b3c4d-3333-4e5f-8a9b-0c1d2e3f4a5b");
    }

    @Test
    void anUnknownKnowledgeBaseIsNotFound() {
        wireMock.stubFor(get(urlEqualTo("/v1/datasets/" + KB_ID)).willReturn(difyError(404, "not_found", "Dataset not found.")));

        DifyNotFoundException failure = knowledgeFailure(knowledgeClient().base(KB_ID).get(), DifyNotFoundException.class);

        assertThat(failure.getDifyMessage()).isEqualTo("Dataset not found.");
        assertThat(failure.getOperation()).isEqualTo("GET /datasets/{dataset_id}");
    }

    @Test
    void aKnowledgeBaseWithoutApiAccessIsForbidden() {
        wireMock.stubFor(get(urlEqualTo("/v1/datasets/" + KB_ID)).willReturn(difyError(403, "forbidden",
                "Dataset api access is not enabled.")));

        assertThat(knowledgeFailure(knowledgeClient().base(KB_ID).get(), DifyForbiddenException.class).getDifyMessage())
            .isEqualTo("Dataset api access is not enabled.");
    }

    // ---- update

    @Test
    void updateSendsOnlyTheSettingsChangedAndANullDescription() {
        wireMock.stubFor(patch(urlEqualTo("/v1/datasets/" + KB_ID)).willReturn(json(200, MANUALS
            .replace("\"name\": \"Product manuals\"", "\"name\": \"Manuals\"")
            .replace("\"description\": \"Manuals of every product we ship\"", "\"description\": null")
            .replace("\"embedding_available\": true", "\"embedding_available\": null"))));

        KnowledgeBaseInfo updated = knowledgeClient().base(KB_ID)
            .update(KnowledgeBaseUpdate.of().withName("Manuals").withDescription(null))
            .block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(patchRequestedFor(urlEqualTo("/v1/datasets/" + KB_ID)))
            .withRequestBody(equalToJson("{\"name\": \"Manuals\", \"description\": null}")));
        assertThat(updated).isNotNull();
        assertThat(updated.name()).isEqualTo("Manuals");
        assertThat(updated.description()).isNull();
        assertThat(updated.embeddingAvailable()).isNull();
        assertThat(updated.partialMemberList()).hasSize(2);
    }

    @Test
    void updateSendsEveryKindOfChange() {
        wireMock.stubFor(patch(urlEqualTo("/v1/datasets/" + KB_ID)).willReturn(json(200, MANUALS)));

        knowledgeClient().base(KB_ID)
            .update(KnowledgeBaseUpdate.of()
                .withIndexingTechnique(IndexingTechnique.HIGH_QUALITY)
                .withEmbeddingModel("langgenius/openai/openai", "text-embedding-3-large")
                .withRetrievalModel(RetrievalModel.of(SearchMethod.HYBRID, 4)
                    .withWeights(RetrievalWeights.of(0.7, "langgenius/openai/openai", "text-embedding-3-large", 0.3)))
                .withPartialMembers(List.of(ACCOUNT, "1a2b3c4d-3333-4e5f-8a9b-0c1d2e3f4a5b"))
                .withExternalRetrievalModel(ExternalRetrievalModel.of(3).withScoreThreshold(0.5))
                .withExternalKnowledge("e7d6c5b4-6666-4a3b-8c2d-1e0f9a8b7c6d", "kb-in-ragflow"))
            .block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(patchRequestedFor(urlEqualTo("/v1/datasets/" + KB_ID))).withRequestBody(equalToJson("""
                {"indexing_technique": "high_quality",
                 "embedding_model_provider": "langgenius/openai/openai", "embedding_model": "text-embedding-3-large",
                 "retrieval_model": {"search_method": "hybrid_search", "reranking_enable": false, "reranking_mode": "weighted_score",
                   "weights": {"weight_type": "customized",
                     "vector_setting": {"vector_weight": 0.7, "embedding_provider_name": "langgenius/openai/openai",
                       "embedding_model_name": "text-embedding-3-large"},
                     "keyword_setting": {"keyword_weight": 0.3}},
                   "top_k": 4, "score_threshold_enabled": false},
                 "permission": "partial_members",
                 "partial_member_list": [{"user_id": "0f6e7d8c-1111-4a2b-9c3d-5e6f7a8b9c0d"},
                   {"user_id": "1a2b3c4d-3333-4e5f-8a9b-0c1d2e3f4a5b"}],
                 "external_retrieval_model": {"top_k": 3, "score_threshold": 0.5, "score_threshold_enabled": true},
                 "external_knowledge_api_id": "e7d6c5b4-6666-4a3b-8c2d-1e0f9a8b7c6d", "external_knowledge_id": "kb-in-ragflow"}
                """)).withRequestBody(matchesRequestSchema("PATCH", "/datasets/{dataset_id}")));
    }

    @Test
    void renamingToANameInUseIsABadRequestNotAConflict() {
        wireMock.stubFor(patch(urlEqualTo("/v1/datasets/" + KB_ID)).willReturn(difyError(400, "invalid_param",
                "Dataset name already exists")));

        DifyBadRequestException failure = knowledgeFailure(knowledgeClient().base(KB_ID).update(KnowledgeBaseUpdate.of().withName("FAQ")),
                DifyBadRequestException.class);

        assertThat(failure.getCode()).isEqualTo("invalid_param");
        assertThat(failure.getDifyMessage()).isEqualTo("Dataset name already exists");
    }

    @Test
    void anUpdateIsAValueThatKeepsOnlyWhatWasSet() {
        KnowledgeBaseUpdate update = KnowledgeBaseUpdate.of().withName("A");

        assertThat(KnowledgeBaseUpdate.of().isEmpty()).isTrue();
        assertThat(update.toWire()).containsOnlyKeys("name");
        assertThat(update.withPermission(KnowledgePermission.ONLY_ME).toWire()).containsOnlyKeys("name", "permission");
        assertThat(update).isEqualTo(KnowledgeBaseUpdate.of().withName("A")).hasSameHashCodeAs(KnowledgeBaseUpdate.of().withName("A"));
        assertThat(update.toWire()).as("unchanged by the later with").containsOnlyKeys("name");
    }

    // ---- delete

    @Test
    void deleteSendsADeleteAndCompletesOnNoContent() {
        wireMock.stubFor(delete(urlEqualTo("/v1/datasets/" + KB_ID)).willReturn(noContent()));

        knowledgeClient().base(KB_ID).delete().block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(deleteRequestedFor(urlEqualTo("/v1/datasets/" + KB_ID))));
    }

    @Test
    void deletingAnUnknownKnowledgeBaseIsNotFound() {
        wireMock.stubFor(delete(urlEqualTo("/v1/datasets/" + KB_ID)).willReturn(difyError(404, "not_found", "Dataset not found.")));

        assertThat(knowledgeFailure(knowledgeClient().base(KB_ID).delete(), DifyNotFoundException.class).getOperation())
            .isEqualTo("DELETE /datasets/{dataset_id}");
    }
}
