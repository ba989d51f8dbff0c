package dev.dify.spring.client;

import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonSchema;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dify's OpenAPI description ({@code dify-api/openapi_service.json}), the contract of record: its
 * response examples serve as stub bodies and its request schemas check what the clients send.
 */
public final class OpenApiContract {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final JsonNode SPEC = MAPPER.readTree(DifyClientTestSupport.resource("/dify-api/openapi_service.json"));

    private OpenApiContract() {
    }

    /**
     * A JSON response example of a POST operation.
     * @param path the operation path, such as {@code /chat-messages}
     * @param status the response status, such as {@code 200}
     * @param example the example's name
     * @return the example's JSON text
     */
    public static String responseExample(String path, int status, String example) {
        JsonNode value = operation(path).at("/responses/" + status + "/content/application~1json/examples/" + example + "/value");
        assertThat(value.isMissingNode()).as("example %s of POST %s %s", example, path, status).isFalse();
        return MAPPER.writeValueAsString(value);
    }

    /**
     * A matcher for request bodies that checks them against the JSON request schema of a POST
     * operation, its {@code $ref}s resolved against the spec's components.
     * @param path the operation path, such as {@code /chat-messages/{task_id}/stop}
     * @return the matcher
     */
    public static StringValuePattern matchesRequestSchema(String path) {
        JsonNode schema = operation(path).at("/requestBody/content/application~1json/schema");
        assertThat(schema.isMissingNode()).as("request schema of POST %s", path).isFalse();
        ObjectNode root = ((ObjectNode) schema).deepCopy();
        ObjectNode components = root.putObject("components");
        components.set("schemas", SPEC.at("/components/schemas"));
        return matchingJsonSchema(MAPPER.writeValueAsString(root));
    }

    private static JsonNode operation(String path) {
        JsonNode operation = SPEC.at("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/post");
        assertThat(operation.isMissingNode()).as("POST %s in the spec", path).isFalse();
        return operation;
    }
}
