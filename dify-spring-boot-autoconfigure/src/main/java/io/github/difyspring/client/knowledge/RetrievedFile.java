package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An image attached to a retrieved chunk.
 *
 * @param id the file's id
 * @param name its name
 * @param size its size in bytes
 * @param extension its extension, such as {@code png}
 * @param mimeType its media type, or {@code null}
 * @param sourceUrl a signed URL to fetch it from Dify (it expires)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievedFile(String id, String name, long size, @Nullable String extension,
        @JsonProperty("mime_type") @Nullable String mimeType, @JsonProperty("source_url") @Nullable String sourceUrl) {

    /** Checks the id and the name. */
    public RetrievedFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
