package io.github.difyspring.client.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One metadata value of a document: a field of its knowledge base and the document's value for it.
 * Built-in fields ({@code document_name}, {@code uploader}, {@code upload_date},
 * {@code last_update_date}, {@code source}) have the id {@code built-in} and string values, the
 * dates being a float epoch timestamp as a string.
 *
 * @param id the field's id, or {@code built-in}
 * @param name the field's name
 * @param type {@code string}, {@code number} or {@code time}
 * @param value the value: a string, a number, a boolean or {@code null} (Dify's API spec says string)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentMetadataEntry(@Nullable String id, @Nullable String name, @Nullable String type, @Nullable Object value) {
}
