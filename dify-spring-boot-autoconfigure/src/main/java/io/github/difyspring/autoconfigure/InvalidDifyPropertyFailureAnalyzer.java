package io.github.difyspring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Explains a startup failure caused by a wrong Dify property: which property, what is wrong, where
 * its value came from (a file and line, an environment variable, a command-line argument), and how
 * to fix it. The value itself is never shown, since it may be an API key.
 */
class InvalidDifyPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDifyPropertyException> {

    private final @Nullable Environment environment;

    /**
     * Creates the analyzer; Spring Boot passes the application's environment.
     * @param environment where the property's origin is looked up, or {@code null} for none
     */
    InvalidDifyPropertyFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDifyPropertyException cause) {
        String origin = origin(cause.getProperty());
        String description = "The Dify property '" + cause.getProperty() + "' is invalid: " + cause.getProblem()
                + ((origin != null) ? "\n\nIts value comes from " + origin + "." : "");
        return new FailureAnalysis(description, cause.getAction(), cause);
    }

    /**
     * Where the property is set, as Spring Boot tracks it; {@code null} when it is not set (a missing
     * property) or the environment cannot tell.
     */
    private @Nullable String origin(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
        if (this.environment == null || name == null) {
            return null;
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return (found.getOrigin() != null) ? "'" + found.getOrigin() + "'" : "the property source '" + source.getUnderlyingSource() + "'";
            }
        }
        return null;
    }
}
