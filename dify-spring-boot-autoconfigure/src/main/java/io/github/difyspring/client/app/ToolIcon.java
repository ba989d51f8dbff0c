package io.github.difyspring.client.app;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * The icon of a tool an app uses: Dify sends either the URL of an image or an emoji on a
 * background colour.
 *
 * @param url the image URL, or {@code null} for an emoji icon
 * @param content the emoji, or {@code null} for an image icon
 * @param background the emoji's background colour, such as {@code #4A90D9}, or {@code null}
 */
public record ToolIcon(@Nullable String url, @Nullable String content, @Nullable String background) {

    /**
     * Reads an icon in either of its wire forms: a URL string or {@code {"background", "content"}}.
     * @param wire the decoded JSON value
     * @return the icon
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ToolIcon fromWire(Object wire) {
        if (wire instanceof Map<?, ?> map) {
            return new ToolIcon(WireValues.text(map.get("url")), WireValues.text(map.get("content")),
                    WireValues.text(map.get("background")));
        }
        return new ToolIcon(WireValues.text(wire), null, null);
    }

    /**
     * Whether this is an image icon, to be loaded from {@link #url()}.
     * @return {@code true} when there is a URL
     */
    public boolean isImage() {
        return this.url != null;
    }
}
