package io.github.difyspring.client.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.github.difyspring.test.DifyTranscript;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * One recorded answer of Dify, as the test module's {@link DifyTranscript} presets have it: comment
 * lines ({@code # ...}) that say which Dify source it follows and what a client must make of it
 * ({@code # Assembled answer: ...}, {@code # Outcome: ...}), then the HTTP answer: status line,
 * headers, a blank line and the body exactly as Dify writes it on the wire.
 *
 * @param name the file name without {@code .txt}
 * @param comments the comment lines, without their {@code # }
 * @param notes the comment lines' {@code Key: value} pairs
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body, as on the wire
 */
public record Transcript(String name, List<String> comments, Map<String, String> notes, int status, Map<String, String> headers, String body) {

    private static final Pattern EVENT_TYPE = Pattern.compile("^data: \\{\"event\": ?\"([a-z_]+)\"", Pattern.MULTILINE);

    private static final Pattern NOTE = Pattern.compile("^([A-Z][A-Za-z ]+): (.*)$");

    /**
     * Reads a transcript, one of {@link DifyTranscript}'s.
     * @param name the file name without {@code .txt}
     * @return the transcript
     */
    public static Transcript load(String name) {
        DifyTranscript transcript = Arrays.stream(DifyTranscript.values())
            .filter((candidate) -> candidate.fileName().equals(name + ".txt"))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No transcript " + name));
        Map<String, String> notes = new LinkedHashMap<>();
        for (String comment : transcript.comments()) {
            Matcher note = NOTE.matcher(comment);
            if (note.matches()) {
                notes.putIfAbsent(note.group(1), note.group(2));
            }
        }
        return new Transcript(name, transcript.comments(), notes, transcript.status(), transcript.headers(), transcript.body());
    }

    /**
     * The names of all transcripts, sorted.
     * @return the file names without {@code .txt}
     */
    static List<String> names() {
        return Arrays.stream(DifyTranscript.values()).map((transcript) -> transcript.fileName().replace(".txt", "")).sorted().toList();
    }

    /**
     * The answer a client must assemble, from the {@code # Assembled answer:} line.
     * @return the answer text, or {@code null} where the transcript says {@code none}
     */
    String assembledAnswer() {
        String answer = this.notes.get("Assembled answer");
        return (answer == null || answer.equals("none")) ? null : answer;
    }

    /**
     * The type of each event of a stream, in order, as its JSON names it; pings are not events.
     * @return the event types
     */
    List<String> eventTypes() {
        List<String> types = new ArrayList<>();
        Matcher matcher = EVENT_TYPE.matcher(this.body);
        while (matcher.find()) {
            types.add(matcher.group(1));
        }
        return types;
    }

    /**
     * Each event's JSON, in order, exactly as on the wire.
     * @return the events' data
     */
    List<String> eventJson() {
        return this.body.lines().filter((line) -> line.startsWith("data: ")).map((line) -> line.substring(6)).toList();
    }

    /**
     * The answer as WireMock serves it: the same status, headers and bytes.
     * @return the response definition
     */
    ResponseDefinitionBuilder response() {
        ResponseDefinitionBuilder response = aResponse().withStatus(this.status).withBody(this.body.getBytes(StandardCharsets.UTF_8));
        this.headers.forEach(response::withHeader);
        return response;
    }
}
