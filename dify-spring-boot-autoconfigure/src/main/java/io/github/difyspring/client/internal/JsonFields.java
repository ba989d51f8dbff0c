package io.github.difyspring.client.internal;

import org.jspecify.annotations.Nullable;

/**
 * Reads one top-level string field of a JSON object without parsing the rest, so a stream event's
 * type can be told before the event is decoded once into its own record.
 */
final class JsonFields {

    private JsonFields() {
    }

    /**
     * Finds the string value of a top-level field.
     * @param json the JSON text
     * @param field the field name
     * @return the value, or {@code null} when the object has no such field or its value is not a
     * string
     * @throws IllegalArgumentException when the text is not a JSON object or a string in it is
     * unterminated
     */
    static @Nullable String topLevelString(String json, String field) {
        int length = json.length();
        int i = skipWhitespace(json, 0);
        if (i >= length || json.charAt(i) != '{') {
            throw new IllegalArgumentException("not a JSON object");
        }
        int depth = 0;
        boolean keyNext = false;
        for (; i < length; i++) {
            char c = json.charAt(i);
            switch (c) {
                case '{', '[' -> {
                    depth++;
                    keyNext = (depth == 1);
                }
                case '}', ']' -> {
                    depth--;
                    if (depth == 0) {
                        return null;
                    }
                }
                case ',' -> keyNext = (depth == 1);
                case '"' -> {
                    int end = closingQuote(json, i);
                    if (keyNext) {
                        keyNext = false;
                        int value = skipWhitespace(json, skipWhitespace(json, end + 1) + 1);
                        boolean match = (end - i - 1 == field.length()) && json.startsWith(field, i + 1);
                        if (match && value < length && json.charAt(value) == '"') {
                            return unescape(json, value + 1, closingQuote(json, value));
                        }
                    }
                    i = end;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("unterminated JSON object");
    }

    private static int skipWhitespace(String json, int from) {
        int i = from;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int closingQuote(String json, int openingQuote) {
        for (int i = openingQuote + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\') {
                i++;
            }
            else if (c == '"') {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated JSON string");
    }

    private static String unescape(String json, int start, int end) {
        if (json.indexOf('\\', start) < 0 || json.indexOf('\\', start) >= end) {
            return json.substring(start, end);
        }
        StringBuilder out = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = json.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = json.charAt(++i);
            switch (escaped) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 >= end) {
                        throw new IllegalArgumentException("bad unicode escape in JSON string");
                    }
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }
}
