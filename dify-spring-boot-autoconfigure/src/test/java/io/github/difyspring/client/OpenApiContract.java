package io.github.difyspring.client;

import java.util.Locale;

import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonSchema;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dify's OpenAPI description ({@code dify-api/openapi_service.json}), the contract of record, for
 * operations of any method: its response examples serve as stub bodies, its request examples and
 * schemas check what the clients send.
 */
public final class OpenApiContract {

    /** Where the description is on the test class path. */
    public static final String RESOURCE = "/dify-api/openapi_service.json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final JsonNode SPEC = MAPPER.readTree(DifyClientTestSupport.resource(RESOURCE));

    private OpenApiContract() {
    }

    /**
     * The whole description as a JSON tree.
     * @return a copy of the tree, which the caller may keep and change
     */
    public static JsonNode spec() {
        return SPEC.deepCopy();
    }

    /**
     * A JSON response example of an operation.
     * @param method the HTTP method, such as {@code GET}
     * @param path the operation path, such as {@code /apps/annotations}
     * @param status the response status, such as {@code 200}
     * @param example the example's name
     * @return the example's JSON text
     */
    public static String responseExample(String method, String path, int status, String example) {
        JsonNode value = operation(method, path)
            .at("/responses/" + status + "/content/application~1json/examples/" + example + "/value");
        assertThat(value.isMissingNode()).as("example %s of %s %s %s", example, method, path, status).isFalse();
        return MAPPER.writeValueAsString(value);
    }

    /**
     * A JSON request example of an operation.
     * @param method the HTTP method, such as {@code POST}
     * @param path the operation path, such as {@code /form/human_input/{form_token}}
     * @param example the example's name
     * @return the example's JSON text
     */
    public static String requestExample(String method, String path, String example) {
        JsonNode value = operation(method, path).at("/requestBody/content/application~1json/examples/" + example + "/value");
        assertThat(value.isMissingNode()).as("request example %s of %s %s", example, method, path).isFalse();
        return MAPPER.writeValueAsString(value);
    }

    /**
     * A matcher for request bodies that checks them against the JSON request schema of an
     * operation, its {@code $ref}s resolved against the spec's components.
     * @param method the HTTP method, such as {@code POST}
     * @param path the operation path, such as {@code /chat-messages/{task_id}/stop}
     * @return the matcher
     */
    public static StringValuePattern matchesRequestSchema(String method, String path) {
        JsonNode schema = operation(method, path).at("/requestBody/content/application~1json/schema");
        assertThat(schema.isMissingNode()).as("request schema of %s %s", method, path).isFalse();
        ObjectNode root = ((ObjectNode) schema).deepCopy();
        root.putObject("components").set("schemas", SPEC.at("/components/schemas"));
        return matchingJsonSchema(MAPPER.writeValueAsString(root));
    }

    private static JsonNode operation(String method, String path) {
        JsonNode operation = SPEC.at("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/"
                + method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("%s %s in the spec", method, path).isFalse();
        return operation;
    }
}
