package io.github.difyspring.client.internal;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * Dify's error body for non-2xx answers: {@code {"code", "message", "status", "params"}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ErrorBody(@Nullable String code, @Nullable String message, @Nullable Integer status,
        @Nullable Object params, @Nullable String error) {

    /**
     * Dify's message: {@code message}, or {@code error} where Dify answers {@code {"error": "..."}}
     * instead of its usual body (creating chunks with an invalid body does, in
     * {@code api/controllers/service_api/dataset/segment.py} of Dify 1.14.2).
     */
    @Nullable String messageOrError() {
        return (this.message != null) ? this.message : this.error;
    }

    Map<String, Object> paramsAsMap() {
        if (this.params instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            return typed;
        }
        return (this.params != null) ? Map.of("params", this.params) : Map.of();
    }
}
