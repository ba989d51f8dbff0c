package io.github.difyspring.client.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON object that some Dify versions send as an object and others as JSON text inside a
 * string (the {@code inputs} of a workflow run detail). The text is parsed with the same
 * deserialization context, so the application's Jackson configuration applies to it too. Text
 * that is not a JSON object fails the decoding rather than being dropped.
 */
final class JsonObjectOrText extends ValueDeserializer<Map<String, Object>> {

    @Override
    public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) {
        JavaType mapType = context.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return context.readValue(parser, mapType);
        }
        String text = parser.getString();
        if (text.isBlank()) {
            return Map.of();
        }
        try (JsonParser nested = context.createParser(text)) {
            JsonToken first = nested.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                return Map.of();
            }
            if (first != JsonToken.START_OBJECT) {
                return context.reportInputMismatch(Map.class, "expected a JSON object or JSON text of one, got text starting with " + first);
            }
            Map<String, Object> value = context.readValue(nested, mapType);
            return Collections.unmodifiableMap(value);
        }
    }

    @Override
    public Map<String, Object> getNullValue(DeserializationContext context) {
        return Map.of();
    }
}
