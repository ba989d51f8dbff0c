package io.github.difyspring.client.testserver;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.test.DifyAppMode;
import io.github.difyspring.test.DifyTranscript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance transcripts replayed by the test double ({@code ScriptedApp.replays}), through
 * the clients: every event decodes to its typed record, and the answer the client assembles is the
 * one the transcript names ({@code # Assembled answer:}). The conformance suite reads the same
 * files directly; this checks that the double sends them as they are.
 */
class TranscriptReplayThroughClientTests extends ThroughClientSupport {

    private static final String KEY = "app-replay-test-key";

    @ParameterizedTest
    @CsvSource({ "CHAT_STREAMING, CHAT, CHAT", "CHAT_STREAMING_REPLACED, CHAT, CHAT", "CHATFLOW_STREAMING, ADVANCED_CHAT, CHATFLOW",
            "CHATFLOW_STREAMING_REPLACED, ADVANCED_CHAT, CHATFLOW", "CHATFLOW_STREAMING_PAUSED, ADVANCED_CHAT, CHATFLOW",
            "AGENT_CHAT_STREAMING, AGENT_CHAT, AGENT", "AGENT_STREAMING, AGENT_CHAT, AGENT" })
    void aReplayedChatStreamAssemblesToTheTranscriptsAnswer(DifyTranscript transcript, DifyAppMode mode, DifyAppType type) {
        this.dify.app("replay", KEY, mode).replays(transcript);
        DifyChatClient chat = chatClient("replay", type, KEY);

        List<DifyEvent> events = collect(chat.stream(ChatRequest.of("Hi")));

        StreamedAnswer answer = assemble(events);
        assertThat(answer.text()).isEqualTo(transcript.note("Assembled answer"));
        if ("paused".equals(transcript.note("Outcome"))) {
            assertThat(answer.pause()).isNotNull();
        }
        else {
            assertThat(answer.messageEnded()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({ "CHAT_BLOCKING, CHAT, CHAT", "CHATFLOW_BLOCKING, ADVANCED_CHAT, CHATFLOW",
            "CHATFLOW_BLOCKING_PAUSED, ADVANCED_CHAT, CHATFLOW" })
    void aReplayedBlockingChatAnswerIsTheTranscriptsAnswer(DifyTranscript transcript, DifyAppMode mode, DifyAppType type) {
        this.dify.app("replay", KEY, mode).replays(transcript);

        ChatResponse answer = chatClient("replay", type, KEY).send(ChatRequest.of("Hi")).block(TIMEOUT);

        assertThat(answer.answer()).isEqualTo(transcript.note("Assembled answer"));
        assertThat(answer.isPaused()).isEqualTo("paused".equals(transcript.note("Outcome")));
    }

    @ParameterizedTest
    @CsvSource({ "COMPLETION_STREAMING", "COMPLETION_STREAMING_REPLACED" })
    void aReplayedCompletionStreamAssemblesToTheTranscriptsAnswer(DifyTranscript transcript) {
        this.dify.completionApp("replay", KEY).replays(transcript);
        DifyCompletionClient writer = completionClient("replay", KEY);

        List<DifyEvent> events = collect(writer.stream(CompletionRequest.builder().build()));

        assertThat(assemble(events).text()).isEqualTo(transcript.note("Assembled answer"));
        this.dify.app("replay").replays(DifyTranscript.COMPLETION_BLOCKING);
        assertThat(writer.send(CompletionRequest.builder().build()).block(TIMEOUT).answer())
            .isEqualTo(DifyTranscript.COMPLETION_BLOCKING.note("Assembled answer"));
    }
}
