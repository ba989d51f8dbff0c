package io.github.difyspring.benchmarks.server;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one stream of the load server looks like: how many {@code message} events, how long each
 * answer fragment is, how far apart the events are, how often a keep-alive ping comes and whether
 * each event carries the time it was sent. The profile travels in the app's base URL (for example
 * {@code http://127.0.0.1:8123/bench/e100-a16-i20-p25-stamped/v1}), so every client, ours, the
 * peer and the sample app, asks for it with its plain Dify configuration and reads the same bytes.
 *
 * @param events the number of {@code message} events before {@code message_end}
 * @param answerChars the length of each event's {@code answer}
 * @param spacingMillis the pause between two events; 0 sends as fast as the connection takes them
 * @param pingEvery a ping after every this many events (and one before the first); 0 for none but the first
 * @param stamped whether each answer starts with the server's send time, {@code @<epoch micros>;}, for
 * measuring per-event latency across processes (same machine, same wall clock)
 */
public record StreamProfile(int events, int answerChars, int spacingMillis, int pingEvery, boolean stamped) {

    private static final Pattern BASE_PATH = Pattern.compile("/bench/e(\\d+)-a(\\d+)-i(\\d+)-p(\\d+)-(stamped|plain)/v1");

    /**
     * Checks the figures.
     * @throws IllegalArgumentException when one is negative
     */
    public StreamProfile {
        if (events < 0 || answerChars < 0 || spacingMillis < 0 || pingEvery < 0) {
            throw new IllegalArgumentException("Stream profile figures must not be negative: " + events + ", " + answerChars + ", "
                    + spacingMillis + ", " + pingEvery);
        }
    }

    /**
     * The path the profile is served under, up to and including Dify's {@code /v1}.
     * @return the base path
     */
    public String basePath() {
        return "/bench/e" + this.events + "-a" + this.answerChars + "-i" + this.spacingMillis + "-p" + this.pingEvery + "-"
                + (this.stamped ? "stamped" : "plain") + "/v1";
    }

    /**
     * The Dify base URL of this profile on a load server.
     * @param port the load server's loopback port
     * @return the base URL, as an app would be configured with it
     */
    public URI baseUrl(int port) {
        return URI.create("http://127.0.0.1:" + port + basePath());
    }

    /**
     * How long one stream takes at the server's pace: the events go out at 0, spacing, 2 x spacing...
     * and {@code message_end} one spacing after the last.
     * @return the duration; zero for a stream sent as fast as possible
     */
    public Duration duration() {
        return Duration.ofMillis((long) this.events * this.spacingMillis);
    }

    /**
     * Reads the profile from the start of a request path.
     * @param path the request path, such as {@code /bench/e10-a16-i20-p0-plain/v1/chat-messages}
     * @return the profile and the rest of the path after {@code /v1}, or empty when the path has no profile
     */
    public static Optional<Located> locate(String path) {
        Matcher matcher = BASE_PATH.matcher(path);
        if (!matcher.lookingAt()) {
            return Optional.empty();
        }
        StreamProfile profile = new StreamProfile(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)), matcher.group(5).equals("stamped"));
        return Optional.of(new Located(profile, path.substring(matcher.end())));
    }

    /**
     * A profile found in a request path, and the Dify endpoint path that follows it.
     *
     * @param profile the profile
     * @param endpoint the path after {@code /v1}, such as {@code /chat-messages}
     */
    public record Located(StreamProfile profile, String endpoint) {
    }
}
