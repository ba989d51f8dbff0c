package io.github.difyspring.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where our client stands against one of its performance targets. Targets are reported, never
 * asserted: a missed one does not fail the run.
 *
 * @param id a stable key
 * @param description what is measured
 * @param goal the target, in words
 * @param actual the figure reached, in words
 * @param met whether the target is met
 * @param shortfall by how much it is missed (empty when met)
 */
public record TargetCheck(String id, String description, String goal, String actual, boolean met, String shortfall) {

    /**
     * A target that is met.
     * @param id the key
     * @param description what is measured
     * @param goal the target
     * @param actual the figure
     * @param met whether it is met
     * @param shortfall by how much it is missed, used only when it is
     * @return the check
     */
    public static TargetCheck of(String id, String description, String goal, String actual, boolean met, String shortfall) {
        return new TargetCheck(id, description, goal, actual, met, met ? "" : shortfall);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", this.id);
        json.put("description", this.description);
        json.put("target", this.goal);
        json.put("actual", this.actual);
        json.put("met", this.met);
        if (!this.met) {
            json.put("missedBy", this.shortfall);
        }
        return json;
    }
}
