package io.github.difyspring.client.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A datasource node run of a knowledge pipeline is under way
 * ({@code datasource_processing}, {@code core/rag/entities/event.py} of Dify 1.14.2): sent once at
 * the start, with 0 of 0, for online documents and drives, and as the crawl's progress for a
 * website crawl. It carries no task id: a datasource node run cannot be stopped through the API.
 *
 * @param total how many items the run has found so far (pages of a crawl), or {@code null}
 * @param completed how many of them are done, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasourceProcessingEvent(@Nullable Integer total, @Nullable Integer completed) implements DifyEvent {

    /** The wire name of this event type. */
    public static final String TYPE = "datasource_processing";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * None: a datasource node run has no task.
     * @return {@code null}
     */
    @Override
    public @Nullable String taskId() {
        return null;
    }
}
