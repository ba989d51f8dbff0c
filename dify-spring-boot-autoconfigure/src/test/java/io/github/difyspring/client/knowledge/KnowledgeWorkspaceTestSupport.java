package io.github.difyspring.client.knowledge;

import java.net.URI;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.reactivestreams.Publisher;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base class of the WireMock tests of the workspace-level knowledge operations (knowledge bases,
 * retrieval, tags, metadata, models): a {@link DifyKnowledgeClient} with a knowledge base API key,
 * the checks that every request carries that key, and Dify's error bodies.
 */
abstract class KnowledgeWorkspaceTestSupport extends DifyClientTestSupport {

    /** A knowledge base key distinctive enough that finding it in a message can only mean it leaked. */
    static final String DATASET_KEY = "dataset-K3yKn0wl3dgeW0rkspace";

    static final String KB_ID = "6c1f7d2e-3b4a-4f5e-9a8b-7c6d5e4f3a2b";

    static DifyKnowledgeClient knowledgeClient() {
        return new DifyKnowledgeClient(new DifyApp("knowledge", DifyAppType.KNOWLEDGE,
                URI.create("http://127.0.0.1:" + wireMock.getPort() + "/v1"), DATASET_KEY, null).withOptions(FAST_RETRIES),
                WebClient.builder());
    }

    /**
     * Requires a request to carry the knowledge base key as bearer token.
     * @param request the pattern to refine
     * @return the pattern
     */
    static RequestPatternBuilder withDatasetKey(RequestPatternBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + DATASET_KEY));
    }

    /**
     * Requires a request to carry the knowledge base key and a JSON body.
     * @param request the pattern to refine
     * @return the pattern
     */
    static RequestPatternBuilder withDatasetKeyAndJson(RequestPatternBuilder request) {
        return withDatasetKey(request).withHeader("Content-Type", equalTo("application/json"));
    }

    /**
     * Dify's error body ({@code api/libs/external_api.py}): {@code {code, message, status}}.
     * @param status the HTTP status
     * @param code Dify's error code
     * @param message its message
     * @return the answer
     */
    static ResponseDefinitionBuilder difyError(int status, String code, String message) {
        return json(status, "{\"code\": \"" + code + "\", \"message\": \"" + message + "\", \"status\": " + status + "}");
    }

    /** Dify's answer to a DELETE or a tag binding: 204 with no body. */
    static ResponseDefinitionBuilder noContent() {
        return aResponse().withStatus(204);
    }

    /**
     * Runs a call that must fail, checks the failure's type and that neither key appears in it.
     * @param <T> the expected type
     * @param call the call
     * @param expected the expected type
     * @return the failure
     */
    static <T extends Throwable> T knowledgeFailure(Publisher<?> call, Class<T> expected) {
        T failure = failure(call, expected);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(DATASET_KEY);
            assertThat(t.toString()).doesNotContain(DATASET_KEY);
        }
        return failure;
    }
}
