package io.github.difyspring.client.internal;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * Dify's error body for non-2xx answers: {@code {"code", "message", "status", "params"}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ErrorBody(@Nullable String code, @Nullable String message, @Nullable Integer status,
        @Nullable Object params) {

    Map<String, Object> paramsAsMap() {
        if (this.params instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            return typed;
        }
        return (this.params != null) ? Map.of("params", this.params) : Map.of();
    }
}
