package io.github.difyspring.client.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a datasource node run of a knowledge pipeline found ({@code datasource_completed},
 * {@code core/rag/entities/event.py} and {@code RagPipelineService.run_datasource_workflow_node} of
 * Dify 1.14.2). Its {@code data} is the plugin's result, as JSON:
 * <ul>
 * <li>online document: a list of workspaces, each {@code {workspace_id, workspace_name,
 * workspace_icon, total, pages: [{page_id, page_name, page_icon, type, last_edited_time,
 * parent_id}]}}; {@code total} and {@code completed} are 0, and a plugin that answers in several
 * messages sends several of these events;</li>
 * <li>online drive: a list of buckets, each {@code {bucket, files: [{id, name, size, type}],
 * is_truncated, next_page_parameters}}; {@code total} and {@code completed} are {@code null};</li>
 * <li>website crawl: the crawled pages, each {@code {source_url, content, title, description}},
 * with the crawl's totals.</li>
 * </ul>
 * It carries no task id: a datasource node run cannot be stopped through the API.
 *
 * @param data the result: a list ({@code List<Object>}) or an object ({@code Map<String, Object>})
 * of JSON values, or {@code null}
 * @param total the number of items, or {@code null}
 * @param completed the number done, or {@code null}
 * @param timeConsuming seconds the run took, rounded to hundredths, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasourceCompletedEvent(
        @Nullable Object data,
        @Nullable Integer total,
        @Nullable Integer completed,
        @JsonProperty("time_consuming") @Nullable Double timeConsuming) implements DifyEvent {

    /** The wire name of this event type. */
    public static final String TYPE = "datasource_completed";

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

    /**
     * The JSON objects of a list result: the workspaces, buckets or crawled pages.
     * @return the list's objects in order (entries that are not objects are left out); empty
     * when the data is not a list
     */
    @JsonIgnore
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
        if (!(this.data instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> items = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item instanceof Map<?, ?> map) {
                items.add((Map<String, Object>) map);
            }
        }
        return Collections.unmodifiableList(items);
    }
}
