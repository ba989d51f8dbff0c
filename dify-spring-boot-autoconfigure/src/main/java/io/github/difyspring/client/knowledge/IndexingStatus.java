package io.github.difyspring.client.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * How far the indexing of one document of a batch is
 * ({@code GET /datasets/{dataset_id}/documents/{batch}/indexing-status}). Times are epoch seconds,
 * {@code null} until the step is reached.
 *
 * @param id the document's id
 * @param state where its indexing is; {@link IndexingState#PAUSED} while paused, whatever step it
 * paused at
 * @param processingStartedAt when the processing started
 * @param parsingCompletedAt when the text was extracted
 * @param cleaningCompletedAt when the text was cleaned
 * @param splittingCompletedAt when the text was cut into chunks
 * @param completedAt when the indexing completed
 * @param pausedAt when it was paused
 * @param error why it failed, when {@link IndexingState#ERROR}
 * @param stoppedAt when it stopped on an error
 * @param completedSegments how many chunks are indexed (0 when Dify leaves it out)
 * @param totalSegments how many chunks there are, chunks being cut again left aside (0 when Dify
 * leaves it out)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexingStatus(
        String id,
        @JsonProperty("indexing_status") IndexingState state,
        @JsonProperty("processing_started_at") @Nullable Long processingStartedAt,
        @JsonProperty("parsing_completed_at") @Nullable Long parsingCompletedAt,
        @JsonProperty("cleaning_completed_at") @Nullable Long cleaningCompletedAt,
        @JsonProperty("splitting_completed_at") @Nullable Long splittingCompletedAt,
        @JsonProperty("completed_at") @Nullable Long completedAt,
        @JsonProperty("paused_at") @Nullable Long pausedAt,
        @Nullable String error,
        @JsonProperty("stopped_at") @Nullable Long stoppedAt,
        @JsonProperty("completed_segments") int completedSegments,
        @JsonProperty("total_segments") int totalSegments) {

    /**
     * Whether the document's indexing completed.
     * @return true when {@link IndexingState#COMPLETED}
     */
    public boolean isCompleted() {
        return IndexingState.COMPLETED.equals(this.state);
    }

    /**
     * Whether the document's indexing failed.
     * @return true when {@link IndexingState#ERROR}
     */
    public boolean isFailed() {
        return IndexingState.ERROR.equals(this.state);
    }
}
