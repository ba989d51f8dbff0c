package io.github.difyspring.sample.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import io.github.difyspring.sample.SampleProperties;

/**
 * Who may do what. The page signs in with a form and keeps a session, protected against CSRF by
 * a cookie-to-header token; API clients may instead send HTTP Basic credentials with every request
 * (no session, no CSRF token: a browser cannot add an {@code Authorization} header to a cross-site
 * request, and this application never asks a browser for Basic credentials, so none holds any).
 * Everything but the sign-in page needs an account.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** The role of the accounts that may use the workspace's knowledge bases. */
    static final String OPERATOR = "OPERATOR";

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, JsonMapper json,
            MapReactiveUserDetailsService users, PasswordEncoder passwordEncoder) {
        JsonErrors errors = new JsonErrors(json);
        // The API and the operators' endpoints answer machines: a 401 with a Basic challenge, not the sign-in page.
        ServerWebExchangeMatcher api = ServerWebExchangeMatchers.pathMatchers("/api/**", "/actuator/**");
        ServerAuthenticationEntryPoint apiEntryPoint = (exchange, ex) -> {
            if (!fromBrowser(exchange.getRequest())) {
                exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Dify sample\"");
            }
            return errors.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Sign in first: send HTTP Basic credentials, or sign in on the page");
        };
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(api, apiEntryPoint));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint("/login"));
        ServerAccessDeniedHandler accessDenied = (exchange, ex) -> api.matches(exchange).flatMap((match) -> {
            if (match.isMatch() && !(ex instanceof CsrfException)) {
                return errors.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                        "Refused: this needs the " + OPERATOR + " role, which your account does not have");
            }
            if (match.isMatch()) {
                return errors.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                        "Refused: a signed-in page must send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header");
            }
            // A sign-in form whose token expired: show the form again with a fresh one.
            exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
            exchange.getResponse().getHeaders().setLocation(URI.create("/login?expired"));
            return Mono.empty();
        });
        return http
            .authorizeExchange((exchanges) -> exchanges
                .pathMatchers("/login", "/app.css", "/favicon.svg").permitAll()
                // The workspace's knowledge bases are for operators only.
                .pathMatchers("/api/knowledge/**").hasRole(OPERATOR)
                .anyExchange().authenticated())
            .httpBasic((basic) -> basic.authenticationEntryPoint(apiEntryPoint)
                .authenticationManager(basicAuthentication(users, passwordEncoder)))
            .formLogin((form) -> form.loginPage("/login"))
            .logout((logout) -> logout.logoutUrl("/logout"))
            .exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
            .csrf((csrf) -> csrf
                .csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                .requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken)
                .accessDeniedHandler(accessDenied))
            .headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
                    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")))
            .build();
    }

    /**
     * HTTP Basic sends the password with every request: a successful bcrypt check is remembered for
     * five minutes so that streams do not each wait for one.
     */
    private static ReactiveAuthenticationManager basicAuthentication(MapReactiveUserDetailsService users,
            PasswordEncoder passwordEncoder) {
        UserDetailsRepositoryReactiveAuthenticationManager checked = new UserDetailsRepositoryReactiveAuthenticationManager(users);
        checked.setPasswordEncoder(passwordEncoder);
        return new RememberingBasicAuthenticationManager(checked, Duration.ofMinutes(5), Clock.systemUTC());
    }

    /**
     * Requests that change something need a CSRF token, except API requests that carry Basic
     * credentials (they come from API clients: no browser holds Basic credentials for this
     * application) or no cookie at all (no session to ride on: they are refused as unauthenticated,
     * with a 401 rather than a 403). The sign-in form always needs it, against login CSRF.
     */
    private static Mono<ServerWebExchangeMatcher.MatchResult> needsCsrfToken(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (SAFE_METHODS.contains(request.getMethod())) {
            return ServerWebExchangeMatcher.MatchResult.notMatch();
        }
        if (request.getPath().pathWithinApplication().value().startsWith("/api/")) {
            String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
            if (basic || !request.getHeaders().containsHeader(HttpHeaders.COOKIE)) {
                return ServerWebExchangeMatcher.MatchResult.notMatch();
            }
        }
        return ServerWebExchangeMatcher.MatchResult.match();
    }

    /**
     * Whether a request comes from a browser (all current ones send {@code Sec-Fetch-Mode}) or a
     * page's script. Those get no Basic challenge, so a browser never shows its sign-in dialog and
     * never keeps Basic credentials that it would send along with forged requests.
     */
    private static boolean fromBrowser(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.containsHeader("Sec-Fetch-Mode") || "XMLHttpRequest".equals(headers.getFirst("X-Requested-With"));
    }

    /**
     * Makes the CSRF token cookie exist from the first page on, so the page's script can read it.
     * (The token is otherwise only created when something asks for it.)
     */
    @Bean
    WebFilter csrfCookieWebFilter() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
            return token.then(chain.filter(exchange));
        };
    }

    @Bean
    MapReactiveUserDetailsService userDetailsService(SampleProperties properties) {
        return ConfiguredUsers.from(properties.getUsers());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
