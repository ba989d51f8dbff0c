package io.github.difyspring.client.knowledge;

import java.util.Objects;

/**
 * A document given as text: its name, its text and how Dify indexes it. Immutable; start from
 * {@link #of(String, String)}.
 *
 * @param name the document's name
 * @param text its text
 * @param settings how Dify indexes it
 */
public record DocumentText(String name, String text, DocumentSettings settings) {

    /**
     * Checks the document.
     * @throws IllegalArgumentException when the name is blank
     */
    public DocumentText {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(settings, "settings");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A document needs a name");
        }
    }

    /**
     * A document indexed with the {@link DocumentSettings#defaults() default settings}.
     * @param name the document's name
     * @param text its text
     * @return the document
     */
    public static DocumentText of(String name, String text) {
        return new DocumentText(name, text, DocumentSettings.defaults());
    }

    /**
     * This document with other settings.
     * @param settings how Dify indexes it
     * @return the changed document
     */
    public DocumentText withSettings(DocumentSettings settings) {
        return new DocumentText(this.name, this.text, settings);
    }
}
