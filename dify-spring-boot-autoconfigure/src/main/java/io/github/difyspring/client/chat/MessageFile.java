package io.github.difyspring.client.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A file attached to a message of the history, by the user or by the assistant.
 *
 * @param id the file id
 * @param filename the original file name
 * @param type the file type, such as {@code image}
 * @param url a URL to preview the file
 * @param mimeType the MIME type
 * @param size the size in bytes
 * @param transferMethod how the file came: {@code remote_url}, {@code local_file} or {@code tool_file}
 * @param belongsTo who the file belongs to: {@code user} or {@code assistant}
 * @param uploadFileId the upload id, for a {@code local_file}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageFile(
        @Nullable String id,
        @Nullable String filename,
        @Nullable String type,
        @Nullable String url,
        @JsonProperty("mime_type") @Nullable String mimeType,
        @Nullable Long size,
        @JsonProperty("transfer_method") @Nullable String transferMethod,
        @JsonProperty("belongs_to") @Nullable String belongsTo,
        @JsonProperty("upload_file_id") @Nullable String uploadFileId) {
}
