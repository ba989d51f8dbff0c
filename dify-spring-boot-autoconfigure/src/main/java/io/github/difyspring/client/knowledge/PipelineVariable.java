package io.github.difyspring.client.knowledge;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An input variable of a knowledge pipeline, as the pipeline editor stores it (Dify 1.14.2 keeps
 * these as free JSON; the console's {@code PipelineVariableResponse} gives their shape).
 *
 * @param variable the variable's name, the key of a run's inputs
 * @param label its label in forms
 * @param type its input type, such as {@code text-input}, {@code paragraph}, {@code select},
 * {@code number}, {@code checkbox} or {@code file}
 * @param belongToNodeId the datasource node it belongs to, or {@code shared} for every node
 * @param required whether a run must give it
 * @param maxLength the longest text it takes, or {@code null}
 * @param defaultValue its default value, of any JSON type, or {@code null}
 * @param options the choices of a select, or {@code null}
 * @param placeholder the form's placeholder, or {@code null}
 * @param unit the unit shown with a number, or {@code null}
 * @param tooltips the form's help text, or {@code null}
 * @param allowedFileTypes for a file variable, the kinds of file it takes, or {@code null}
 * @param allowedFileExtensions for a file variable, the extensions it takes, or {@code null}
 * @param allowedFileUploadMethods for a file variable, how files may be given, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineVariable(
        @Nullable String variable,
        @Nullable String label,
        @Nullable String type,
        @JsonProperty("belong_to_node_id") @Nullable String belongToNodeId,
        boolean required,
        @JsonProperty("max_length") @Nullable Integer maxLength,
        @JsonProperty("default_value") @Nullable Object defaultValue,
        @Nullable List<String> options,
        @Nullable String placeholder,
        @Nullable String unit,
        @Nullable String tooltips,
        @JsonProperty("allowed_file_types") @Nullable List<String> allowedFileTypes,
        @JsonProperty("allowed_file_extensions") @JsonAlias("allow_file_extension") @Nullable List<String> allowedFileExtensions,
        @JsonProperty("allowed_file_upload_methods") @JsonAlias("allow_file_upload_methods") @Nullable List<String> allowedFileUploadMethods) {
}
