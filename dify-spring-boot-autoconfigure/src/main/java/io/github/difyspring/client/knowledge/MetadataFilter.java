package io.github.difyspring.client.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Which documents retrieval looks at, by their metadata: those that meet all the conditions, or
 * any of them.
 *
 * @param logicalOperator {@code and} or {@code or}; {@code null} means {@code and}
 * @param conditions the conditions
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetadataFilter(@JsonProperty("logical_operator") @Nullable String logicalOperator, List<MetadataCondition> conditions) {

    /** Copies the conditions; reads {@code null} as none. */
    public MetadataFilter {
        conditions = (conditions != null) ? List.copyOf(conditions) : List.of();
    }

    /**
     * The documents that meet every condition.
     * @param conditions the conditions
     * @return the filter
     */
    public static MetadataFilter all(MetadataCondition... conditions) {
        return new MetadataFilter("and", List.of(conditions));
    }

    /**
     * The documents that meet at least one condition.
     * @param conditions the conditions
     * @return the filter
     */
    public static MetadataFilter any(MetadataCondition... conditions) {
        return new MetadataFilter("or", List.of(conditions));
    }

    /**
     * The filter in the form Dify takes.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("logical_operator", (this.logicalOperator != null) ? this.logicalOperator : "and");
        List<Map<String, Object>> conditions = new ArrayList<>();
        this.conditions.forEach((condition) -> conditions.add(condition.toWire()));
        wire.put("conditions", conditions);
        return wire;
    }
}
