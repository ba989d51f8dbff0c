package io.github.difyspring.client.knowledge;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.difyspring.client.internal.WireValues;

/**
 * A knowledge base's own metadata fields, each with the number of documents that use it, and
 * whether its built-in fields are enabled ({@code GET /datasets/{dataset_id}/metadata}).
 *
 * @param fields the knowledge base's own fields (Dify's {@code doc_metadata}); the built-in fields
 * are not among them
 * @param builtInFieldEnabled whether the built-in fields are enabled
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetadataFieldList(@JsonProperty("doc_metadata") List<MetadataField> fields,
        @JsonProperty("built_in_field_enabled") boolean builtInFieldEnabled) {

    /** Copies the fields, reads {@code null} as none and drops {@code null} entries. */
    public MetadataFieldList {
        fields = WireValues.list(fields);
    }
}
