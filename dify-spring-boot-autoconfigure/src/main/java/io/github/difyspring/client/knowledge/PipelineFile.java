package io.github.difyspring.client.knowledge;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A file uploaded for a knowledge pipeline to read, as Dify answers the upload
 * ({@code POST /datasets/pipeline/file-upload}, {@code serialize_upload_file} of Dify 1.14.2). Pass
 * it to a run with {@link DatasourceInfo#localFile(PipelineFile)}.
 *
 * <p>Unlike the other Knowledge API answers, {@code created_at} is an ISO-8601 text here, in UTC
 * without an offset (Python's {@code isoformat()} of a naive UTC time, such as
 * {@code 2026-06-12T09:30:15.123456}); {@link #createdInstant()} reads it.
 *
 * @param id the upload's id, which a run's {@code local_file} datasource refers to
 * @param name the file name (Dify shortens names over 200 characters)
 * @param size the size in bytes
 * @param extension the extension, lower case, without the dot; empty when the name has none
 * @param mimeType the content type the upload was sent with
 * @param createdBy the id of the account that uploaded it (the workspace owner, for a knowledge
 * base API key)
 * @param createdAt when it was uploaded, as Dify sent it, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineFile(
        String id,
        @Nullable String name,
        long size,
        @Nullable String extension,
        @JsonProperty("mime_type") @Nullable String mimeType,
        @JsonProperty("created_by") @Nullable String createdBy,
        @JsonProperty("created_at") @Nullable String createdAt) {

    /**
     * When the file was uploaded, read from {@link #createdAt()}: a time without an offset is UTC,
     * as Dify stores it.
     * @return the instant, or {@code null} when Dify sent none or a text that is not ISO-8601
     */
    public @Nullable Instant createdInstant() {
        if (this.createdAt == null || this.createdAt.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(this.createdAt).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException withoutOffset) {
            try {
                return OffsetDateTime.parse(this.createdAt).toInstant();
            }
            catch (DateTimeParseException ex) {
                return null;
            }
        }
    }
}
