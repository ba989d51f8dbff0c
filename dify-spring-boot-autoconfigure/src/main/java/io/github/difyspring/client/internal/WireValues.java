package io.github.difyspring.client.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Tolerant readers for the loosely typed parts of Dify's answers (maps decoded as plain Java
 * values): numbers and booleans that may arrive as strings, times in the several forms Dify's
 * endpoints use.
 */
public final class WireValues {

    private WireValues() {
    }

    /**
     * Reads a time. Dify sends epoch seconds on some endpoints and ISO-8601 strings on others,
     * the latter sometimes without an offset (Python's {@code isoformat()} of a naive UTC time).
     * @param value a number of epoch seconds, or a string in ISO-8601 (with or without offset),
     * epoch seconds or RFC 1123 form, or {@code null}
     * @return the instant, or {@code null} for {@code null} or a blank string
     * @throws IllegalArgumentException when the value is in none of these forms
     */
    public static @Nullable Instant instant(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return fromEpochSeconds(new BigDecimal(number.toString()));
        }
        String text = value.toString().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            return fromEpochSeconds(new BigDecimal(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException ex) {
            // not with an offset: try the other forms
        }
        try {
            // Dify stores times in UTC, and isoformat() of such a naive time has no offset.
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException ex) {
            // not a local ISO time either
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
        catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("Not a time Dify sends: '" + text + "'", ex);
        }
    }

    private static Instant fromEpochSeconds(BigDecimal seconds) {
        long whole = seconds.longValue();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /**
     * Reads a flag.
     * @param value a boolean, the strings {@code true}/{@code false} (any case), a number (non-zero is
     * true), or {@code null}
     * @return the flag; {@code false} for {@code null} and anything else
     */
    public static boolean flag(@Nullable Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0;
        }
        return (value != null) && "true".equalsIgnoreCase(value.toString().strip());
    }

    /**
     * Reads a whole number.
     * @param value a number or a numeric string, or {@code null}
     * @return the number, or {@code null} for {@code null}, a blank string or text that is no number
     */
    public static @Nullable Integer integer(@Nullable Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value != null) {
            try {
                return new BigDecimal(value.toString().strip()).intValue();
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }
        return null;
    }

    /**
     * Reads a text.
     * @param value any value, or {@code null}
     * @return its string form, or {@code null} for {@code null}
     */
    public static @Nullable String text(@Nullable Object value) {
        return (value != null) ? value.toString() : null;
    }

    /**
     * Reads a list of texts.
     * @param value a list (or a single value), or {@code null}
     * @return the string forms of its non-null elements, unmodifiable; empty for {@code null}
     */
    public static List<String> texts(@Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        Collection<?> values = (value instanceof Collection<?> collection) ? collection : List.of(value);
        List<String> texts = new ArrayList<>(values.size());
        for (Object element : values) {
            if (element != null) {
                texts.add(element.toString());
            }
        }
        return Collections.unmodifiableList(texts);
    }

    /**
     * Copies a list, dropping {@code null} elements.
     * @param <T> the element type
     * @param list the list, or {@code null}
     * @return an unmodifiable copy; empty for {@code null}
     */
    public static <T> List<T> list(@Nullable List<T> list) {
        if (list == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(list.size());
        for (T element : list) {
            if (element != null) {
                copy.add(element);
            }
        }
        return Collections.unmodifiableList(copy);
    }

    /**
     * Copies a JSON object read as a map, keeping its order and its {@code null} values.
     * @param value a map, or {@code null} or anything else
     * @return an unmodifiable copy with string keys; empty when the value is no map
     */
    public static Map<String, Object> object(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, element) -> copy.put(String.valueOf(key), element));
        return Collections.unmodifiableMap(copy);
    }
}
