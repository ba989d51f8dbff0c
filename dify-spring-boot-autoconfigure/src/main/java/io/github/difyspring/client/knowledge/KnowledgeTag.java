package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A knowledge tag of the workspace: a label that groups knowledge bases, and filters their listing
 * ({@link KnowledgeBaseQuery#withTagIds(java.util.List)}). The tag listing and the tag operations
 * send all four fields; a knowledge base's {@code tags} send no {@code binding_count}, and its
 * bound tags ({@code GET /datasets/{dataset_id}/tags}) only {@code id} and {@code name}.
 *
 * @param id the tag's id
 * @param name the tag's name, 1 to 50 characters
 * @param type {@code knowledge} for a knowledge tag, or {@code null} when not sent
 * @param bindingCount how many knowledge bases carry the tag, as Dify sends it: <em>a string</em>
 * such as {@code "3"} (Dify 1.14.2 coerces it to a string), or {@code null} when not sent; see
 * {@link #bindingCountValue()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KnowledgeTag(String id, String name, @Nullable String type,
        @JsonProperty("binding_count") @Nullable String bindingCount) {

    /** Checks that the tag has an id and a name, which Dify always sends. */
    public KnowledgeTag {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /**
     * How many knowledge bases carry the tag, read from the string Dify sends.
     * @return the count; 0 when Dify sent none
     * @throws IllegalStateException when Dify sent something other than a whole number
     */
    public long bindingCountValue() {
        if (this.bindingCount == null || this.bindingCount.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(this.bindingCount.strip());
        }
        catch (NumberFormatException ex) {
            throw new IllegalStateException("Dify sent a binding count that is no whole number: '" + this.bindingCount + "'", ex);
        }
    }
}
