package io.github.difyspring.client.app;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * One feature block of an app's parameters, such as {@code speech_to_text} or
 * {@code text_to_speech}: whether it is on, and its settings as Dify sends them. The settings vary
 * by feature and server version, so they are kept whole rather than typed.
 *
 * @param enabled whether the feature is on; {@code false} when the block or its flag is missing
 * @param settings the whole block as sent, {@code enabled} included, in the server's order; empty,
 * never null
 */
public record AppFeature(boolean enabled, Map<String, Object> settings) {

    private static final AppFeature DISABLED = new AppFeature(false, Map.of());

    /** Copies the settings; reads {@code null} as none. */
    public AppFeature {
        settings = WireValues.object(settings);
    }

    /**
     * A feature that is off and has no settings, which is what a missing block means.
     * @return the disabled feature
     */
    public static AppFeature disabled() {
        return DISABLED;
    }

    /**
     * Reads a feature block; its {@code enabled} flag may be a boolean or a string, and a bare flag
     * in place of the block is read as that flag.
     * @param wire the block as decoded
     * @return the feature
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static AppFeature fromWire(@Nullable Object wire) {
        if (wire instanceof Map<?, ?> map) {
            return new AppFeature(WireValues.flag(map.get("enabled")), WireValues.object(map));
        }
        return (wire != null && WireValues.flag(wire)) ? new AppFeature(true, Map.of()) : DISABLED;
    }

    /**
     * One setting as text, such as {@code voice} and {@code language} of {@code text_to_speech}.
     * @param name the setting's name as Dify sends it
     * @return its string form, or {@code null} when the block has no such setting
     */
    public @Nullable String setting(String name) {
        return WireValues.text(this.settings.get(name));
    }
}
