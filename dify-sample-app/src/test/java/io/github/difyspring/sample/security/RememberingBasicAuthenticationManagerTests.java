package io.github.difyspring.sample.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RememberingBasicAuthenticationManager}: only a successful check of the same
 * name and password is remembered, and only for a while.
 */
class RememberingBasicAuthenticationManagerTests {

    private final AtomicInteger checks = new AtomicInteger();

    private Instant now = Instant.parse("2026-11-23T10:00:00Z");

    /** Accepts alice with "demo", as a bcrypt check would, counting the checks. */
    private final ReactiveAuthenticationManager bcrypt = (authentication) -> {
        this.checks.incrementAndGet();
        if ("alice".equals(authentication.getName()) && "demo".equals(authentication.getCredentials())) {
            return Mono.just(UsernamePasswordAuthenticationToken.authenticated("alice", null, AuthorityUtils.NO_AUTHORITIES));
        }
        return Mono.error(new BadCredentialsException("Invalid Credentials"));
    };

    private final RememberingBasicAuthenticationManager manager = new RememberingBasicAuthenticationManager(this.bcrypt,
            Duration.ofMinutes(5), new Clock() {

                @Override
                public Instant instant() {
                    return RememberingBasicAuthenticationManagerTests.this.now;
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            });

    private Authentication signIn(String name, String password) {
        return this.manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name, password)).block();
    }

    @Test
    void aSuccessfulCheckIsRememberedForTheSameCredentials() {
        assertThat(signIn("alice", "demo").isAuthenticated()).isTrue();
        assertThat(signIn("alice", "demo").getName()).isEqualTo("alice");
        assertThat(this.checks).hasValue(1);
    }

    @Test
    void anotherPasswordIsCheckedAgainAndRefused() {
        signIn("alice", "demo");
        assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> signIn("alice", "guess"));
        assertThat(this.checks).hasValue(2);
    }

    @Test
    void aFailedCheckIsNeverRemembered() {
        assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> signIn("alice", "guess"));
        assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> signIn("alice", "guess"));
        assertThat(this.checks).hasValue(2);
    }

    @Test
    void aRememberedCheckExpires() {
        signIn("alice", "demo");
        this.now = this.now.plus(Duration.ofMinutes(5));
        signIn("alice", "demo");
        assertThat(this.checks).hasValue(2);
    }

    @Test
    void theRememberedOutcomeCarriesNoPassword() {
        signIn("alice", "demo");
        Authentication remembered = signIn("alice", "demo");
        assertThat(remembered.getCredentials()).isNull();
    }
}
