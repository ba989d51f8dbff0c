package io.github.difyspring.benchmarks.server;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The bytes a Dify chat app sends, as its Service API documents them: stream events framed as
 * {@code data: <compact JSON>} and a blank line, keep-alives as the bare {@code event: ping} and a
 * blank line, and the JSON answer of a blocking call ({@code ChatCompletionResponse}). Field order
 * and content follow Dify's server, so each client parses what it would parse in production.
 */
public final class DifyWire {

    /** A keep-alive ping, exactly as Dify frames it. */
    public static final byte[] PING = "event: ping\n\n".getBytes(StandardCharsets.US_ASCII);

    /** The marker of a stamped answer: {@code @<epoch micros>;} at its start. */
    public static final char STAMP_START = '@';

    private static final String FILLER = "the quick brown fox jumps over the lazy dog ";

    private static final String USAGE = "{\"prompt_tokens\":1033,\"prompt_unit_price\":\"0.001\",\"prompt_price_unit\":\"0.001\","
            + "\"prompt_price\":\"0.0010330\",\"completion_tokens\":%d,\"completion_unit_price\":\"0.002\","
            + "\"completion_price_unit\":\"0.001\",\"completion_price\":\"0.0002560\",\"total_tokens\":%d,"
            + "\"total_price\":\"0.0012890\",\"currency\":\"USD\",\"latency\":0.7682376249867957}";

    private DifyWire() {
    }

    /**
     * The ids one answer's events share.
     *
     * @param taskId the task id
     * @param messageId the message id
     * @param conversationId the conversation id
     * @param createdAt the creation time, in epoch seconds
     */
    public record AnswerIds(String taskId, String messageId, String conversationId, long createdAt) {

        /**
         * Fresh ids, as Dify makes for every message.
         * @return the ids
         */
        public static AnswerIds random() {
            return new AnswerIds(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    Instant.now().getEpochSecond());
        }
    }

    /**
     * One {@code message} event, framed.
     * @param ids the answer's ids
     * @param answer the answer fragment (JSON-safe text: letters, digits, spaces, {@code @;})
     * @return the event's bytes
     */
    public static byte[] messageEvent(AnswerIds ids, String answer) {
        return frame("{\"event\":\"message\",\"conversation_id\":\"" + ids.conversationId() + "\",\"message_id\":\""
                + ids.messageId() + "\",\"created_at\":" + ids.createdAt() + ",\"task_id\":\"" + ids.taskId() + "\",\"id\":\""
                + ids.messageId() + "\",\"answer\":\"" + answer + "\",\"from_variable_selector\":null}");
    }

    /**
     * The {@code message_end} event that closes an answer, with its usage, framed.
     * @param ids the answer's ids
     * @param completionTokens the tokens of the answer, one per event
     * @return the event's bytes
     */
    public static byte[] messageEndEvent(AnswerIds ids, int completionTokens) {
        return frame("{\"event\":\"message_end\",\"conversation_id\":\"" + ids.conversationId() + "\",\"message_id\":\""
                + ids.messageId() + "\",\"created_at\":" + ids.createdAt() + ",\"task_id\":\"" + ids.taskId() + "\",\"id\":\""
                + ids.messageId() + "\",\"metadata\":{\"usage\":" + usage(completionTokens)
                + ",\"retriever_resources\":[]},\"files\":null}");
    }

    /**
     * The answer of a blocking chat call ({@code response_mode: blocking}), as Dify's
     * {@code ChatCompletionResponse}.
     * @param ids the answer's ids
     * @param answer the whole answer
     * @return the JSON body
     */
    public static byte[] blockingAnswer(AnswerIds ids, String answer) {
        return ("{\"event\":\"message\",\"task_id\":\"" + ids.taskId() + "\",\"id\":\"" + ids.messageId() + "\",\"message_id\":\""
                + ids.messageId() + "\",\"conversation_id\":\"" + ids.conversationId() + "\",\"mode\":\"chat\",\"answer\":\"" + answer
                + "\",\"metadata\":{\"usage\":" + usage(answer.length() / 4) + ",\"retriever_resources\":[]},\"created_at\":"
                + ids.createdAt() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An answer fragment of a given length, optionally starting with the time it is sent.
     * @param chars the length (a stamp may make it longer)
     * @param sentAtMicros the send time in epoch microseconds, or a negative number for none
     * @return the text
     */
    public static String answer(int chars, long sentAtMicros) {
        StringBuilder text = new StringBuilder(Math.max(chars, 24));
        if (sentAtMicros >= 0) {
            text.append(STAMP_START).append(sentAtMicros).append(';');
        }
        while (text.length() < chars) {
            text.append(FILLER, 0, Math.min(FILLER.length(), chars - text.length()));
        }
        return text.toString();
    }

    /**
     * The send time of a stamped event, read from its JSON.
     * @param json the event's JSON, or a {@code data:} line carrying it
     * @return the send time in epoch microseconds, or -1 when the event carries none
     */
    public static long sentAtMicros(String json) {
        int answer = json.indexOf("\"answer\":\"");
        if (answer < 0) {
            return -1;
        }
        int start = answer + 10;
        if (start >= json.length() || json.charAt(start) != STAMP_START) {
            return -1;
        }
        long micros = 0;
        for (int i = start + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == ';') {
                return micros;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            micros = micros * 10 + (c - '0');
        }
        return -1;
    }

    /**
     * The current wall-clock time in epoch microseconds; comparable between processes on one machine.
     * @return the time
     */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static String usage(int completionTokens) {
        return String.format(USAGE, completionTokens, 1033 + completionTokens);
    }

    private static byte[] frame(String json) {
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
