package io.github.difyspring.test;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * One part of a multipart request the test server received, such as an uploaded file.
 *
 * @param name the form field's name
 * @param filename the file's name, or {@code null} for a plain field
 * @param contentType the part's content type, or {@code null} when it gave none
 * @param content the part's bytes
 */
public record RecordedPart(String name, @Nullable String filename, @Nullable String contentType, byte[] content) {

    /**
     * The part's bytes as UTF-8 text, such as a form field's value.
     * @return the text
     */
    public String text() {
        return new String(this.content, StandardCharsets.UTF_8);
    }

    /**
     * Whether the part is a file.
     * @return {@code true} when it has a file name
     */
    public boolean isFile() {
        return this.filename != null;
    }

    @Override
    public String toString() {
        return (this.filename != null) ? this.name + "=" + this.filename + " (" + this.contentType + ", " + this.content.length + " bytes)"
                : this.name + "=" + text();
    }
}
