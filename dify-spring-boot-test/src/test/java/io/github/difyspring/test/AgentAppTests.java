package io.github.difyspring.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.difyspring.test.Bodies.assertError;
import static io.github.difyspring.test.Bodies.message;
import static io.github.difyspring.test.Bodies.pieces;
import static io.github.difyspring.test.Bodies.streaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An agent app of the test server: its thoughts and tool calls as {@code agent_thought} rows, its
 * answer as {@code agent_message} pieces, and Dify's refusal of blocking mode
 * ({@code api/core/app/apps/agent_chat/app_generator.py}; the shapes of the {@code agent-chat-streaming}
 * transcript).
 */
class AgentAppTests {

    private static final String KEY = "app-agent-key";

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> server.agentApp("helper", KEY));

    private final DifyTestServer server = dify.server();

    private final ScriptedApp agent = server.app("helper");

    private final WireClient client = new WireClient(server, KEY);

    @Test
    void streamsThoughtsToolCallsAndTheAnswer() {
        agent.thinks("I should look up the weather.")
            .usesTool("get_weather", "{\"city\": \"Berlin\"}", "Sunny, 21 degrees")
            .answers("It is sunny in Berlin.");

        WireClient.Stream stream = client.stream("/chat-messages", streaming(message("Weather in Berlin?", "user-1")));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.frames().get(0)).isEqualTo("event: ping");
        List<Map<String, Object>> thoughts = events(stream, "agent_thought");
        assertThat(thoughts).anySatisfy((row) -> assertThat(row).containsEntry("thought", "I should look up the weather.")
            .containsEntry("position", 1));
        assertThat(thoughts).anySatisfy((row) -> assertThat(row).containsEntry("tool", "get_weather")
            .containsEntry("tool_input", "{\"city\": \"Berlin\"}")
            .containsEntry("observation", "Sunny, 21 degrees")
            .containsEntry("position", 2));
        assertThat(thoughts).filteredOn((row) -> "get_weather".equals(row.get("tool"))).first()
            .satisfies((call) -> assertThat(call).containsEntry("observation", ""));
        assertThat(String.join("", pieces(stream, "agent_message").stream().map(String::valueOf).toList()))
            .isEqualTo("It is sunny in Berlin.");
        assertThat(stream.types()).doesNotContain("message").endsWith("agent_thought", "message_end");
        assertThat(thoughts.get(thoughts.size() - 1)).containsEntry("thought", "It is sunny in Berlin.").containsEntry("position", 3)
            .containsEntry("tool", "");
        Map<String, Object> end = stream.first("message_end");
        assertThat(stream.events()).extracting((event) -> event.get("message_id")).containsOnly(end.get("id"));
        assertThat(stream.events()).extracting((event) -> event.get("conversation_id")).doesNotContainNull()
            .containsOnly(end.get("conversation_id"));
    }

    @Test
    void answersWithoutThoughtsInAgentMessages() {
        agent.answersInChunks("Hello", ", there");

        WireClient.Stream stream = client.stream("/chat-messages", streaming(message("Hi", "user-1")));

        assertThat(pieces(stream, "agent_message")).containsExactly("Hello", ", there");
        assertThat(stream.types()).containsExactly("agent_thought", "agent_message", "agent_message", "agent_thought", "message_end");
        assertThat(stream.events().get(0)).containsEntry("thought", "");
        assertThat(stream.events().get(3)).containsEntry("thought", "Hello, there").containsEntry("id", stream.events().get(0).get("id"));
    }

    @Test
    void refusesBlockingMode() {
        assertError(client.post("/chat-messages", Bodies.blocking(message("Hi", "user-1"))), 400, "invalid_param",
                "Agent Chat App does not support blocking mode");
    }

    @Test
    void scriptsThoughtsOnlyForAgents() {
        ScriptedApp chat = server.chatApp("support", "app-chat-key");

        assertThatIllegalStateException().isThrownBy(() -> chat.thinks("Hmm")).withMessageContaining("agent");
        assertThatIllegalStateException().isThrownBy(() -> chat.usesTool("search", "{}", "nothing")).withMessageContaining("agent");
    }

    private static List<Map<String, Object>> events(WireClient.Stream stream, String type) {
        return stream.events().stream().filter((event) -> type.equals(event.get("event"))).toList();
    }
}
