package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One of the metadata fields Dify fills in itself for every document once a knowledge base has its
 * built-in fields enabled: {@code document_name} and {@code uploader} (string),
 * {@code upload_date} and {@code last_update_date} (time), {@code source} (string).
 *
 * @param name the field's name
 * @param type its type
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BuiltInMetadataField(String name, MetadataType type) {

    /** Checks that the field has a name and a type. */
    public BuiltInMetadataField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
