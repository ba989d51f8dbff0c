package io.github.difyspring.sample.security;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * CSRF tokens for a page that calls the API from script and also posts a plain form (sign-in):
 * script sends the {@code XSRF-TOKEN} cookie's value as it is in the {@code X-XSRF-TOKEN}
 * header; the form carries the masked token rendered into it, which protects it against BREACH.
 */
final class SpaCsrfTokenRequestHandler extends ServerCsrfTokenRequestAttributeHandler {

    private final ServerCsrfTokenRequestAttributeHandler masked = new XorServerCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(ServerWebExchange exchange, Mono<CsrfToken> csrfToken) {
        this.masked.handle(exchange, csrfToken);
    }

    @Override
    public Mono<String> resolveCsrfTokenValue(ServerWebExchange exchange, CsrfToken csrfToken) {
        if (exchange.getRequest().getHeaders().containsHeader(csrfToken.getHeaderName())) {
            return super.resolveCsrfTokenValue(exchange, csrfToken);
        }
        return this.masked.resolveCsrfTokenValue(exchange, csrfToken);
    }
}
