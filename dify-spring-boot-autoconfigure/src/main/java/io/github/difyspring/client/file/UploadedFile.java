package io.github.difyspring.client.file;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.core.DifyFileType;

/**
 * A file uploaded to Dify ({@code POST /files/upload}). It belongs to the end user who uploaded it:
 * only requests from the same user can use it, through {@link #toDifyFile(DifyFileType)}.
 *
 * @param id the file's id, to reference it in later requests
 * @param name the file name
 * @param size the size in bytes
 * @param extension the file name's extension, such as {@code png}
 * @param mimeType the content type Dify recorded
 * @param createdBy the end user who uploaded it (Dify's id; see {@code endUser(String)})
 * @param createdAt when it was uploaded, in epoch seconds
 * @param previewUrl a preview URL, when Dify gives one
 * @param sourceUrl a signed URL to download the file
 * @param originalUrl the original URL of the file, when it came from one
 * @param tenantId the workspace
 * @param conversationId the conversation the file is attached to, when it is
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadedFile(
        @Nullable String id,
        @Nullable String name,
        @Nullable Long size,
        @Nullable String extension,
        @JsonProperty("mime_type") @Nullable String mimeType,
        @JsonProperty("created_by") @Nullable String createdBy,
        @JsonProperty("created_at") @Nullable Long createdAt,
        @JsonProperty("preview_url") @Nullable String previewUrl,
        @JsonProperty("source_url") @Nullable String sourceUrl,
        @JsonProperty("original_url") @Nullable String originalUrl,
        @JsonProperty("tenant_id") @Nullable String tenantId,
        @JsonProperty("conversation_id") @Nullable String conversationId) {

    /**
     * This file as an input of a message or a workflow run.
     * @param type the file's type, as the app's input expects it
     * @return the input file
     * @throws IllegalStateException when Dify's answer carried no id
     */
    public DifyFile toDifyFile(DifyFileType type) {
        if (this.id == null) {
            throw new IllegalStateException("The uploaded file '" + this.name + "' has no id");
        }
        return DifyFile.uploaded(type, this.id);
    }
}
