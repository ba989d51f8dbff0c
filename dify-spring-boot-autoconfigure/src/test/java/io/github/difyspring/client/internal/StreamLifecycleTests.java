package io.github.difyspring.client.internal;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.SignalType;

import org.springframework.http.HttpStatusCode;

import io.github.difyspring.client.error.DifyApiException;
import io.github.difyspring.client.error.DifyConnectionException;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.error.DifyStreamIdleTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which endings of a stream leave Dify generating, so that its task is stopped.
 */
class StreamLifecycleTests {

    @Test
    void aCancelOrAClientSideFailureAbandonsTheStream() {
        assertThat(StreamLifecycle.abandonment(SignalType.CANCEL, null)).contains("cancelled");
        assertThat(StreamLifecycle.abandonment(SignalType.ON_ERROR,
                new DifyStreamIdleTimeoutException("a", "POST /x", java.time.Duration.ofSeconds(1)))).contains("DifyStreamIdleTimeoutException");
        assertThat(StreamLifecycle.abandonment(SignalType.ON_ERROR, new DifyConnectionException("a", "POST /x", new IOException("reset"))))
            .contains("DifyConnectionException");
        assertThat(StreamLifecycle.abandonment(SignalType.ON_ERROR, new IllegalStateException("the caller's handler failed")))
            .contains("IllegalStateException");
    }

    @Test
    void aStreamDifyEndedIsNotAbandoned() {
        assertThat(StreamLifecycle.abandonment(SignalType.ON_COMPLETE, null)).isNull();
        assertThat(StreamLifecycle.abandonment(SignalType.ON_ERROR,
                new DifyStreamException("a", "POST /x", "quota", 400, "no", "t1", null, null, null))).isNull();
        assertThat(StreamLifecycle.abandonment(SignalType.ON_ERROR,
                new DifyApiException("a", "POST /x", HttpStatusCode.valueOf(400), "invalid_param", "no", Map.of(), ""))).isNull();
    }
}
