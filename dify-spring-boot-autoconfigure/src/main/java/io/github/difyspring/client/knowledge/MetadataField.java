package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A metadata field of a knowledge base's documents, such as {@code author} or {@code year}.
 *
 * @param id the field's id; {@code built-in} for the built-in fields a knowledge base's
 * {@code doc_metadata} lists while they are enabled
 * @param name the field's name
 * @param type its type
 * @param count how many documents have a value for it, in the metadata listing
 * ({@link io.github.difyspring.client.KnowledgeMetadata#list()}); {@code null} elsewhere
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetadataField(String id, String name, MetadataType type, @Nullable Integer count) {

    /** The id Dify gives the built-in fields in a knowledge base's {@code doc_metadata}. */
    public static final String BUILT_IN_ID = "built-in";

    /** Checks that the field has an id, a name and a type, which Dify always sends. */
    public MetadataField {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Whether this is one of Dify's built-in fields ({@code document_name}, {@code uploader},
     * {@code upload_date}, {@code last_update_date}, {@code source}) rather than one of the
     * knowledge base's own.
     * @return whether its id is {@code built-in}
     */
    public boolean isBuiltIn() {
        return BUILT_IN_ID.equals(this.id);
    }
}
