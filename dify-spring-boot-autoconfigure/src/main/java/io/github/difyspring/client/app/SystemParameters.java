package io.github.difyspring.client.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The deployment's upload limits, as part of an app's parameters.
 *
 * @param fileSizeLimit the maximum size of a document, in MB
 * @param imageFileSizeLimit the maximum size of an image, in MB
 * @param audioFileSizeLimit the maximum size of an audio file, in MB
 * @param videoFileSizeLimit the maximum size of a video, in MB
 * @param workflowFileUploadLimit the maximum number of files per workflow run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SystemParameters(
        @JsonProperty("file_size_limit") @Nullable Integer fileSizeLimit,
        @JsonProperty("image_file_size_limit") @Nullable Integer imageFileSizeLimit,
        @JsonProperty("audio_file_size_limit") @Nullable Integer audioFileSizeLimit,
        @JsonProperty("video_file_size_limit") @Nullable Integer videoFileSizeLimit,
        @JsonProperty("workflow_file_upload_limit") @Nullable Integer workflowFileUploadLimit) {

    private static final SystemParameters NONE = new SystemParameters(null, null, null, null, null);

    /**
     * Limits that say nothing, which is what a missing block means.
     * @return parameters with every limit {@code null}
     */
    public static SystemParameters none() {
        return NONE;
    }
}
