package io.github.difyspring.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.difyspring.client.core.DifyRetryOptions;
import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyConnectTimeoutException;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.error.DifyResponseTimeoutException;
import io.github.difyspring.client.error.DifyStreamIdleTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry policy on its own: which failures qualify, how the waits grow, and how
 * {@code Retry-After} is read.
 */
class RetryPolicyTest {

    private static DifyApiException status(int status) {
        return new DifyApiException("a", "POST /chat-messages", HttpStatusCode.valueOf(status), null, null, Map.of(), "");
    }

    private static DifyConnectionException beforeAnswer(Throwable cause) {
        return new DifyConnectionException("a", "POST /chat-messages",
                new WebClientRequestException(cause, HttpMethod.POST, URI.create("http://localhost/v1/chat-messages"), new HttpHeaders()));
    }

    private static RetryPolicy.Verdict idempotent(Throwable failure) {
        return RetryPolicy.verdict(failure, true, false);
    }

    private static RetryPolicy.Verdict generation(Throwable failure) {
        return RetryPolicy.verdict(failure, false, false);
    }

    private static RetryPolicy.Verdict generationOptedIn(Throwable failure) {
        return RetryPolicy.verdict(failure, false, true);
    }

    @ParameterizedTest
    @ValueSource(ints = { 429, 502, 503, 504 })
    void tryLaterStatusesAreRetriedForIdempotentCalls(int code) {
        assertThat(idempotent(status(code)).retry()).isTrue();
        assertThat(idempotent(status(code)).reason()).contains(String.valueOf(code));
    }

    @ParameterizedTest
    @ValueSource(ints = { 429, 503 })
    void generationsAreRetriedOnlyOnStatusesSentBeforeAnyWork(int code) {
        assertThat(generation(status(code)).retry()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 504 })
    void generationsAreNotRetriedOnServerErrorsUnlessOptedIn(int code) {
        assertThat(generation(status(code)).retry()).isFalse();
        assertThat(generation(status(code)).reason()).contains("generations-on-server-error");
        assertThat(generationOptedIn(status(code)).retry()).isTrue();
        assertThat(generationOptedIn(status(code)).reason()).contains("generations-on-server-error");
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 409, 413, 415, 422, 500, 501 })
    void otherStatusesAreNot(int code) {
        assertThat(idempotent(status(code)).retry()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 409, 413, 415, 422, 501 })
    void otherStatusesAreNotEvenForOptedInGenerations(int code) {
        assertThat(generationOptedIn(status(code)).retry()).isFalse();
    }

    @Test
    void failuresBeforeAnyAnswerAreRetriedUnlessTheyCannotHeal() {
        assertThat(idempotent(beforeAnswer(new ConnectException("Connection refused"))).retry()).isTrue();
        assertThat(idempotent(beforeAnswer(new IOException("Connection reset by peer"))).retry()).isTrue();
        assertThat(idempotent(new DifyConnectTimeoutException("a", "POST /x", Duration.ofSeconds(1))).retry()).isTrue();
        assertThat(idempotent(beforeAnswer(new UnknownHostException("dify.invalid"))).retry()).isFalse();
        assertThat(idempotent(beforeAnswer(new javax.net.ssl.SSLHandshakeException("bad certificate"))).retry()).isFalse();
    }

    @Test
    void generationsAreRetriedOnlyWhenNoConnectionWasMade() {
        assertThat(generation(beforeAnswer(new ConnectException("Connection refused"))).retry()).isTrue();
        assertThat(generation(new DifyConnectTimeoutException("a", "POST /x", Duration.ofSeconds(1))).retry()).isTrue();
        RetryPolicy.Verdict reset = generation(beforeAnswer(new IOException("Connection reset by peer")));
        assertThat(reset.retry()).isFalse();
        assertThat(reset.reason()).contains("may have reached Dify");
        assertThat(generationOptedIn(beforeAnswer(new IOException("Connection reset by peer"))).retry()).isFalse();
    }

    @Test
    void failuresAfterTheRequestWasSentAreNotRetried() {
        assertThat(idempotent(new DifyResponseTimeoutException("a", "POST /x", Duration.ofSeconds(1))).retry()).isFalse();
        assertThat(idempotent(new DifyStreamIdleTimeoutException("a", "POST /x", Duration.ofSeconds(1))).retry()).isFalse();
        assertThat(idempotent(new DifyConnectionException("a", "POST /x", new IOException("Connection prematurely closed DURING response")))
            .retry()).isFalse();
        assertThat(idempotent(new DifyDecodingException("a", "bad", null, null)).retry()).isFalse();
    }

    @RepeatedTest(20)
    void waitsDoubleWithinTheJitterAndStopAtTheMax() {
        RetryPolicy policy = new RetryPolicy("a", new DifyRetryOptions(true, 10, Duration.ofMillis(100), Duration.ofMillis(1000), 0.5));

        assertThat(policy.backoff(1).toMillis()).isBetween(50L, 150L);
        assertThat(policy.backoff(2).toMillis()).isBetween(100L, 300L);
        assertThat(policy.backoff(3).toMillis()).isBetween(200L, 600L);
        assertThat(policy.backoff(5).toMillis()).isBetween(500L, 1000L);
        assertThat(policy.backoff(60).toMillis()).isBetween(500L, 1000L);
    }

    @Test
    void withoutJitterTheWaitsAreExact() {
        RetryPolicy policy = new RetryPolicy("a", new DifyRetryOptions(true, 10, Duration.ofMillis(100), Duration.ofMillis(1000), 0));

        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(5)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        assertThat(RetryPolicy.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(RetryPolicy.parseRetryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon")).isNull();
        assertThat(RetryPolicy.parseRetryAfter("-3")).isNull();
        assertThat(RetryPolicy.parseRetryAfter(null)).isNull();
    }
}
