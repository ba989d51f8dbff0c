package io.github.difyspring.client.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.difyspring.client.internal.RequestSupport;

/**
 * A run of a knowledge base's pipeline ({@code POST /datasets/{dataset_id}/pipeline/run}): which
 * datasource node starts it, the items it reads and the pipeline's input variables. Whether the
 * published or the draft pipeline runs, and how Dify answers, is the choice of the
 * {@link io.github.difyspring.client.KnowledgePipeline} method that sends it. Immutable; start
 * from {@link #of(String, List)}.
 *
 * @param startNodeId the id of the datasource node the run starts from (a
 * {@link DatasourcePlugin#nodeId()})
 * @param items what the run reads, all of one datasource type; at least one
 * @param inputs the pipeline's input variables by name (its {@link DatasourcePlugin#userInputVariables()}
 * and the variables of its later steps), values serialized as JSON
 */
public record PipelineRunRequest(String startNodeId, List<DatasourceInfo> items, Map<String, Object> inputs) {

    /**
     * Checks the run.
     * @throws IllegalArgumentException when there is no item, or items of different types
     */
    public PipelineRunRequest {
        Objects.requireNonNull(startNodeId, "startNodeId");
        items = List.copyOf(items);
        // Kept in order, null values allowed: an optional variable may be sent as null.
        inputs = RequestSupport.inputs(Objects.requireNonNull(inputs, "inputs"));
        if (items.isEmpty()) {
            throw new IllegalArgumentException("A pipeline run reads at least one item (datasource_info_list)");
        }
        DatasourceType type = items.get(0).type();
        for (DatasourceInfo item : items) {
            if (!item.type().equals(type)) {
                throw new IllegalArgumentException("The items of a pipeline run are all of one datasource type; got "
                        + type + " and " + item.type());
            }
        }
    }

    /**
     * A run without input variables.
     * @param startNodeId the id of the datasource node the run starts from
     * @param items what the run reads, all of one datasource type
     * @return the run
     */
    public static PipelineRunRequest of(String startNodeId, List<DatasourceInfo> items) {
        return new PipelineRunRequest(startNodeId, items, Map.of());
    }

    /**
     * A run of one item without input variables.
     * @param startNodeId the id of the datasource node the run starts from
     * @param item what the run reads
     * @return the run
     */
    public static PipelineRunRequest of(String startNodeId, DatasourceInfo item) {
        return of(startNodeId, List.of(item));
    }

    /**
     * This run with its input variables.
     * @param inputs the variables by name
     * @return the changed run
     */
    public PipelineRunRequest withInputs(Map<String, ?> inputs) {
        return new PipelineRunRequest(this.startNodeId, this.items, new LinkedHashMap<>(inputs));
    }

    /**
     * The datasource type of the run's items, sent as {@code datasource_type}.
     * @return the type
     */
    public DatasourceType datasourceType() {
        return this.items.get(0).type();
    }

    /**
     * The JSON body of the run.
     * @param published whether the published pipeline runs ({@code is_published})
     * @param responseMode {@code streaming} or {@code blocking}
     * @return the body, as a map
     */
    public Map<String, Object> toWire(boolean published, String responseMode) {
        List<Map<String, Object>> list = new ArrayList<>(this.items.size());
        this.items.forEach((item) -> list.add(item.fields()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", this.inputs);
        body.put("datasource_type", datasourceType().value());
        body.put("datasource_info_list", list);
        body.put("start_node_id", this.startNodeId);
        body.put("is_published", published);
        body.put("response_mode", responseMode);
        return body;
    }
}
