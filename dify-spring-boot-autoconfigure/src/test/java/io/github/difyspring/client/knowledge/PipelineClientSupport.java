package io.github.difyspring.client.knowledge;

import java.net.URI;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.KnowledgePipeline;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;

/**
 * Base of the knowledge pipeline tests: a knowledge client on the class's WireMock server, and the
 * ids the stubs use. The client's key is {@link #API_KEY}, so the shared checks (the bearer header,
 * the key found in no exception) apply as they are.
 */
abstract class PipelineClientSupport extends DifyClientTestSupport {

    static final String BASE_ID = "5b0c8e1a-3f2d-4c6b-9a7e-1d2f3a4b5c6d";

    static final String BASE_PATH = "/v1/datasets/" + BASE_ID + "/pipeline";

    static DifyKnowledgeClient knowledgeClient() {
        return new DifyKnowledgeClient(new DifyApp("knowledge", DifyAppType.KNOWLEDGE,
                URI.create("http://127.0.0.1:" + wireMock.getPort() + "/v1"), API_KEY, null).withOptions(FAST_RETRIES),
                WebClient.builder());
    }

    static KnowledgePipeline pipeline() {
        return knowledgeClient().base(BASE_ID).pipeline();
    }

    /** Dify's error body ({@code libs/external_api.py}): code, message, status. */
    static String errorBody(String code, String message, int status) {
        return "{\"code\": \"" + code + "\", \"message\": \"" + message + "\", \"status\": " + status + "}";
    }
}
