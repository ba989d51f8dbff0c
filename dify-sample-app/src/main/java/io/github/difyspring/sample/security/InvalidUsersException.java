package io.github.difyspring.sample.security;

/**
 * The configured accounts cannot be used: there are none, or a password is not hashed.
 */
public class InvalidUsersException extends IllegalStateException {

    private final String action;

    InvalidUsersException(String problem, String action) {
        super(problem);
        this.action = action;
    }

    /**
     * What to do about it.
     * @return the action, for people
     */
    public String getAction() {
        return this.action;
    }
}
