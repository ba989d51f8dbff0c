package io.github.difyspring.client.internal;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a wiretap on a Dify connection writes: the values of the {@code Authorization} header (the
 * API key) and of the {@code Proxy-Authorization} header of a proxy's CONNECT (its credentials)
 * masked, in any letter case, and nothing else changed.
 */
class WiretapRedactionTests {

    private static String masked(String written) {
        ByteBuf buffer = Unpooled.copiedBuffer(written, StandardCharsets.US_ASCII);
        ByteBuf masked = WiretapRedaction.RedactingLoggingHandler.mask(buffer);
        try {
            return masked.toString(StandardCharsets.US_ASCII);
        }
        finally {
            if (masked != buffer) {
                masked.release();
            }
            buffer.release();
        }
    }

    @Test
    void theKeyAndTheProxyCredentialsAreMaskedAndNothingElse() {
        String request = "CONNECT api.dify.ai:443 HTTP/1.1\r\nproxy-authorization: Basic ZGlmeTpzM2NyM3Q=\r\nHost: api.dify.ai\r\n\r\n"
                + "POST /v1/chat-messages HTTP/1.1\r\nAUTHORIZATION: Bearer app-Zk7s3cr3tK3y9Qw\r\nContent-Type: application/json\r\n\r\n";

        String logged = masked(request);

        assertThat(logged).doesNotContain("ZGlmeTpzM2NyM3Q=", "app-Zk7s3cr3tK3y9Qw")
            .contains("proxy-authorization: ***** ****************", "AUTHORIZATION: ****** *******************",
                    "Host: api.dify.ai", "Content-Type: application/json")
            .hasSameSizeAs(request);
    }

    @Test
    void aBufferWithoutCredentialsIsLoggedAsItIs() {
        assertThat(masked("data: {\"event\":\"message\",\"answer\":\"Hi\"}\n\n")).isEqualTo("data: {\"event\":\"message\",\"answer\":\"Hi\"}\n\n");
    }
}
