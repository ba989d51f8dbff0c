package io.github.difyspring.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one scenario: a row per contender (or per path), the same figures for the table
 * (formatted cells) and for the JSON (numbers), what the scenario did and what its figures count.
 */
public final class ScenarioReport {

    private final String id;

    private final String title;

    private final Map<String, Object> settings = new LinkedHashMap<>();

    private final List<String> counted = new ArrayList<>();

    private final List<String> columns;

    private final List<Row> rows = new ArrayList<>();

    private final List<String> notes = new ArrayList<>();

    /**
     * Starts a report.
     * @param id the key in the JSON
     * @param title the heading in the table
     * @param columns the table's column headers after the first (the row's label)
     */
    public ScenarioReport(String id, String title, List<String> columns) {
        this.id = id;
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    /**
     * Records a setting of the scenario.
     * @param name its name
     * @param value its value
     * @return this report
     */
    public ScenarioReport setting(String name, Object value) {
        this.settings.put(name, value);
        return this;
    }

    /**
     * Says what a figure counts, for the reader of the table and the JSON.
     * @param explanation one sentence
     * @return this report
     */
    public ScenarioReport counted(String explanation) {
        this.counted.add(explanation);
        return this;
    }

    /**
     * Adds a row.
     * @param key the contender's (or path's) id
     * @param label what the table shows for it
     * @param figures its figures for the JSON
     * @param cells its table cells, one per column
     */
    public void row(String key, String label, Map<String, Object> figures, List<String> cells) {
        if (cells.size() != this.columns.size()) {
            throw new IllegalArgumentException("Row " + key + " has " + cells.size() + " cells for " + this.columns.size() + " columns");
        }
        this.rows.add(new Row(key, label, figures, List.copyOf(cells)));
    }

    /**
     * Adds a note shown under the table.
     * @param note one sentence
     */
    public void note(String note) {
        this.notes.add(note);
    }

    /**
     * Whether any figure was recorded.
     * @return true when the scenario has rows
     */
    public boolean hasFigures() {
        return !this.rows.isEmpty();
    }

    String id() {
        return this.id;
    }

    String title() {
        return this.title;
    }

    List<String> columns() {
        return this.columns;
    }

    List<Row> rows() {
        return this.rows;
    }

    List<String> notes() {
        return this.notes;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", this.title);
        json.put("settings", this.settings);
        json.put("counted", this.counted);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Row row : this.rows) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", row.key());
            result.put("label", row.label());
            result.putAll(row.figures());
            results.add(result);
        }
        json.put("results", results);
        json.put("notes", this.notes);
        return json;
    }

    List<String> countedLines() {
        return this.counted;
    }

    /**
     * One row.
     *
     * @param key the id
     * @param label the label
     * @param figures the JSON figures
     * @param cells the table cells
     */
    record Row(String key, String label, Map<String, Object> figures, List<String> cells) {
    }
}
