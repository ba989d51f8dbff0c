package io.github.difyspring.client.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A file attached to a chunk, such as an image retrieval returns with it.
 *
 * @param id the uploaded file's id
 * @param name its name
 * @param size its size in bytes
 * @param extension its extension, such as {@code png}
 * @param mimeType its content type
 * @param sourceUrl a signed URL to fetch it from, valid for a limited time
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChunkAttachment(
        String id,
        @Nullable String name,
        @Nullable Long size,
        @Nullable String extension,
        @JsonProperty("mime_type") @Nullable String mimeType,
        @JsonProperty("source_url") @Nullable String sourceUrl) {
}
