package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.error.DifyBadRequestException;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workspace's models of one type ({@code GET /workspaces/current/models/model-types/{model_type}}),
 * which takes a knowledge base key. The answers are written as Dify 1.14.2 (ad96501e) produces
 * them: {@code api/controllers/service_api/workspace/models.py} ({@code jsonable_encoder({"data": ...})}),
 * {@code api/services/entities/model_provider_entities.py} ({@code ProviderWithModelsResponse},
 * whose icons become console API URLs), {@code api/core/entities/model_entities.py}
 * ({@code ProviderModelWithStatusEntity}) and the {@code ProviderModel} of Dify's model runtime
 * ({@code api/core/model_runtime/entities/model_entities.py} at langgenius/dify 04a81688, the same
 * shape 1.14.2 imports from {@code graphon}).
 */
class KnowledgeModelsTest extends KnowledgeWorkspaceTestSupport {

    private static final String TENANT = "3e4f5a6b-eeee-4c7d-8e9f-0a1b2c3d4e5f";

    @Test
    void ofTypeAsksForTheTypeAndReadsProvidersWithTheirModels() {
        wireMock.stubFor(get(urlEqualTo("/v1/workspaces/current/models/model-types/text-embedding")).willReturn(json(200, """
                {"data": [
                  {"tenant_id": "3e4f5a6b-eeee-4c7d-8e9f-0a1b2c3d4e5f", "provider": "langgenius/openai/openai",
                   "label": {"zh_Hans": "OpenAI", "en_US": "OpenAI"},
                   "icon_small": {"zh_Hans": "http://localhost/console/api/workspaces/3e4f5a6b-eeee-4c7d-8e9f-0a1b2c3d4e5f/model-providers/langgenius/openai/openai/icon_small/zh_Hans",
                                  "en_US": "http://localhost/console/api/workspaces/3e4f5a6b-eeee-4c7d-8e9f-0a1b2c3d4e5f/model-providers/langgenius/openai/openai/icon_small/en_US"},
                   "icon_small_dark": null, "status": "active",
                   "models": [
                     {"model": "text-embedding-3-small", "label": {"zh_Hans": "text-embedding-3-small", "en_US": "text-embedding-3-small"},
                      "model_type": "text-embedding", "features": null, "fetch_from": "predefined-model",
                      "model_properties": {"context_size": 8191, "max_chunks": 32}, "deprecated": false, "status": "active",
                      "load_balancing_enabled": false, "has_invalid_load_balancing_configs": false},
                     {"model": "text-embedding-3-large", "label": {"zh_Hans": "text-embedding-3-large", "en_US": "text-embedding-3-large"},
                      "model_type": "text-embedding", "features": ["vision"], "fetch_from": "customizable-model",
                      "model_properties": {"context_size": 8191}, "deprecated": false, "status": "active",
                      "load_balancing_enabled": true, "has_invalid_load_balancing_configs": true}]},
                  {"tenant_id": "3e4f5a6b-eeee-4c7d-8e9f-0a1b2c3d4e5f", "provider": "langgenius/ollama/ollama",
                   "label": {"zh_Hans": "Ollama", "en_US": "Ollama"}, "icon_small": null, "icon_small_dark": null,
                   "status": "active",
                   "models": [{"model": "nomic-embed-text", "label": {"zh_Hans": "nomic-embed-text", "en_US": "nomic-embed-text"},
                      "model_type": "text-embedding", "features": null, "fetch_from": "customizable-model",
                      "model_properties": {"context_size": 8192}, "deprecated": false, "status": "active",
                      "load_balancing_enabled": false, "has_invalid_load_balancing_configs": false}]}]}
                """)));

        List<ModelProvider> providers = knowledgeClient().models().ofType(ModelType.TEXT_EMBEDDING).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo("/v1/workspaces/current/models/model-types/text-embedding"))));
        assertThat(providers).hasSize(2);
        ModelProvider openai = providers.get(0);
        assertThat(openai.tenantId()).isEqualTo(TENANT);
        assertThat(openai.provider()).isEqualTo("langgenius/openai/openai");
        assertThat(openai.label()).isEqualTo(new LocalizedText("OpenAI", "OpenAI"));
        assertThat(openai.iconSmall()).isNotNull();
        assertThat(openai.iconSmall().enUs()).endsWith("/model-providers/langgenius/openai/openai/icon_small/en_US");
        assertThat(openai.iconSmall().zhHans()).endsWith("/icon_small/zh_Hans");
        assertThat(openai.iconSmallDark()).isNull();
        assertThat(openai.status()).isEqualTo("active");
        assertThat(openai.models()).hasSize(2);
        ProviderModel small = openai.models().get(0);
        assertThat(small).isEqualTo(new ProviderModel("text-embedding-3-small", new LocalizedText("text-embedding-3-small",
                "text-embedding-3-small"), ModelType.TEXT_EMBEDDING, List.of(), "predefined-model",
                Map.of("context_size", 8191, "max_chunks", 32), false, "active", false, false));
        ProviderModel large = openai.models().get(1);
        assertThat(large.features()).containsExactly("vision");
        assertThat(large.fetchFrom()).isEqualTo("customizable-model");
        assertThat(large.loadBalancingEnabled()).isTrue();
        assertThat(large.hasInvalidLoadBalancingConfigs()).isTrue();
        ModelProvider ollama = providers.get(1);
        assertThat(ollama.iconSmall()).isNull();
        assertThat(ollama.label().text()).isEqualTo("Ollama");
        assertThat(ollama.models()).extracting(ProviderModel::model).containsExactly("nomic-embed-text");
    }

    @Test
    void everyModelTypeIsSentAsDifyNamesIt() {
        wireMock.stubFor(get(urlEqualTo("/v1/workspaces/current/models/model-types/rerank")).willReturn(json(200, "{\"data\": []}")));
        wireMock.stubFor(get(urlEqualTo("/v1/workspaces/current/models/model-types/speech2text")).willReturn(json(200, "{\"data\": []}")));

        assertThat(knowledgeClient().models().ofType(ModelType.RERANK).block(TIMEOUT)).isEmpty();
        assertThat(knowledgeClient().models().ofType(ModelType.SPEECH_TO_TEXT).block(TIMEOUT)).isEmpty();

        wireMock.verify(1, getRequestedFor(urlEqualTo("/v1/workspaces/current/models/model-types/rerank")));
        wireMock.verify(1, getRequestedFor(urlEqualTo("/v1/workspaces/current/models/model-types/speech2text")));
        assertThat(List.of(ModelType.LLM, ModelType.TEXT_EMBEDDING, ModelType.RERANK, ModelType.SPEECH_TO_TEXT, ModelType.MODERATION,
                ModelType.TTS)).extracting(ModelType::value)
            .containsExactly("llm", "text-embedding", "rerank", "speech2text", "moderation", "tts");
    }

    @Test
    void aTypeDifyDoesNotKnowIsABadRequest() {
        wireMock.stubFor(get(urlEqualTo("/v1/workspaces/current/models/model-types/vision"))
            .willReturn(difyError(400, "invalid_param", "'vision' is not a valid ModelType")));

        DifyBadRequestException failure = knowledgeFailure(knowledgeClient().models().ofType(new ModelType("vision")),
                DifyBadRequestException.class);

        assertThat(failure.getDifyMessage()).isEqualTo("'vision' is not a valid ModelType");
        assertThat(failure.getOperation()).isEqualTo("GET /workspaces/current/models/model-types/{model_type}");
    }

    @Test
    void aModelTypeDifyAddsLaterStillDecodes() {
        wireMock.stubFor(get(urlEqualTo("/v1/workspaces/current/models/model-types/llm")).willReturn(json(200, """
                {"data": [{"tenant_id": "3e4f5a6b-eeee-4c7d-8e9f-0a1b2c3d4e5f", "provider": "acme/acme/acme",
                  "label": {"zh_Hans": "Acme", "en_US": "Acme"}, "icon_small": null, "icon_small_dark": null, "status": "active",
                  "models": [{"model": "m", "label": {"zh_Hans": "m", "en_US": "m"}, "model_type": "video-generation", "features": null,
                    "fetch_from": "predefined-model", "model_properties": {}, "deprecated": false, "status": "active",
                    "load_balancing_enabled": false, "has_invalid_load_balancing_configs": false}]}]}
                """)));

        ModelProvider acme = knowledgeClient().models().ofType(ModelType.LLM).block(TIMEOUT).get(0);

        assertThat(acme.provider()).isEqualTo("acme/acme/acme");
        assertThat(acme.models().get(0).modelType()).isEqualTo(new ModelType("video-generation"));
        assertThat(acme.models().get(0).features()).isEmpty();
    }
}
