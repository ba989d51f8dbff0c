package io.github.difyspring.test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The transcripts as files and as {@link DifyTranscript} reads them: one constant per file, the
 * answer split where the file splits it, and a stream's frames exactly its body.
 */
class DifyTranscriptTests {

    @Test
    void everyTranscriptFileHasAConstantNamedAfterIt() throws IOException, URISyntaxException {
        Path folder = Path.of(DifyTranscript.class.getResource("transcripts").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(DifyTranscript.values()).map(DifyTranscript::fileName).toList());
        }
        assertThat(DifyTranscript.values()).allSatisfy((transcript) -> assertThat(transcript.fileName())
            .isEqualTo(transcript.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".txt"));
    }

    @ParameterizedTest
    @EnumSource(DifyTranscript.class)
    void theFileIsTheCommentsThenTheStatusLineTheHeadersABlankLineAndTheBody(DifyTranscript transcript) {
        StringBuilder file = new StringBuilder();
        transcript.comments().forEach((comment) -> file.append("# ").append(comment).append('\n'));
        file.append("HTTP/1.1 ").append(transcript.status()).append('\n');
        transcript.headers().forEach((name, value) -> file.append(name).append(": ").append(value).append('\n'));
        file.append('\n').append(transcript.body());

        assertThat(file.toString()).isEqualTo(transcript.text());
        assertThat(transcript.comments().get(0)).startsWith("Dify conformance transcript: ");
        assertThat(transcript.note("Request")).startsWith("POST /");
    }

    @ParameterizedTest
    @EnumSource(DifyTranscript.class)
    void aStreamIsItsFramesEachADataOrPingLineAndABlankLine(DifyTranscript transcript) {
        assertThat(transcript.isStream()).isEqualTo(transcript.headers().get("Content-Type").startsWith("text/event-stream"));
        if (transcript.isStream()) {
            assertThat(String.join("", transcript.frames())).isEqualTo(transcript.body());
            assertThat(transcript.frames()).isNotEmpty()
                .allSatisfy((frame) -> assertThat(frame).matches("(data: \\{[^\n]*\\}|event: ping)\n\n"));
        }
        else {
            assertThat(transcript.frames()).isEmpty();
            assertThat(transcript.body()).startsWith("{").doesNotContain("\n\n");
        }
    }

    @Test
    void aChatflowStreamStartsWithAPingAndEndsAtTheWorkflowsEnd() {
        DifyTranscript transcript = DifyTranscript.CHATFLOW_STREAMING;

        assertThat(transcript.status()).isEqualTo(200);
        assertThat(transcript.headers()).containsExactly(entry("Content-Type", "text/event-stream; charset=utf-8"));
        assertThat(transcript.frames().get(0)).isEqualTo("event: ping\n\n");
        assertThat(transcript.frames().get(transcript.frames().size() - 1)).startsWith("data: {\"event\":\"workflow_finished\"");
        assertThat(transcript.note("Assembled answer")).isEqualTo("Hello, world");
        assertThat(transcript.note("Outcome")).isEqualTo("succeeded");
        assertThat(transcript.note("No such key")).isNull();
    }

    @Test
    void aRefusalIsDifysErrorAnswerWithItsStatus() {
        DifyTranscript transcript = DifyTranscript.AGENT_BLOCKING_REFUSED;

        assertThat(transcript.status()).isEqualTo(400);
        assertThat(transcript.isStream()).isFalse();
        assertThat(transcript.body()).isEqualTo(
                "{\"code\":\"bad_request\",\"message\":\"Agent App only supports streaming response mode.\",\"status\":400}\n");
        assertThat(transcript.text().getBytes(StandardCharsets.UTF_8)).endsWith(transcript.body().getBytes(StandardCharsets.UTF_8));
    }
}
