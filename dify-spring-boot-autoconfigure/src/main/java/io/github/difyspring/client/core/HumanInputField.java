package io.github.difyspring.client.core;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A field of a human-input form.
 *
 * @param type the control: {@code paragraph} (text), {@code select} (one of a list), {@code file}
 * (one file) or {@code file-list} (several files)
 * @param outputVariableName the field's name: the key of its value when the form is submitted
 * @param defaultValue how a {@code paragraph}'s default is configured; show
 * {@link io.github.difyspring.client.workflow.HumanInputForm#resolvedDefaultValues()} rather than resolving it yourself
 * @param optionSource where a {@code select}'s options come from
 * @param allowedFileTypes the file types a {@code file} or {@code file-list} field accepts, such as
 * {@code image}; empty, never null
 * @param allowedFileExtensions the extensions accepted for {@code custom} files, such as {@code .md};
 * empty, never null
 * @param allowedFileUploadMethods {@code local_file} and/or {@code remote_url}; empty, never null
 * @param numberLimits how many files a {@code file-list} field takes at most
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HumanInputField(
        @Nullable String type,
        @JsonProperty("output_variable_name") String outputVariableName,
        @JsonProperty("default") @Nullable DefaultValue defaultValue,
        @JsonProperty("option_source") @Nullable OptionSource optionSource,
        @JsonProperty("allowed_file_types") List<String> allowedFileTypes,
        @JsonProperty("allowed_file_extensions") List<String> allowedFileExtensions,
        @JsonProperty("allowed_file_upload_methods") List<String> allowedFileUploadMethods,
        @JsonProperty("number_limits") @Nullable Integer numberLimits) {

    /** Reads missing or {@code null} lists as empty. */
    public HumanInputField {
        allowedFileTypes = (allowedFileTypes != null) ? List.copyOf(allowedFileTypes) : List.of();
        allowedFileExtensions = (allowedFileExtensions != null) ? List.copyOf(allowedFileExtensions) : List.of();
        allowedFileUploadMethods = (allowedFileUploadMethods != null) ? List.copyOf(allowedFileUploadMethods) : List.of();
    }

    /**
     * How a field's default value is configured.
     *
     * @param type {@code constant} (the value is literal) or {@code variable} (the selector names a
     * workflow variable)
     * @param selector the workflow variable, such as {@code [node_id, var_name]}; empty, never null
     * @param value the literal value
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DefaultValue(@Nullable String type, List<String> selector, @Nullable String value) {

        /** Reads a missing or {@code null} selector as empty. */
        public DefaultValue {
            selector = (selector != null) ? List.copyOf(selector) : List.of();
        }
    }

    /**
     * Where a {@code select} field's options come from.
     *
     * @param type {@code constant} (the options are listed) or {@code variable} (the selector names
     * an {@code array[string]} workflow variable)
     * @param selector the workflow variable; empty, never null
     * @param options the options, when they are constant; empty, never null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OptionSource(@Nullable String type, List<String> selector,
            @JsonProperty("value") List<String> options) {

        /** Reads missing or {@code null} lists as empty. */
        public OptionSource {
            selector = (selector != null) ? List.copyOf(selector) : List.of();
            options = (options != null) ? List.copyOf(options) : List.of();
        }
    }
}
