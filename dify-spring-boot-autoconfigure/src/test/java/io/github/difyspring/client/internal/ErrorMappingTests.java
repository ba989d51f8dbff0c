package io.github.difyspring.client.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.error.DifyRateLimitException;
import io.github.difyspring.client.error.DifyStreamException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error mapping on its own: each status to its exception, Dify's JSON error read, a proxy's page
 * quoted, and the transport's own failures translated.
 */
class ErrorMappingTests {

    private final ErrorMapping errors = new ErrorMapping("support", DifyAppType.CHAT, Duration.ofSeconds(3));

    private DifyApiException fromAnswer(HttpStatus status, MediaType type, String body) {
        ClientResponse response = ClientResponse.create(status).header(HttpHeaders.CONTENT_TYPE, type.toString())
            .header(HttpHeaders.RETRY_AFTER, "7").body(body).build();
        return this.errors.fromErrorAnswer(response, "POST /chat-messages").block();
    }

    @ParameterizedTest
    @CsvSource({ "BAD_REQUEST, DifyBadRequestException", "UNAUTHORIZED, DifyUnauthorizedException",
            "FORBIDDEN, DifyForbiddenException", "NOT_FOUND, DifyNotFoundException", "PAYLOAD_TOO_LARGE, DifyPayloadTooLargeException",
            "UNSUPPORTED_MEDIA_TYPE, DifyUnsupportedMediaTypeException", "TOO_MANY_REQUESTS, DifyRateLimitException",
            "INTERNAL_SERVER_ERROR, DifyServerException", "BAD_GATEWAY, DifyServerException", "CONFLICT, DifyApiException" })
    void eachStatusHasItsException(HttpStatus status, String exception) {
        DifyApiException error = fromAnswer(status, MediaType.APPLICATION_JSON,
                "{\"code\": \"some_code\", \"message\": \"Dify says no\", \"status\": " + status.value() + "}");

        assertThat(error.getClass().getSimpleName()).isEqualTo(exception);
        assertThat(error.getStatusCode().value()).isEqualTo(status.value());
        assertThat(error.getCode()).isEqualTo("some_code");
        assertThat(error.getDifyMessage()).isEqualTo("Dify says no");
        assertThat(error.getAppName()).isEqualTo("support");
    }

    @Test
    void aRateLimitKeepsItsRetryAfter() {
        assertThat(((DifyRateLimitException) fromAnswer(HttpStatus.TOO_MANY_REQUESTS, MediaType.APPLICATION_JSON, "{}")).getRetryAfter())
            .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aPageThatIsNotDifysJsonIsQuotedWithoutACode() {
        DifyApiException error = fromAnswer(HttpStatus.BAD_GATEWAY, MediaType.TEXT_HTML, "<html><h1>502 Bad Gateway</h1></html>");

        assertThat(error.getCode()).isNull();
        assertThat(error.getResponseBody()).contains("502 Bad Gateway");
    }

    @Test
    void transportFailuresBecomeDifyExceptionsAndDifyExceptionsPassThrough() {
        DifyStreamException stream = new DifyStreamException("support", "POST /x", "c", 400, "m", null, null, null, null);
        WebClientRequestException refused = new WebClientRequestException(new IOException("Connection refused"), HttpMethod.POST,
                URI.create("http://127.0.0.1/v1/x"), new HttpHeaders());

        assertThat(this.errors.translate(stream, "POST /x")).isSameAs(stream);
        assertThat(this.errors.translate(new RuntimeException(stream), "POST /x")).isSameAs(stream);
        assertThat(this.errors.translate(refused, "POST /x")).isInstanceOf(DifyConnectionException.class);
        assertThat(this.errors.translate(new DataBufferLimitException("too big"), "POST /x")).isInstanceOf(DifyDecodingException.class)
            .hasMessageContaining("dify.max-in-memory-size");
        IllegalStateException other = new IllegalStateException("a bug");
        assertThat(this.errors.translate(other, "POST /x")).isSameAs(other);
    }
}
