package io.github.difyspring.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.difyspring.test.AppMemory.Message;
import io.github.difyspring.test.ScriptedApp.AgentThought;
import io.github.difyspring.test.ScriptedApp.Generation;

/**
 * The answers of chat, agent and completion apps, shaped as the transcripts {@code chat-*},
 * {@code agent-chat-*} and {@code completion-*} show, which follow Dify 1.14.2's
 * {@code api/core/app/entities/task_entities.py} and
 * {@code api/core/app/apps/*}{@code /generate_response_converter.py}.
 */
final class ChatAnswers {

    private ChatAnswers() {
    }

    /** A streamed answer; a stop ends the text early and, as in Dify's task pipeline, still ends with {@code message_end}. */
    static Flux<Map<String, Object>> stream(DifyAppMode mode, String taskId, Message message, Generation generation,
            Mono<Void> stopped) {
        long started = System.nanoTime();
        Flux<Map<String, Object>> text = (mode == DifyAppMode.AGENT_CHAT) ? agentEvents(taskId, message, generation)
                : Flux.fromIterable(generation.chunks()).map((chunk) -> {
                    message.append(chunk);
                    return event("message", mode, taskId, message, "id", message.id, "answer", chunk, "from_variable_selector", List.of());
                });
        return text.takeUntilOther(stopped)
            .concatWith(Mono.fromSupplier(() -> messageEnd(mode, taskId, message, (System.nanoTime() - started) / 1e9)));
    }

    static Map<String, Object> messageEnd(DifyAppMode mode, String taskId, Message message, double latency) {
        return event("message_end", mode, taskId, message, "id", message.id, "metadata",
                Wire.obj("retriever_resources", List.of(), "usage", usage(message.query, message.answer(), latency)), "files", List.of());
    }

    /**
     * An agent's events, as in {@code agent-chat-streaming}: per tool call a thought row sent empty,
     * the model's empty tool-call chunk, the row with the tool, the row with its observation; per
     * thought a row with its text; then the answer row, the answer in {@code agent_message} pieces,
     * and the answer row with the answer.
     */
    private static Flux<Map<String, Object>> agentEvents(String taskId, Message message, Generation generation) {
        List<Map<String, Object>> events = new ArrayList<>();
        int position = 1;
        for (AgentThought thought : generation.thoughts()) {
            String id = UUID.randomUUID().toString();
            events.add(thought(taskId, message, id, position, AgentThought.EMPTY));
            if (!thought.tool().isEmpty()) {
                events.add(agentMessage(taskId, message, ""));
                events.add(thought(taskId, message, id, position, new AgentThought("", thought.tool(), thought.toolInput(), "")));
            }
            events.add(thought(taskId, message, id, position++, thought));
        }
        String answerRow = UUID.randomUUID().toString();
        int answerPosition = position;
        events.add(thought(taskId, message, answerRow, answerPosition, AgentThought.EMPTY));
        Flux<Map<String, Object>> pieces = Flux.fromIterable(generation.chunks()).map((chunk) -> {
            message.append(chunk);
            return agentMessage(taskId, message, chunk);
        });
        return Flux.fromIterable(events).concatWith(pieces).concatWith(Mono.fromSupplier(
                () -> thought(taskId, message, answerRow, answerPosition, new AgentThought(message.answer(), "", "", ""))));
    }

    private static Map<String, Object> agentMessage(String taskId, Message message, String chunk) {
        return event("agent_message", DifyAppMode.AGENT_CHAT, taskId, message, "id", message.id, "answer", chunk);
    }

    private static Map<String, Object> thought(String taskId, Message message, String id, int position, AgentThought thought) {
        Object labels = thought.tool().isEmpty() ? Map.of() : Map.of(thought.tool(), Map.of("en_US", thought.tool(), "zh_Hans", thought.tool()));
        return event("agent_thought", DifyAppMode.AGENT_CHAT, taskId, message, "id", id, "position", position, "thought", thought.thought(),
                "observation", thought.observation(), "tool", thought.tool(), "tool_labels", labels, "tool_input", thought.toolInput(),
                "message_files", List.of());
    }

    /** A blocking answer, as in {@code chat-blocking} and {@code completion-blocking}. */
    static Map<String, Object> blocking(DifyAppMode mode, String taskId, Message message, double latency) {
        Map<String, Object> answer = Wire.obj("event", "message", "task_id", taskId, "id", message.id, "message_id", message.id);
        if (message.conversationId != null) {
            answer.put("conversation_id", message.conversationId);
        }
        answer.putAll(Wire.obj("mode", mode.wireName(), "answer", message.answer(), "metadata", Wire.obj("annotation_reply", null,
                "retriever_resources", List.of(), "usage", usage(message.query, message.answer(), latency)), "created_at", message.createdAt));
        return answer;
    }

    /** The {@code error} event of the chat family: no {@code task_id}; a completion's has no {@code conversation_id}. */
    static Map<String, Object> errorEvent(DifyAppMode mode, Message message, DifyFault fault) {
        Map<String, Object> event = Wire.obj("event", "error");
        if (mode != DifyAppMode.COMPLETION) {
            event.put("conversation_id", message.conversationId);
        }
        event.putAll(Wire.obj("message_id", message.id, "created_at", message.createdAt, "code", fault.code(), "status", fault.status(),
                "message", fault.message()));
        return event;
    }

    /** An event of the chat family: type, conversation (not for completions), message, time, task, then the fields given. */
    static Map<String, Object> event(String type, DifyAppMode mode, String taskId, Message message, @Nullable Object... fields) {
        Map<String, Object> event = Wire.obj("event", type);
        if (mode != DifyAppMode.COMPLETION) {
            event.put("conversation_id", message.conversationId);
        }
        event.putAll(Wire.obj("message_id", message.id, "created_at", message.createdAt, "task_id", taskId));
        event.putAll(Wire.obj(fields));
        return event;
    }

    /** Token counts made up from the words of the query and the answer, with Dify's price fields. */
    static Map<String, Object> usage(@Nullable String query, String answer, double latency) {
        int prompt = ((query != null) ? ScriptedApp.words(query).size() : 0) + 12;
        int completion = ScriptedApp.words(answer).size();
        return Wire.obj("prompt_tokens", prompt, "prompt_unit_price", "0.0", "prompt_price_unit", "0.000001", "prompt_price", "0.0000000",
                "completion_tokens", completion, "completion_unit_price", "0.0", "completion_price_unit", "0.000001",
                "completion_price", "0.0000000", "total_tokens", prompt + completion, "total_price", "0.0000000", "currency", "USD",
                "latency", Math.round(latency * 1000) / 1000.0);
    }
}
