package io.github.difyspring.client.internal;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Dify's JSON into the wire records (and writes them back, where the client assembles an
 * answer Dify itself never sends whole) with a mapper of the library's own, so every answer and
 * event decodes the same whatever the application's Jackson mapper is set to do: a naming
 * strategy, failing on unknown properties, no scalar coercion, or Jackson 2 codecs in place of
 * Jackson 3. The application's mapper is neither used nor changed; request bodies still go out
 * through the WebClient's own encoder, so values the caller puts in {@code inputs} are written the
 * application's way.
 *
 * <p>The mapper is lenient where Dify is loose: unknown fields are ignored (Dify adds fields with
 * every release), {@code null} for a primitive reads as its default, and a number sent as a string
 * (prices) or a float sent for an integer still reads.
 */
public final class DifyJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
        .build();

    private static final Map<Type, ObjectReader> READERS = new ConcurrentHashMap<>();

    private DifyJson() {
    }

    /**
     * Reads JSON text into a type.
     * @param <T> the type
     * @param json the JSON text
     * @param type the type, a class or a generic type
     * @return the value
     * @throws IllegalArgumentException when the JSON is {@code null} or malformed
     * @throws tools.jackson.core.JacksonException when it does not fit the type
     */
    static <T> T read(String json, Type type) {
        T value = reader(type).readValue(json);
        if (value == null) {
            throw new IllegalArgumentException("JSON decoded to null");
        }
        return value;
    }

    /**
     * Reads JSON bytes (UTF-8) into a type.
     * @param <T> the type
     * @param json the JSON bytes
     * @param type the type, a class or a generic type
     * @return the value
     * @throws IllegalArgumentException when the JSON is {@code null}
     * @throws tools.jackson.core.JacksonException when it is malformed or does not fit the type
     */
    static <T> T read(byte[] json, Type type) {
        T value = reader(type).readValue(json);
        if (value == null) {
            throw new IllegalArgumentException("JSON decoded to null");
        }
        return value;
    }

    /**
     * Writes a wire record as Dify writes it, with the record's own property names and every field,
     * nulls included.
     * @param value the value
     * @return its JSON text
     */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    private static ObjectReader reader(Type type) {
        return READERS.computeIfAbsent(type, (key) -> {
            JavaType javaType = MAPPER.getTypeFactory().constructType(key);
            return MAPPER.readerFor(javaType);
        });
    }
}
