package io.github.difyspring.client.knowledge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Copies of the collections the knowledge values hold: {@code null} read as empty, {@code null}
 * list items dropped, map values kept as Dify sent them (which may be {@code null}).
 */
final class DocumentCollections {

    private DocumentCollections() {
    }

    static <T> List<T> copy(@Nullable List<T> list) {
        return (list != null) ? list.stream().filter(Objects::nonNull).toList() : List.of();
    }

    static Map<String, Object> copy(@Nullable Map<String, Object> map) {
        // Map.copyOf refuses null values, which Dify's JSON objects may hold.
        return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : Map.of();
    }
}
