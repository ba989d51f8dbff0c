package io.github.difyspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by a wrong Dify property: which property, what is wrong, and
 * how to fix it.
 */
class InvalidDifyPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDifyPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDifyPropertyException cause) {
        String description = "The Dify property '" + cause.getProperty() + "' is invalid: " + cause.getProblem();
        return new FailureAnalysis(description, cause.getAction(), cause);
    }
}
