package io.github.difyspring.client.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A job that turns annotation reply on or off, which Dify runs in the background.
 *
 * @param jobId the job's id, to ask for its status
 * @param jobStatus {@code waiting}, {@code processing}, {@code completed} or {@code error}, as sent
 * @param errorMsg what went wrong, for a job in {@code error}; often empty otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnnotationReplyJob(
        @JsonProperty("job_id") @Nullable String jobId,
        @JsonProperty("job_status") @Nullable String jobStatus,
        @JsonProperty("error_msg") @Nullable String errorMsg) {

    /**
     * Whether the job has ended, well or badly.
     * @return {@code true} when its status is {@code completed} or {@code error}
     */
    public boolean isFinished() {
        return "completed".equals(this.jobStatus) || "error".equals(this.jobStatus);
    }
}
