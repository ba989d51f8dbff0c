package io.github.difyspring.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * An app of the {@link DifyTestServer} and its script. Each setter returns the app, so a script
 * reads as a sentence:
 * <pre>{@code
 * dify.chatApp("support", key).answers("Hello, world").pace(Duration.ofMillis(20));
 * dify.workflowApp("etl", key).nodes("Fetch", "Summarise").outputs(Map.of("summary", "3 new orders"));
 * dify.chatflowApp("review", key).answers("Draft ready.").pausesFor(HumanInputPause.form("Publish?").action("yes", "Yes"));
 * dify.agentApp("helper", key).usesTool("get_weather", "{\"city\": \"Berlin\"}", "Sunny").answers("It is sunny.");
 * dify.chatApp("support", key).onNextRequest(DifyFault.rateLimited(Duration.ofSeconds(2)));
 * }</pre>
 * A script lasts until it is changed or the server is reset. The events of each mode, their order
 * and fields follow the conformance transcripts ({@link DifyTranscript}), which follow Dify's code.
 */
public final class ScriptedApp {

    private final String name;

    private final String apiKey;

    private final DifyAppMode mode;

    private Function<RecordedRequest, String> answer = (request) -> "";

    private @Nullable List<String> chunks;

    private Duration pace = Duration.ZERO;

    private List<String> nodes = List.of();

    private @Nullable Function<RecordedRequest, Map<String, Object>> outputs;

    private @Nullable String failure;

    private @Nullable HumanInputPause pause;

    private final List<AgentThought> thoughts = new ArrayList<>();

    private @Nullable DifyTranscript replay;

    private final Deque<DifyFault> nextFaults = new ArrayDeque<>();

    private @Nullable DifyFault everyFault;

    private @Nullable Map<String, Object> parameters;

    private @Nullable Map<String, Object> info;

    private List<String> suggestions = List.of();

    ScriptedApp(String name, String apiKey, DifyAppMode mode) {
        this.name = Objects.requireNonNull(name, "name");
        this.apiKey = apiKey;
        this.mode = mode;
        reset();
    }

    /** The app's name, as recorded requests call it. */
    public String name() {
        return this.name;
    }

    /** The app's mode. */
    public DifyAppMode mode() {
        return this.mode;
    }

    String apiKey() {
        return this.apiKey;
    }

    /**
     * The answer to every message or run, streamed a word at a time (each with the space before
     * it). Until a script says otherwise, apps answer "Hello from the Dify test server.".
     * @param text the answer
     * @return this app
     */
    public ScriptedApp answers(String text) {
        Objects.requireNonNull(text, "text");
        return answers((request) -> text);
    }

    /**
     * An answer made from each request, such as one that repeats the user's query.
     * @param answerFor makes the answer
     * @return this app
     */
    public synchronized ScriptedApp answers(Function<RecordedRequest, String> answerFor) {
        this.answer = Objects.requireNonNull(answerFor, "answerFor");
        this.chunks = null;
        this.replay = null;
        return this;
    }

    /**
     * The answer, streamed in exactly these pieces.
     * @param pieces the pieces; the answer is all of them joined
     * @return this app
     */
    public synchronized ScriptedApp answersInChunks(String... pieces) {
        answers(String.join("", pieces));
        this.chunks = List.of(pieces);
        return this;
    }

    /**
     * The wait before each event of a stream (and each frame of a replayed transcript); {@code event:
     * ping} keep-alives go out meanwhile at the server's ping interval.
     * @param pace the wait; zero, the default, sends as fast as the connection takes
     * @return this app
     */
    public synchronized ScriptedApp pace(Duration pace) {
        if (pace.isNegative()) {
            throw new IllegalArgumentException("The pace must not be negative");
        }
        this.pace = pace;
        return this;
    }

    /**
     * Nodes a workflow or chatflow run passes through between its start node and the LLM node that
     * writes the answer.
     * @param titles their titles, in order
     * @return this app
     */
    public synchronized ScriptedApp nodes(String... titles) {
        requireWorkflow("nodes");
        this.nodes = List.of(titles);
        return this;
    }

    /**
     * A workflow's outputs; unset, they are {@code {"text": <all the text it streamed>}}.
     * @param outputs the outputs of every run
     * @return this app
     */
    public ScriptedApp outputs(Map<String, Object> outputs) {
        Map<String, Object> copy = new LinkedHashMap<>(outputs);
        return outputs((request) -> copy);
    }

    /**
     * A workflow's outputs made from each request, such as from its inputs.
     * @param outputsFor makes the outputs
     * @return this app
     */
    public synchronized ScriptedApp outputs(Function<RecordedRequest, Map<String, Object>> outputsFor) {
        requireWorkflow("outputs");
        this.outputs = Objects.requireNonNull(outputsFor, "outputsFor");
        return this;
    }

    /**
     * Every run fails in its LLM node with this error: {@code node_finished} and
     * {@code workflow_finished} with status {@code failed}; a blocking workflow answers with the failed
     * run, a blocking chatflow with 400 {@code Run failed: <error>}.
     * @param error the node's error text
     * @return this app
     */
    public synchronized ScriptedApp failsWith(String error) {
        requireWorkflow("failsWith");
        this.failure = Objects.requireNonNull(error, "error");
        return this;
    }

    /**
     * Every run pauses for human input after its answer, and goes on once the form is submitted.
     * @param form the form
     * @return this app
     */
    public synchronized ScriptedApp pausesFor(HumanInputPause form) {
        requireWorkflow("pausesFor");
        this.pause = Objects.requireNonNull(form, "form");
        return this;
    }

    /**
     * A thought of an agent before it answers: an {@code agent_thought} with this text.
     * @param thought the thought
     * @return this app
     */
    public synchronized ScriptedApp thinks(String thought) {
        requireAgent("thinks");
        this.thoughts.add(new AgentThought(thought, "", "", ""));
        return this;
    }

    /**
     * A tool call of an agent before it answers: an {@code agent_thought} with the tool and its input,
     * then the same thought with the tool's observation.
     * @param tool the tool's name
     * @param input its input, as JSON text
     * @param observation what it returned
     * @return this app
     */
    public synchronized ScriptedApp usesTool(String tool, String input, String observation) {
        requireAgent("usesTool");
        this.thoughts.add(new AgentThought("", tool, input, observation));
        return this;
    }

    /**
     * Answers every message or run with a conformance transcript, byte for byte.
     * @param transcript what Dify's server code sends for a mode and outcome
     * @return this app
     */
    public synchronized ScriptedApp replays(DifyTranscript transcript) {
        this.replay = Objects.requireNonNull(transcript, "transcript");
        return this;
    }

    /**
     * Plays a fault on the next request it applies to; faults queue up.
     * @param fault the fault
     * @return this app
     */
    public synchronized ScriptedApp onNextRequest(DifyFault fault) {
        this.nextFaults.add(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /**
     * Plays a fault on every request it applies to, once the queued ones are played.
     * @param fault the fault
     * @return this app
     */
    public synchronized ScriptedApp onEveryRequest(DifyFault fault) {
        this.everyFault = Objects.requireNonNull(fault, "fault");
        return this;
    }

    /**
     * Drops the queued and standing faults.
     * @return this app
     */
    public synchronized ScriptedApp clearFaults() {
        this.nextFaults.clear();
        this.everyFault = null;
        return this;
    }

    /**
     * The answer to {@code GET /parameters}; its {@code user_input_form} is checked as Dify checks
     * it: a message or run without a required input gets 400 {@code invalid_param}.
     * @param parameters the whole answer
     * @return this app
     */
    public synchronized ScriptedApp parameters(Map<String, Object> parameters) {
        this.parameters = new LinkedHashMap<>(parameters);
        return this;
    }

    /**
     * Adds required text inputs to the {@code user_input_form} of {@code /parameters}.
     * @param names the inputs
     * @return this app
     */
    public synchronized ScriptedApp requiresInputs(String... names) {
        Map<String, Object> updated = new LinkedHashMap<>(parameters());
        List<Object> form = new ArrayList<>((List<?>) updated.get("user_input_form"));
        for (String input : names) {
            form.add(Map.of("text-input", Wire.obj("label", input, "variable", input, "required", true, "max_length", 256, "default", "")));
        }
        updated.put("user_input_form", form);
        return parameters(updated);
    }

    /**
     * The answer to {@code GET /info}.
     * @param info the whole answer
     * @return this app
     */
    public synchronized ScriptedApp info(Map<String, Object> info) {
        this.info = new LinkedHashMap<>(info);
        return this;
    }

    /**
     * The questions {@code GET /messages/{id}/suggested} answers.
     * @param questions the questions
     * @return this app
     */
    public synchronized ScriptedApp suggests(String... questions) {
        this.suggestions = List.of(questions);
        return this;
    }

    synchronized void reset() {
        answers("Hello from the Dify test server.");
        this.pace = Duration.ZERO;
        this.nodes = List.of();
        this.outputs = null;
        this.failure = null;
        this.pause = null;
        this.thoughts.clear();
        clearFaults();
        this.parameters = null;
        this.info = null;
        this.suggestions = List.of();
    }

    /** The fault for a request: the first queued one it applies to, else the standing one if it applies. */
    synchronized @Nullable DifyFault takeFault(boolean streamingGeneration) {
        for (var faults = this.nextFaults.iterator(); faults.hasNext();) {
            DifyFault fault = faults.next();
            if (streamingGeneration || !fault.inStream()) {
                faults.remove();
                return fault;
            }
        }
        return (this.everyFault != null && (streamingGeneration || !this.everyFault.inStream())) ? this.everyFault : null;
    }

    /** What the script says for one request, fixed when it arrives. */
    synchronized Generation generation(RecordedRequest request) {
        String text = this.answer.apply(request);
        return new Generation(text, (this.chunks != null) ? this.chunks : words(text), this.pace, this.nodes,
                (this.outputs != null) ? this.outputs.apply(request) : null, this.failure, this.pause, List.copyOf(this.thoughts));
    }

    synchronized Duration pace() {
        return this.pace;
    }

    synchronized @Nullable DifyTranscript replay() {
        return this.replay;
    }

    synchronized Map<String, Object> parameters() {
        return (this.parameters != null) ? this.parameters : AppRoutes.defaultParameters(this.mode);
    }

    synchronized Map<String, Object> info() {
        return (this.info != null) ? this.info : AppRoutes.defaultInfo(this.name, this.mode);
    }

    synchronized List<String> suggestions() {
        return this.suggestions;
    }

    private void requireWorkflow(String method) {
        if (!this.mode.runsWorkflow()) {
            throw new IllegalStateException(method + " is for workflow and chatflow apps; '" + this.name + "' is " + this.mode.wireName());
        }
    }

    private void requireAgent(String method) {
        if (this.mode != DifyAppMode.AGENT_CHAT) {
            throw new IllegalStateException(method + " is for agent apps; '" + this.name + "' is " + this.mode.wireName());
        }
    }

    /** Splits a text as a model streams it: words, each with the space before it. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                words.add(text.substring(start, i));
                start = i;
            }
        }
        return words;
    }

    @Override
    public String toString() {
        return "ScriptedApp '" + this.name + "' (" + this.mode.wireName() + ")";
    }

    /** A thought row of an agent: a thought's text, or a tool call with its input and observation. */
    record AgentThought(String thought, String tool, String toolInput, String observation) {

        static final AgentThought EMPTY = new AgentThought("", "", "", "");
    }

    /** The script as it applies to one request. */
    record Generation(String answer, List<String> chunks, Duration pace, List<String> nodes, @Nullable Map<String, Object> outputs,
            @Nullable String failure, @Nullable HumanInputPause pause, List<AgentThought> thoughts) {
    }
}
