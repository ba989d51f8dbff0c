package io.github.difyspring.client.app;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * One field of an app's user input form: an input the app's {@code inputs} can carry. Dify sends
 * each field as an object with a single key naming its kind ({@code text-input}, {@code paragraph},
 * {@code select}, {@code number}, {@code file}, {@code file-list}, {@code checkbox},
 * {@code json_object}, ...) that holds its settings. The common settings are typed here; every
 * setting, including those of kinds unknown to this client, stays in {@link #attributes()}.
 *
 * @param kind the kind, as Dify names it, such as {@code text-input}; kinds this client does not
 * know arrive as sent
 * @param variable the name of the input variable, the key to use in {@code inputs}
 * @param label the label to show
 * @param required whether the app requires this input
 * @param defaultValue the default value as sent (a string, number, boolean, list...), or
 * {@code null}
 * @param maxLength the maximum length of a text, or the maximum number of files of a file list, when
 * set
 * @param options the choices of a {@code select} field; empty, never null
 * @param attributes all the field's settings as sent, in the server's order; empty, never null
 */
public record InputField(String kind, @Nullable String variable, @Nullable String label, boolean required,
        @Nullable Object defaultValue, @Nullable Integer maxLength, List<String> options,
        Map<String, Object> attributes) {

    /** Checks the kind; copies the lists and reads {@code null} ones as empty. */
    public InputField {
        Objects.requireNonNull(kind, "kind");
        options = WireValues.list(options);
        attributes = WireValues.object(attributes);
    }

    /**
     * Reads a form entry: {@code {"<kind>": {"label", "variable", "required", "default",
     * "max_length", "options", ...}}}. Flags and numbers are accepted as strings too.
     * @param wire the entry as decoded
     * @return the field
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static InputField fromWire(Map<String, Object> wire) {
        if (wire.isEmpty()) {
            return new InputField("", null, null, false, null, null, List.of(), Map.of());
        }
        // The single key is the kind. Should a server ever add a key beside it, the first one whose
        // value is an object is taken, as that is the shape of a field.
        Map.Entry<String, Object> entry = wire.entrySet().iterator().next();
        for (Map.Entry<String, Object> candidate : wire.entrySet()) {
            if (candidate.getValue() instanceof Map) {
                entry = candidate;
                break;
            }
        }
        Map<String, Object> settings = WireValues.object(entry.getValue());
        return new InputField(entry.getKey(), WireValues.text(settings.get("variable")),
                WireValues.text(settings.get("label")), WireValues.flag(settings.get("required")),
                settings.get("default"), WireValues.integer(settings.get("max_length")),
                WireValues.texts(settings.get("options")), settings);
    }

    /**
     * One setting as text, such as {@code placeholder} or {@code hint}.
     * @param name the setting's name as Dify sends it
     * @return its string form, or {@code null} when the field has no such setting
     */
    public @Nullable String attribute(String name) {
        return WireValues.text(this.attributes.get(name));
    }
}
