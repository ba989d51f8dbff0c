package io.github.difyspring.client.stream;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.event.*;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * Every stream example of Dify's API description, served as a real event stream through the client
 * of its app type, decodes into the typed events the file holds, in order, with none lost.
 */
class ExampleStreamsTest extends DifyClientTestSupport {

    private static final String EXAMPLES = "/dify-api/examples";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The record each event type must decode into, written out here rather than taken from the reader. */
    private static final Map<String, Class<? extends DifyEvent>> EXPECTED_CLASSES = Map.ofEntries(
            Map.entry("message", MessageEvent.class),
            Map.entry("agent_message", AgentMessageEvent.class),
            Map.entry("agent_thought", AgentThoughtEvent.class),
            Map.entry("message_file", MessageFileEvent.class),
            Map.entry("message_end", MessageEndEvent.class),
            Map.entry("message_replace", MessageReplaceEvent.class),
            Map.entry("tts_message", TtsMessageEvent.class),
            Map.entry("tts_message_end", TtsMessageEndEvent.class),
            Map.entry("workflow_started", WorkflowStartedEvent.class),
            Map.entry("workflow_finished", WorkflowFinishedEvent.class),
            Map.entry("workflow_paused", WorkflowPausedEvent.class),
            Map.entry("node_started", NodeStartedEvent.class),
            Map.entry("node_finished", NodeFinishedEvent.class),
            Map.entry("node_retry", NodeRetryEvent.class),
            Map.entry("iteration_started", IterationStartedEvent.class),
            Map.entry("iteration_next", IterationNextEvent.class),
            Map.entry("iteration_completed", IterationCompletedEvent.class),
            Map.entry("loop_started", LoopStartedEvent.class),
            Map.entry("loop_next", LoopNextEvent.class),
            Map.entry("loop_completed", LoopCompletedEvent.class),
            Map.entry("text_chunk", TextChunkEvent.class),
            Map.entry("reasoning_chunk", ReasoningChunkEvent.class),
            Map.entry("agent_log", AgentLogEvent.class),
            Map.entry("human_input_required", HumanInputRequiredEvent.class),
            Map.entry("human_input_form_filled", HumanInputFormFilledEvent.class),
            Map.entry("human_input_form_timeout", HumanInputFormTimeoutEvent.class),
            Map.entry("parallel_branch_started", ParallelBranchStartedEvent.class),
            Map.entry("parallel_branch_finished", ParallelBranchFinishedEvent.class));

    static Stream<String> exampleFiles() throws IOException, URISyntaxException {
        URL directory = ExampleStreamsTest.class.getResource(EXAMPLES);
        assertThat(directory).as("the examples directory").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            List<String> names = files.map((file) -> file.getFileName().toString()).filter((name) -> name.endsWith(".sse.txt"))
                .sorted()
                .toList();
            assertThat(names).isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void everyExampleDecodesIntoItsTypedEventsInOrder(String fileName) {
        List<String> expectedTypes = eventTypesIn(exampleStream(fileName));
        assertThat(expectedTypes).as("events in %s", fileName).isNotEmpty();

        List<DifyEvent> events = streamExample(fileName);

        assertThat(events).extracting(DifyEvent::type).containsExactlyElementsOf(expectedTypes);
        assertThat(events).<Class<?>>extracting(Object::getClass)
            .containsExactlyElementsOf(expectedTypes.stream().map(ExampleStreamsTest::expectedClass).toList());
    }

    // ---- spot checks of the decoded fields, file by file

    @Test
    void basicChatStream() {
        List<DifyEvent> events = streamExample("service_sendChatMessage_streamingResponseBasic.sse.txt");

        assertThat(events.get(0)).isEqualTo(new MessageEvent("mock_task_id", "5ad4cb98-f0c7-4085-b384-88c403be6290",
                "45701982-8118-4bc5-8e9b-64562b4555f2", 1679586595L, " I"));
        assertThat(events.get(1)).asInstanceOf(type(MessageEndEvent.class)).satisfies((end) -> {
            assertThat(end.conversationId()).isEqualTo("45701982-8118-4bc5-8e9b-64562b4555f2");
            assertThat(end.metadata().usage().totalTokens()).isEqualTo(10L);
            assertThat(end.metadata().usage().latency()).isEqualTo(1.0);
        });
    }

    @Test
    void agentChatStream() {
        List<DifyEvent> events = streamExample("service_sendChatMessage_streamingResponseAgent.sse.txt");

        assertThat(events.get(0)).asInstanceOf(type(AgentThoughtEvent.class)).satisfies((thought) -> {
            assertThat(thought.id()).isEqualTo("agent_thought_id_1");
            assertThat(thought.position()).isEqualTo(1);
            assertThat(thought.thought()).isEqualTo("Thinking about calling a tool...");
            assertThat(thought.tool()).isEqualTo("dalle3");
            assertThat(thought.toolInput()).isEqualTo("{\"dalle3\": {\"prompt\": \"a cute cat\"}}");
        });
        assertThat(events.get(1)).isEqualTo(new MessageFileEvent("task123", "msg123", "conv123", 1705395332L, "file_id_1", "image",
                "assistant", "https://example.com/cat.png", null));
        assertThat(events.get(2)).isEqualTo(new AgentMessageEvent("task123", "msg123", "conv123", 1705395333L, "Here is the image: "));
        assertThat(events.get(3)).asInstanceOf(type(MessageEndEvent.class))
            .satisfies((end) -> assertThat(end.metadata().usage().totalTokens()).isEqualTo(50L));
    }

    @Test
    void chatflowStreamDeliversWorkflowFinishedAfterMessageEnd() {
        List<DifyEvent> events = streamExample("service_sendChatMessage_streamingResponseWorkflow.sse.txt");

        assertThat(events.get(2)).asInstanceOf(type(ReasoningChunkEvent.class)).satisfies((chunk) -> {
            assertThat(chunk.data().reasoning()).isEqualTo("The user greeted me, so");
            assertThat(chunk.data().nodeId()).isEqualTo("node_llm_1");
            assertThat(chunk.data().isFinal()).isFalse();
        });
        assertThat(events.get(3)).asInstanceOf(type(ReasoningChunkEvent.class))
            .satisfies((chunk) -> assertThat(chunk.data().isFinal()).isTrue());
        assertThat(events.get(4)).asInstanceOf(type(MessageEvent.class)).extracting(MessageEvent::answer).isEqualTo(" I");
        assertThat(events.get(5)).asInstanceOf(type(NodeFinishedEvent.class)).satisfies((node) -> {
            assertThat(node.data().status()).isEqualTo("succeeded");
            assertThat(node.data().elapsedTime()).isEqualTo(1.5);
        });
        assertThat(events.get(6)).asInstanceOf(type(MessageEndEvent.class))
            .satisfies((end) -> assertThat(end.metadata().usage().totalTokens()).isEqualTo(50L));
        assertThat(events.get(7)).asInstanceOf(type(WorkflowFinishedEvent.class)).satisfies((finished) -> {
            assertThat(finished.workflowRunId()).isEqualTo("wfr_abc123");
            assertThat(finished.data().status()).isEqualTo("succeeded");
            assertThat(finished.data().totalTokens()).isEqualTo(50L);
        });
    }

    @Test
    void chatflowPausedForHumanInput() {
        List<DifyEvent> events = streamExample("service_sendChatMessage_humanInputPause.sse.txt");

        assertThat(events.get(1)).asInstanceOf(type(HumanInputRequiredEvent.class)).satisfies((required) -> {
            assertThat(required.conversationId()).isEqualTo("9d3a2f1b-6c7d-4e8f-a0b1-c2d3e4f5a6b7");
            assertThat(required.data().formToken()).isEqualTo("tok_abc123");
            assertThat(required.data().nodeId()).isEqualTo("approval_node");
        });
        assertThat(events.get(2)).asInstanceOf(type(WorkflowPausedEvent.class)).satisfies((paused) -> {
            assertThat(paused.data().status()).isEqualTo("paused");
            assertThat(paused.data().pausedNodes()).containsExactly("approval_node");
            assertThat(paused.data().reasons()).singleElement().satisfies((reason) -> {
                assertThat(reason.type()).isEqualTo("human_input_required");
                assertThat(reason.formToken()).isEqualTo("tok_abc123");
            });
        });
    }

    @Test
    void workflowStream() {
        List<DifyEvent> events = streamExample("service_executeWorkflow_streamingResponse.sse.txt");

        assertThat(events.get(0)).asInstanceOf(type(WorkflowStartedEvent.class)).satisfies((started) -> {
            assertThat(started.workflowRunId()).isEqualTo("fb47b2e6-5e43-4f90-be01-d5c5a088d156");
            assertThat(started.data().inputs()).containsEntry("query", "Translate this");
            assertThat(started.data().reason()).isEqualTo("initial");
        });
        assertThat(events.get(1)).asInstanceOf(type(NodeStartedEvent.class)).satisfies((node) -> {
            assertThat(node.data().nodeType()).isEqualTo("llm");
            assertThat(node.data().title()).isEqualTo("LLM Node");
        });
        assertThat(events.get(2)).asInstanceOf(type(ReasoningChunkEvent.class))
            .satisfies((chunk) -> assertThat(chunk.data().reasoning()).isEqualTo("Let me translate that."));
        assertThat(events.get(4)).asInstanceOf(type(TextChunkEvent.class)).satisfies((chunk) -> {
            assertThat(chunk.data().text()).isEqualTo("Bonjour");
            assertThat(chunk.data().fromVariableSelector()).containsExactly("node_1", "text");
        });
        assertThat(events.get(5)).asInstanceOf(type(WorkflowFinishedEvent.class)).satisfies((finished) -> {
            assertThat(finished.data().status()).isEqualTo("succeeded");
            assertThat(finished.data().outputs()).containsEntry("result", "Bonjour le monde");
            assertThat(finished.data().totalTokens()).isEqualTo(150L);
            assertThat(finished.data().totalSteps()).isEqualTo(3);
        });
    }

    @Test
    void workflowPausedForHumanInput() {
        for (String fileName : List.of("service_executeWorkflow_humanInputPause.sse.txt", "service_runWorkflowById_humanInputPause.sse.txt")) {
            List<DifyEvent> events = streamExample(fileName);

            assertThat(events.get(1)).as(fileName).asInstanceOf(type(HumanInputRequiredEvent.class)).satisfies((required) -> {
                assertThat(required.data().formToken()).isEqualTo("tok_abc123");
                assertThat(required.data().formId()).isEqualTo("a1b2c3d4-e5f6-7890-abcd-ef1234567890");
                assertThat(required.data().displayInUi()).isFalse();
                assertThat(required.data().expirationTime()).isEqualTo(1705494029L);
                assertThat(required.data().actions()).singleElement().satisfies((action) -> assertThat(action)
                    .containsEntry("id", "approve")
                    .containsEntry("title", "Approve"));
            });
            assertThat(events.get(2)).as(fileName).asInstanceOf(type(WorkflowPausedEvent.class)).satisfies((paused) -> {
                assertThat(paused.data().status()).isEqualTo("paused");
                assertThat(paused.data().elapsedTime()).isEqualTo(0.5);
            });
        }
    }

    @Test
    void resumedWorkflowStream() {
        List<DifyEvent> events = streamExample("service_streamWorkflowEvents_resumedRun.sse.txt");

        assertThat(events.get(0)).asInstanceOf(type(HumanInputFormFilledEvent.class)).satisfies((filled) -> {
            assertThat(filled.data().actionId()).isEqualTo("approve");
            assertThat(filled.data().submittedData()).containsEntry("comment", "Looks good.");
        });
        assertThat(events.get(5)).asInstanceOf(type(WorkflowFinishedEvent.class))
            .satisfies((finished) -> assertThat(finished.data().outputs()).containsEntry("result", "Bonjour"));
    }

    @Test
    void completionStream() {
        List<DifyEvent> events = streamExample("service_createCompletionMessage_streamingResponse.sse.txt");

        assertThat(events.subList(0, 2)).map((event) -> ((MessageEvent) event).answer()).containsExactly(" I", "'m");
        assertThat(events.get(2)).asInstanceOf(type(MessageEndEvent.class)).satisfies((end) -> {
            assertThat(end.id()).isEqualTo("5e52ce04-874b-4d27-9045-b3bc80def685");
            assertThat(end.metadata().usage().totalTokens()).isEqualTo(1168L);
            assertThat(end.metadata().usage().totalPrice()).hasToString("0.0013030");
        });
    }

    // ---- helpers

    /**
     * Streams one example through the client its operation belongs to. The streamWorkflowEvents
     * examples (GET /workflow/{id}/events, which has no client yet) are served on the run and chat
     * endpoints just to exercise their decoding.
     */
    private static List<DifyEvent> streamExample(String fileName) {
        String body = exampleStream(fileName);
        Flux<DifyEvent> events = switch (fileName) {
            case "service_sendChatMessage_streamingResponseBasic.sse.txt" -> chat(DifyAppType.CHAT, body);
            case "service_sendChatMessage_streamingResponseAgent.sse.txt" -> chat(DifyAppType.AGENT, body);
            case "service_sendChatMessage_streamingResponseWorkflow.sse.txt", "service_sendChatMessage_humanInputPause.sse.txt",
                    "service_streamWorkflowEvents_resumedRunChatflow.sse.txt" -> chat(DifyAppType.CHATFLOW, body);
            case "service_executeWorkflow_streamingResponse.sse.txt", "service_executeWorkflow_humanInputPause.sse.txt",
                    "service_runWorkflowById_streamingResponse.sse.txt", "service_runWorkflowById_humanInputPause.sse.txt",
                    "service_streamWorkflowEvents_resumedRun.sse.txt" -> workflow(body);
            case "service_createCompletionMessage_streamingResponse.sse.txt" -> completion(body);
            default -> throw new AssertionError("No client is mapped for the new example " + fileName + "; add it here");
        };
        return collect(events);
    }

    private static Flux<DifyEvent> chat(DifyAppType type, String body) {
        stubStream("/v1/chat-messages", body);
        return chatClient(type).stream(ChatRequest.of("Hello"));
    }

    private static Flux<DifyEvent> workflow(String body) {
        stubStream("/v1/workflows/run", body);
        return workflowClient().stream(WorkflowRunRequest.of(Map.of()));
    }

    private static Flux<DifyEvent> completion(String body) {
        stubStream("/v1/completion-messages", body);
        return completionClient().stream(CompletionRequest.of(Map.of("query", "Hello")));
    }

    /** The {@code event} field of every {@code data:} line, read independently of the client. */
    private static List<String> eventTypesIn(String stream) {
        return stream.lines()
            .filter((line) -> line.startsWith("data:"))
            .map((line) -> MAPPER.readTree(line.substring("data:".length())).get("event").asString())
            .toList();
    }

    private static Class<? extends DifyEvent> expectedClass(String type) {
        Class<? extends DifyEvent> expected = EXPECTED_CLASSES.get(type);
        assertThat(expected).as("the record for event type '%s'", type).isNotNull();
        return expected;
    }
}
