package io.github.difyspring.client.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metadata values to give one document of a knowledge base
 * ({@link io.github.difyspring.client.KnowledgeMetadata#updateDocumentValues(java.util.List)}).
 * By default they <em>replace</em> the document's values: a field left out loses its value. With
 * {@link #partially()} only the fields given change.
 *
 * @param documentId the document
 * @param values the values
 * @param partialUpdate whether the fields left out keep their values (Dify's {@code partial_update})
 */
public record DocumentMetadataValues(String documentId, List<MetadataValue> values, boolean partialUpdate) {

    /** Checks the document and copies the values. */
    public DocumentMetadataValues {
        Objects.requireNonNull(documentId, "documentId");
        values = List.copyOf(Objects.requireNonNull(values, "values"));
    }

    /**
     * The values that replace all of a document's metadata values.
     * @param documentId the document
     * @param values the values; the fields left out lose theirs
     * @return the values
     */
    public static DocumentMetadataValues of(String documentId, MetadataValue... values) {
        return new DocumentMetadataValues(documentId, List.of(values), false);
    }

    /**
     * These values, changing only the fields they name: the others keep their values.
     * @return the changed values
     */
    public DocumentMetadataValues partially() {
        return new DocumentMetadataValues(this.documentId, this.values, true);
    }

    /**
     * The values in the form Dify takes (one entry of {@code operation_data}).
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("document_id", this.documentId);
        List<Map<String, Object>> list = new ArrayList<>(this.values.size());
        this.values.forEach((value) -> list.add(value.toWire()));
        wire.put("metadata_list", list);
        wire.put("partial_update", this.partialUpdate);
        return wire;
    }
}
