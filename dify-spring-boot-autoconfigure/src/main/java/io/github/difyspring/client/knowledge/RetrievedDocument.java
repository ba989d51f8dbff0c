package io.github.difyspring.client.knowledge;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * The document a retrieved chunk belongs to ({@code HitTestingDocument}).
 *
 * @param id the document's id
 * @param dataSourceType where it came from, such as {@code upload_file}
 * @param name its name
 * @param docType its type, such as {@code book} or {@code web_page}, or {@code null}
 * @param metadata its metadata values by field name (numbers, strings or {@code null}; the
 * built-in times are strings of epoch seconds); empty when it has none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievedDocument(String id, @JsonProperty("data_source_type") @Nullable String dataSourceType, String name,
        @JsonProperty("doc_type") @Nullable String docType, @JsonProperty("doc_metadata") Map<String, @Nullable Object> metadata) {

    /** Checks the id and name, and copies the metadata, reading {@code null} as none. */
    public RetrievedDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        metadata = WireValues.object(metadata);
    }
}
