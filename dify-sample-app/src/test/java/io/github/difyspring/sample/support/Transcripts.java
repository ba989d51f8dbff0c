package io.github.difyspring.sample.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * The library's conformance transcripts (what Dify's server code sends per app mode, under
 * {@code conformance/} on the test class path, taken from the auto-configuration module's test
 * resources by this module's build), served by WireMock as Dify would.
 */
public final class Transcripts {

    private Transcripts() {
    }

    /**
     * A transcript as WireMock serves it: its status, headers and body; its comments left out.
     * @param name the file name without {@code .txt}, such as {@code agent-streaming}
     * @return the response
     */
    public static ResponseDefinitionBuilder response(String name) {
        String text;
        try (InputStream in = Transcripts.class.getResourceAsStream("/conformance/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("No conformance transcript " + name + " on the test class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String answer = text.lines().dropWhile((line) -> line.startsWith("#")).reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n";
        int headEnd = answer.indexOf("\n\n");
        List<String> head = answer.substring(0, headEnd).lines().toList();
        ResponseDefinitionBuilder response = aResponse().withStatus(Integer.parseInt(head.get(0).split(" ")[1]))
            .withBody(answer.substring(headEnd + 2));
        head.stream().skip(1).forEach((header) -> response.withHeader(header.substring(0, header.indexOf(':')),
                header.substring(header.indexOf(':') + 1).strip()));
        return response;
    }
}
