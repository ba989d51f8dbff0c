package io.github.difyspring.sample.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed on the configured accounts.
 */
class InvalidUsersFailureAnalyzer extends AbstractFailureAnalyzer<InvalidUsersException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidUsersException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }
}
