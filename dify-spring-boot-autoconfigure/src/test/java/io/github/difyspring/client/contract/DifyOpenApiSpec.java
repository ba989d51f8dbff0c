package io.github.difyspring.client.contract;

import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.difyspring.client.OpenApiContract;

/**
 * Dify's official OpenAPI description of the Service API (copied from the shared reference
 * material into the test resources), as a request validator and a source of response examples.
 */
final class DifyOpenApiSpec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode spec = OpenApiContract.spec();

    private final OpenApiInteractionValidator validator;

    DifyOpenApiSpec() {
        URL url = DifyOpenApiSpec.class.getResource(OpenApiContract.RESOURCE);
        // The spec's server URL is a template (https://{api_base_url}); its paths sit under /v1.
        this.validator = OpenApiInteractionValidator.createForSpecificationUrl(url.toString())
            .withBasePathOverride("/v1")
            .build();
    }

    /**
     * Validates one request a client sent, as WireMock recorded it.
     */
    ValidationReport validate(LoggedRequest request) {
        String url = request.getUrl();
        int query = url.indexOf('?');
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.getMethod().getName(),
                (query >= 0) ? url.substring(0, query) : url);
        request.getQueryParams().forEach((name, parameter) -> builder.withQueryParam(name, parameter.values()));
        for (HttpHeader header : request.getHeaders().all()) {
            builder.withHeader(header.key(), header.values());
        }
        if (request.getBody() != null && request.getBody().length > 0) {
            builder.withBody(request.getBodyAsString());
        }
        return this.validator.validateRequest(builder.build());
    }

    /**
     * Every operation of the spec, the Knowledge API's included: operation id to method and path.
     */
    Map<String, String> operations() {
        Map<String, String> operations = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> path : this.spec.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (operation.getValue().has("operationId")) {
                    operations.put(operation.getValue().get("operationId").asString(),
                            operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /**
     * The JSON response examples of an operation.
     */
    List<Example> jsonExamples(String operationId) {
        List<Example> examples = new ArrayList<>();
        JsonNode operation = operation(operationId);
        for (Map.Entry<String, JsonNode> response : operation.get("responses").properties()) {
            JsonNode json = response.getValue().path("content").path("application/json");
            Iterator<Map.Entry<String, JsonNode>> named = json.path("examples").properties().iterator();
            while (named.hasNext()) {
                Map.Entry<String, JsonNode> example = named.next();
                examples.add(new Example(Integer.parseInt(response.getKey()), example.getKey(),
                        JSON.writeValueAsString(example.getValue().get("value"))));
            }
            if (json.has("example")) {
                examples.add(new Example(Integer.parseInt(response.getKey()), "example", JSON.writeValueAsString(json.get("example"))));
            }
        }
        return examples;
    }

    private JsonNode operation(String operationId) {
        for (JsonNode path : this.spec.get("paths")) {
            for (JsonNode operation : path) {
                if (operationId.equals(operation.path("operationId").asString(null))) {
                    return operation;
                }
            }
        }
        throw new IllegalArgumentException("No operation " + operationId + " in the spec");
    }

    /**
     * A response example: its status, name and JSON text.
     */
    record Example(int status, String name, String json) {

        boolean isSuccess() {
            return this.status >= 200 && this.status < 300;
        }
    }
}
