package io.github.difyspring.client.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Display metadata of an app ({@code GET /meta}).
 *
 * @param toolIcons the icons of the tools the app uses, by tool name, in the server's order;
 * empty, never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppMeta(@JsonProperty("tool_icons") Map<String, ToolIcon> toolIcons) {

    /** Reads a missing or {@code null} map as empty and drops entries without an icon. */
    public AppMeta {
        Map<String, ToolIcon> copy = new LinkedHashMap<>();
        if (toolIcons != null) {
            toolIcons.forEach((name, icon) -> {
                if (name != null && icon != null) {
                    copy.put(name, icon);
                }
            });
        }
        toolIcons = Collections.unmodifiableMap(copy);
    }
}
