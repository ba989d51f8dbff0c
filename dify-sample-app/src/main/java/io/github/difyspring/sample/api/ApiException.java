package io.github.difyspring.sample.api;

import org.springframework.http.HttpStatus;

/**
 * A request this application refuses itself, answered in Dify's error shape
 * {@code {code, message, status}} so that front-end code written for Dify handles it as it
 * handles Dify's own errors.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    private final String code;

    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException invalidParam(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_param", message);
    }

    public HttpStatus getStatus() {
        return this.status;
    }

    public String getCode() {
        return this.code;
    }
}
