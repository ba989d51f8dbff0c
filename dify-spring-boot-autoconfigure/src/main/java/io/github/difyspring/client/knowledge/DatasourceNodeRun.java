package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.RequestSupport;

/**
 * A run of one datasource node of a knowledge pipeline
 * ({@code POST /datasets/{dataset_id}/pipeline/datasource/nodes/{node_id}/run}): it lists what an
 * online document service or drive holds, or crawls a website, so that a pipeline run can then be
 * given the items to read. Immutable; start from {@link #of(DatasourceType, Map)}.
 *
 * <p>What the inputs hold depends on the type, as Dify 1.14.2 passes them
 * ({@code RagPipelineService.run_datasource_workflow_node}): for {@code online_document} they are the
 * plugin's parameters; for {@code online_drive} Dify reads {@code bucket}, {@code prefix} (the
 * folder), {@code max_keys} (default 20) and {@code next_page_parameters}; for
 * {@code website_crawl} they fill the node's variables (such as the URL to crawl). Dify 1.14.2
 * takes any type name, and reports one it cannot run as the stream's error.
 *
 * @param datasourceType the node's datasource type (its {@link DatasourcePlugin#datasourceType()})
 * @param inputs the node's inputs by name, values serialized as JSON
 * @param credentialId the credential to use, or {@code null} for the plugin's default
 * @param published whether the node of the published pipeline runs ({@code true}) or the draft's
 */
public record DatasourceNodeRun(DatasourceType datasourceType, Map<String, Object> inputs, @Nullable String credentialId,
        boolean published) {

    /**
     * Checks the run.
     */
    public DatasourceNodeRun {
        Objects.requireNonNull(datasourceType, "datasourceType");
        // Kept in order, null values allowed: an optional variable may be sent as null.
        inputs = RequestSupport.inputs(Objects.requireNonNull(inputs, "inputs"));
    }

    /**
     * A run of the published pipeline's node, with the default credential.
     * @param datasourceType the node's datasource type
     * @param inputs the node's inputs
     * @return the run
     */
    public static DatasourceNodeRun of(DatasourceType datasourceType, Map<String, ?> inputs) {
        return new DatasourceNodeRun(datasourceType, new LinkedHashMap<>(inputs), null, true);
    }

    /**
     * This run with a credential of the plugin (one of {@link DatasourcePlugin#credentials()}).
     * @param credentialId the credential's id
     * @return the changed run
     */
    public DatasourceNodeRun withCredential(String credentialId) {
        return new DatasourceNodeRun(this.datasourceType, this.inputs, Objects.requireNonNull(credentialId, "credentialId"),
                this.published);
    }

    /**
     * This run on the draft pipeline's node rather than the published one's.
     * @return the changed run
     */
    public DatasourceNodeRun draft() {
        return new DatasourceNodeRun(this.datasourceType, this.inputs, this.credentialId, false);
    }

    /**
     * The JSON body of the run; the credential is left out when there is none.
     * @return the body, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", this.inputs);
        body.put("datasource_type", this.datasourceType.value());
        if (this.credentialId != null) {
            body.put("credential_id", this.credentialId);
        }
        body.put("is_published", this.published);
        return body;
    }
}
