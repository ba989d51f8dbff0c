package io.github.difyspring.client.internal;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;

import io.github.difyspring.client.error.DifyDecodingException;

/**
 * Reads the JSON answer of a successful blocking call, and refuses anything that is not one: only a
 * 200 or 201 answer in a JSON content type with a body is an answer. A 202 (queued by something in
 * between, not answered), an empty body or a proxy's HTML page with status 200 is a
 * {@link DifyDecodingException} that quotes what came, never an empty success.
 */
final class JsonAnswers {

    private final String appName;

    JsonAnswers(String appName) {
        this.appName = appName;
    }

    /**
     * The JSON bytes (UTF-8, as Dify sends them) of a successful answer.
     * @param response the answer, with a success status
     * @param operation the request, for the error
     * @return the bytes, or a {@link DifyDecodingException}
     */
    Mono<byte[]> body(ClientResponse response, String operation) {
        int status = response.statusCode().value();
        MediaType contentType = response.headers().contentType().orElse(null);
        boolean json = contentType != null && isJson(contentType);
        return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
            if ((status == 200 || status == 201) && json && !isBlank(bytes)) {
                return Mono.just(bytes);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return Mono.error(new DifyDecodingException(this.appName, "Dify app '" + this.appName + "': " + operation
                    + " answered HTTP " + status + ((contentType != null) ? " with content type " + contentType : " without a content type")
                    + (text.isBlank() ? " and an empty body" : ": " + ErrorMapping.shorten(text, 300)) + ", not a JSON answer", null, null));
        });
    }

    /**
     * Decodes an answer's JSON into its type with the library's own mapper; a {@code String} type
     * gets the JSON text as received.
     * @param json the answer's bytes
     * @param type the answer type
     * @param operation the request, for the error
     * @return the answer
     * @throws DifyDecodingException when the JSON does not fit the type
     */
    @SuppressWarnings("unchecked")
    <T> T decode(byte[] json, Type type, String operation) {
        if (type == String.class) {
            return (T) new String(json, StandardCharsets.UTF_8);
        }
        try {
            return DifyJson.read(json, type);
        }
        catch (RuntimeException ex) {
            throw new DifyDecodingException(this.appName, "Dify app '" + this.appName + "': " + operation
                    + " answered a body that does not fit " + type.getTypeName() + ": " + ex.getMessage(), null, ex);
        }
    }

    static boolean isJson(MediaType contentType) {
        return MediaType.APPLICATION_JSON.isCompatibleWith(contentType) || contentType.getSubtype().endsWith("+json");
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
