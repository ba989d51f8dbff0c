package io.github.difyspring.sample.api;

/**
 * An error answer in Dify's shape.
 *
 * @param code a machine-readable code, such as {@code invalid_param} or {@code app_not_found}
 * @param message what went wrong, for people
 * @param status the HTTP status, repeated in the body as Dify does
 */
public record ApiError(String code, String message, int status) {
}
