package io.github.difyspring.client.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * One recorded answer of Dify, as a file under {@code src/test/resources/conformance/}: comment
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

    private static final Pattern NOTE = Pattern.compile("^# ([A-Z][A-Za-z ]+): (.*)$");

    /**
     * Reads a transcript from the test class path.
     * @param name the file name without {@code .txt}
     * @return the transcript
     */
    public static Transcript load(String name) {
        String text;
        try (InputStream in = Transcript.class.getResourceAsStream("/conformance/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("No transcript " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Map<String, String> notes = new LinkedHashMap<>();
        List<String> comments = new ArrayList<>();
        int at = 0;
        while (text.startsWith("#", at)) {
            int end = text.indexOf('\n', at);
            comments.add(text.substring(at, end).replaceFirst("^# ?", ""));
            Matcher note = NOTE.matcher(text.substring(at, end));
            if (note.matches()) {
                notes.putIfAbsent(note.group(1), note.group(2));
            }
            at = end + 1;
        }
        int headEnd = text.indexOf("\n\n", at);
        String[] head = text.substring(at, headEnd).split("\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).strip(), head[i].substring(colon + 1).strip());
        }
        return new Transcript(name, comments, notes, status, headers, text.substring(headEnd + 2));
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
