package io.github.difyspring.sample.api;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.error.DifyException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.error.DifyTimeoutException;

/**
 * Turns failures into answers in Dify's error shape. Dify's own error answers keep their status
 * and body, so a front end sees exactly what Dify said; this application's refusals and the
 * failures to reach Dify use the same shape.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

    private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

    private final JsonMapper json;

    ApiExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler
    ResponseEntity<ApiError> refused(ApiException ex) {
        return error(ex.getStatus(), ex.getCode(), ex.getMessage());
    }

    /**
     * Dify answered with an error status: its status and body are passed on as they are when the
     * body is Dify's error JSON (with {@code params} and whatever else it holds).
     */
    @ExceptionHandler
    ResponseEntity<?> difyError(DifyApiException ex) {
        HttpStatusCode status = ex.getStatusCode();
        logger.info("Dify refused the request: " + ex.getMessage());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (ex.getRetryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.getRetryAfter().toSeconds())));
        }
        JsonNode body = difyErrorBody(ex.getResponseBody());
        if (body != null) {
            return answer.body(body);
        }
        String code = (ex.getCode() != null) ? ex.getCode() : "dify_error";
        String message = (ex.getDifyMessage() != null) ? ex.getDifyMessage()
                : "Dify answered HTTP " + status.value() + " with a body that is not a Dify error";
        return answer.body(new ApiError(code, message, status.value()));
    }

    private JsonNode difyErrorBody(String text) {
        try {
            JsonNode node = this.json.readTree(text);
            return (node != null && node.isObject() && (node.has("code") || node.has("message"))) ? node : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    /** Only raised here when Dify's first event is an error and nothing was sent yet. */
    @ExceptionHandler
    ResponseEntity<ApiError> streamError(DifyStreamException ex) {
        int status = (ex.getStatus() != null) ? ex.getStatus() : 500;
        return error(HttpStatus.valueOf(status), (ex.getCode() != null) ? ex.getCode() : "stream_error",
                (ex.getDifyMessage() != null) ? ex.getDifyMessage() : "The answer failed");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unreachable(DifyConnectionException ex) {
        logger.warn("Dify could not be reached: " + ex.getMessage());
        return error(HttpStatus.BAD_GATEWAY, "dify_unreachable", "Dify could not be reached");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> undecodable(DifyDecodingException ex) {
        logger.warn("Dify sent an answer that could not be read: " + ex.getMessage());
        return error(HttpStatus.BAD_GATEWAY, "bad_dify_answer", "Dify sent an answer that could not be read");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> timedOut(DifyTimeoutException ex) {
        logger.warn("Dify did not answer in time: " + ex.getMessage());
        return error(HttpStatus.GATEWAY_TIMEOUT, "dify_timeout", "Dify did not answer in time");
    }

    /** Any other failure of the Dify client. */
    @ExceptionHandler
    ResponseEntity<ApiError> difyFailure(DifyException ex) {
        logger.warn("The request to Dify failed: " + ex.getMessage());
        return error(HttpStatus.BAD_GATEWAY, "dify_error", "The request to Dify failed");
    }

    @ExceptionHandler({ PayloadTooLargeException.class, DataBufferLimitException.class })
    ResponseEntity<ApiError> tooLarge(Exception ex) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "request_too_large", "The request body is larger than this server accepts");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> badInput(ServerWebInputException ex) {
        if (ex.getCause() instanceof DataBufferLimitException || ex.getMostSpecificCause() instanceof DataBufferLimitException) {
            return tooLarge(ex);
        }
        return error(HttpStatus.BAD_REQUEST, "invalid_param", (ex.getReason() != null) ? ex.getReason() : "Invalid request");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> status(ResponseStatusException ex) {
        HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
        String code = (status != null) ? status.name().toLowerCase(java.util.Locale.ROOT) : "error";
        return error(ex.getStatusCode(), code, (ex.getReason() != null) ? ex.getReason() : code);
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unexpected(Exception ex) {
        logger.error("Request failed", ex);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal_server_error", "The request failed");
    }

    private static ResponseEntity<ApiError> error(HttpStatusCode status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ApiError(code, message, status.value()));
    }
}
