package io.github.difyspring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The human input form a workflow or chatflow pauses on, given to
 * {@link ScriptedApp#pausesFor(HumanInputPause)}. The run streams its answer up to the pause, sends
 * {@code human_input_required} and {@code workflow_paused}, and ends its stream. Once the form is
 * submitted ({@code POST /form/human_input/{form_token}}), {@code GET /workflow/{run_id}/events}
 * streams the rest: {@code human_input_form_filled}, the text of {@link #thenAnswers(String)}, and
 * the end of the run.
 * <pre>{@code
 * HumanInputPause.form("Publish this draft?")
 *     .paragraph("comment")
 *     .select("channel", "blog", "newsletter")
 *     .action("approve", "Approve")
 *     .action("reject", "Reject")
 *     .thenAnswers("Published.");
 * }</pre>
 */
public final class HumanInputPause {

    private final String content;

    private String nodeTitle = "Human Input";

    private final List<Map<String, Object>> inputs = new ArrayList<>();

    private final Map<String, Object> defaults = new LinkedHashMap<>();

    private final List<Map<String, Object>> actions = new ArrayList<>();

    private Duration expiresIn = Duration.ofHours(36);

    private String answerAfterResume = "";

    private HumanInputPause(String content) {
        this.content = content;
    }

    /**
     * A form showing a text, which may name inputs as Dify does ({@code {{#$output.comment#}}}).
     * @param content the form's text
     * @return the form, with no inputs and no actions yet
     */
    public static HumanInputPause form(String content) {
        return new HumanInputPause(content);
    }

    /**
     * The title of the human input node.
     * @param title such as {@code Human Review}
     * @return this form
     */
    public HumanInputPause titled(String title) {
        this.nodeTitle = title;
        return this;
    }

    /**
     * Adds a free-text input with no default.
     * @param name the output variable it fills
     * @return this form
     */
    public HumanInputPause paragraph(String name) {
        return input(name, "paragraph", "default", null);
    }

    /**
     * Adds a free-text input with a default value.
     * @param name the output variable it fills
     * @param defaultValue the text it starts with
     * @return this form
     */
    public HumanInputPause paragraph(String name, String defaultValue) {
        Map<String, Object> constant = new LinkedHashMap<>();
        constant.put("type", "constant");
        constant.put("selector", List.of());
        constant.put("value", defaultValue);
        this.defaults.put(name, defaultValue);
        return input(name, "paragraph", "default", constant);
    }

    /**
     * Adds a choice among fixed options.
     * @param name the output variable it fills
     * @param options the options
     * @return this form
     */
    public HumanInputPause select(String name, String... options) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", "constant");
        source.put("selector", List.of());
        source.put("value", List.of(options));
        return input(name, "select", "option_source", source);
    }

    private HumanInputPause input(String name, String type, String key, @Nullable Object value) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("output_variable_name", name);
        input.put("type", type);
        input.put(key, value);
        this.inputs.add(input);
        return this;
    }

    /**
     * Adds a button; the first is styled {@code primary}, the others {@code default}.
     * @param id the action id a submission names
     * @param title the button's text
     * @return this form
     */
    public HumanInputPause action(String id, String title) {
        this.actions.add(action(id, title, this.actions.isEmpty() ? "primary" : "default"));
        return this;
    }

    private static Map<String, Object> action(String id, String title, String style) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("id", id);
        action.put("title", title);
        action.put("button_style", style);
        return action;
    }

    /**
     * How long the form can be submitted; Dify's default is days, this one 36 hours.
     * @param expiresIn the time from the pause
     * @return this form
     */
    public HumanInputPause expiresIn(Duration expiresIn) {
        this.expiresIn = expiresIn;
        return this;
    }

    /**
     * The text the run streams once resumed, before it finishes.
     * @param text the text
     * @return this form
     */
    public HumanInputPause thenAnswers(String text) {
        this.answerAfterResume = text;
        return this;
    }

    String content() {
        return this.content;
    }

    String nodeTitle() {
        return this.nodeTitle;
    }

    List<Map<String, Object>> inputs() {
        return this.inputs;
    }

    Map<String, Object> defaults() {
        return this.defaults;
    }

    List<Map<String, Object>> actions() {
        return this.actions.isEmpty() ? List.of(action("submit", "Submit", "primary")) : this.actions;
    }

    Duration expiresIn() {
        return this.expiresIn;
    }

    String answerAfterResume() {
        return this.answerAfterResume;
    }
}
