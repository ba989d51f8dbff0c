package io.github.difyspring.client.knowledge;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A datasource node of a knowledge base's pipeline, with the plugin it runs, the input variables
 * it asks for and the plugin's credentials (an item of
 * {@code GET /datasets/{dataset_id}/pipeline/datasource-plugins}, built by
 * {@code RagPipelineService.get_datasource_plugins} of Dify 1.14.2).
 *
 * @param nodeId the node's id: where a pipeline run starts, and what a datasource node run runs
 * @param pluginId the plugin, such as {@code langgenius/notion_datasource}; {@code null} for the
 * built-in file upload node
 * @param providerName the plugin's provider, such as {@code notion_datasource}
 * @param datasourceType the node's datasource type ({@code provider_type} in the workflow graph)
 * @param title the node's title in the pipeline editor (not in Dify's API reference)
 * @param userInputVariables the pipeline input variables this node's parameters refer to; empty,
 * never null
 * @param credentials the plugin's credentials in the workspace, the default first; empty, never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasourcePlugin(
        @JsonProperty("node_id") String nodeId,
        @JsonProperty("plugin_id") @Nullable String pluginId,
        @JsonProperty("provider_name") @Nullable String providerName,
        @JsonProperty("datasource_type") @Nullable DatasourceType datasourceType,
        @Nullable String title,
        @JsonProperty("user_input_variables") List<PipelineVariable> userInputVariables,
        List<Credential> credentials) {

    /** Reads missing or {@code null} lists as empty. */
    public DatasourcePlugin {
        userInputVariables = (userInputVariables != null) ? List.copyOf(userInputVariables) : List.of();
        credentials = (credentials != null) ? List.copyOf(credentials) : List.of();
    }

    /**
     * A credential of a datasource plugin, without its secrets.
     *
     * @param id the credential's id, for {@link DatasourceNodeRun#withCredential(String)}
     * @param name its name
     * @param type how it authenticates, such as {@code api-key} or {@code oauth2}
     * @param isDefault whether the plugin uses it when a run names none
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Credential(
            @Nullable String id,
            @Nullable String name,
            @Nullable String type,
            @JsonProperty("is_default") boolean isDefault) {
    }
}
