package io.github.difyspring.client.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.internal.RequestSupport;

/**
 * The answer to a human-input form: the button pressed and the fields' values. Immutable; build
 * one with {@link #of(String, Map)} or {@link #builder(String)}.
 *
 * @param action the id of the button pressed, one of {@link HumanInputForm#userActions()}
 * @param inputs the values by field name: text for {@code paragraph} and {@code select} fields, a
 * {@link DifyFile#toWire()} map for a {@code file} field, a list of them for a {@code file-list}
 * field
 * @param user the end user who answers, or {@code null} for the app's default user; use the same
 * user as the run
 */
public record HumanInputSubmission(String action, Map<String, Object> inputs, @Nullable String user) {

    /**
     * Checks the submission and makes its inputs unmodifiable.
     */
    public HumanInputSubmission {
        Objects.requireNonNull(action, "action");
        inputs = RequestSupport.inputs(inputs);
    }

    /**
     * A submission by the app's default user.
     * @param action the id of the button pressed
     * @param inputs the values by field name
     * @return the submission
     */
    public static HumanInputSubmission of(String action, Map<String, ?> inputs) {
        return builder(action).inputs(inputs).build();
    }

    /**
     * Starts a submission.
     * @param action the id of the button pressed
     * @return a new builder
     */
    public static Builder builder(String action) {
        return new Builder(action);
    }


    /**
     * Builds a {@link HumanInputSubmission}.
     */
    public static final class Builder {

        private final String action;

        private final Map<String, Object> inputs = new LinkedHashMap<>();

        private @Nullable String user;

        private Builder(String action) {
            this.action = Objects.requireNonNull(action, "action");
        }

        /**
         * Sets the value of a field.
         * @param name the field's {@code output_variable_name}
         * @param value its value
         * @return this builder
         */
        public Builder input(String name, @Nullable Object value) {
            this.inputs.put(name, value);
            return this;
        }

        /**
         * Sets the values of several fields.
         * @param inputs the values by field name
         * @return this builder
         */
        public Builder inputs(Map<String, ?> inputs) {
            this.inputs.putAll(inputs);
            return this;
        }

        /**
         * Sets the file of a {@code file} field.
         * @param name the field's {@code output_variable_name}
         * @param file the file
         * @return this builder
         */
        public Builder file(String name, DifyFile file) {
            this.inputs.put(name, file.toWire());
            return this;
        }

        /**
         * Sets the files of a {@code file-list} field.
         * @param name the field's {@code output_variable_name}
         * @param files the files
         * @return this builder
         */
        public Builder files(String name, List<DifyFile> files) {
            this.inputs.put(name, RequestSupport.wireFiles(files));
            return this;
        }

        /**
         * Sets the end user who answers.
         * @param user the user id, or {@code null} for the app's default user
         * @return this builder
         */
        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        /**
         * Builds the submission.
         * @return the submission
         */
        public HumanInputSubmission build() {
            return new HumanInputSubmission(this.action, this.inputs, this.user);
        }
    }
}
