package io.github.difyspring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A Dify property is missing or wrong; raised at startup and explained by
 * {@link InvalidDifyPropertyFailureAnalyzer}. Its messages never contain an API key.
 */
public class InvalidDifyPropertyException extends RuntimeException {

    private final String property;

    private final String problem;

    private final String action;

    /**
     * Creates the exception.
     * @param property the full name of the offending property, such as
     * {@code dify.apps.support.api-key}
     * @param problem what is wrong with it
     * @param action how to fix it
     * @param cause the underlying error, if any
     */
    public InvalidDifyPropertyException(String property, String problem, String action, @Nullable Throwable cause) {
        super("Invalid Dify property '" + property + "': " + problem, cause);
        this.property = property;
        this.problem = problem;
        this.action = action;
    }

    /**
     * The offending property.
     * @return its full name
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * What is wrong with the property.
     * @return the problem
     */
    public String getProblem() {
        return this.problem;
    }

    /**
     * How to fix it.
     * @return the action
     */
    public String getAction() {
        return this.action;
    }
}
