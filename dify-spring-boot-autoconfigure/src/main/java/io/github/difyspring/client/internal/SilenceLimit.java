package io.github.difyspring.client.internal;

import java.time.Duration;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * How long a response may stay silent, and the error that ends it when it does: a stream's idle
 * limit, or a download's wait for its next byte. It is carried to the {@link #FILTER} as a request
 * attribute, so that the limit times the network itself rather than the application's filters.
 *
 * @param limit the longest silence
 * @param error the failure that ends a response silent for longer
 */
record SilenceLimit(Duration limit, Supplier<? extends Throwable> error) {

    private static final String ATTRIBUTE = SilenceLimit.class.getName();

    /**
     * Enforces a request's silence limit, if it has one: on the wait for the status line and
     * headers, then between every two chunks of the body. Chunks, not events, so keep-alive pings
     * count; a timeout cancels the exchange, which closes the connection. Registered innermost.
     */
    static final ExchangeFilterFunction FILTER = SilenceLimit::enforce;

    /**
     * Puts this limit on a request.
     * @param request the request
     * @return the request
     */
    WebClient.RequestBodySpec on(WebClient.RequestBodySpec request) {
        return request.attribute(ATTRIBUTE, this);
    }

    private static Mono<ClientResponse> enforce(ClientRequest request, ExchangeFunction next) {
        SilenceLimit silence = (SilenceLimit) request.attribute(ATTRIBUTE).orElse(null);
        if (silence == null) {
            return next.exchange(request);
        }
        return next.exchange(request)
            .timeout(silence.limit(), Mono.error(silence.error()))
            .map((response) -> response.mutate()
                .body((body) -> body.timeout(silence.limit(), Flux.defer(() -> Flux.error(silence.error().get()))))
                .build());
    }
}
