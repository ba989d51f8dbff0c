package dev.dify.spring.client.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonSchema;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dify's OpenAPI description ({@code dify-api/openapi_service.json}) for operations of any method:
 * its response examples serve as stub bodies, its request schemas check what the client sends.
 */
public final class ServiceApiSpec {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final JsonNode SPEC = readSpec();

    private ServiceApiSpec() {
    }

    private static JsonNode readSpec() {
        try (InputStream in = ServiceApiSpec.class.getResourceAsStream("/dify-api/openapi_service.json")) {
            assertThat(in).as("the OpenAPI description").isNotNull();
            return MAPPER.readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A JSON response example of an operation.
     * @param method the HTTP method, such as {@code GET}
     * @param path the operation path, such as {@code /apps/annotations}
     * @param status the response status
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
     * A matcher that checks a JSON request body against the operation's request schema, its
     * {@code $ref}s resolved against the spec's components.
     * @param method the HTTP method
     * @param path the operation path
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
