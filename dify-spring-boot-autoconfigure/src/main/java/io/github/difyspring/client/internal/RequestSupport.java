package io.github.difyspring.client.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyFile;

/**
 * Checks and conversions shared by the request types and clients. Not meant to be used directly.
 */
public final class RequestSupport {

    private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private RequestSupport() {
    }

    /**
     * Picks the end user of a request: the one it names, else the app's default.
     * @param app the app
     * @param requested the user the request names, or {@code null}
     * @return the user to send
     * @throws IllegalArgumentException when neither names one (Dify requires a user)
     */
    public static String user(DifyApp app, @Nullable String requested) {
        if (requested != null && !requested.isBlank()) {
            return requested;
        }
        if (app.defaultUser() != null && !app.defaultUser().isBlank()) {
            return app.defaultUser();
        }
        throw new IllegalArgumentException("The request to Dify app '" + app.name()
                + "' names no user and the app has no default user: Dify requires one. Set the request's user, or "
                + "give the app a default (dify.apps." + app.name() + ".user with the Spring Boot starter)");
    }

    /**
     * Checks a trace id against what Dify accepts in {@code X-Trace-Id}.
     * @param traceId the trace id, or {@code null}
     * @return the trace id
     * @throws IllegalArgumentException when it is not 1 to 128 of {@code [A-Za-z0-9_-]}
     */
    public static @Nullable String traceId(@Nullable String traceId) {
        if (traceId != null && !TRACE_ID.matcher(traceId).matches()) {
            throw new IllegalArgumentException("A Dify trace id is 1 to 128 characters of A-Z, a-z, 0-9, '_' and '-'; got '"
                    + traceId + "'");
        }
        return traceId;
    }

    /**
     * An unmodifiable copy of the inputs that keeps their order and allows {@code null} values.
     * @param inputs the inputs, or {@code null}
     * @return the copy, empty for {@code null}
     */
    public static Map<String, Object> inputs(@Nullable Map<String, ?> inputs) {
        return (inputs != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(inputs)) : Map.of();
    }

    /**
     * The files in the form Dify expects.
     * @param files the files
     * @return their wire form
     */
    public static List<Map<String, Object>> wireFiles(List<DifyFile> files) {
        List<Map<String, Object>> wire = new ArrayList<>(files.size());
        for (DifyFile file : files) {
            wire.add(file.toWire());
        }
        return wire;
    }
}
