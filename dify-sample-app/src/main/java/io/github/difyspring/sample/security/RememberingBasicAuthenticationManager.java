package io.github.difyspring.sample.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Checks HTTP Basic credentials, remembering a successful check for a short while. API clients
 * send their credentials with every request, and each bcrypt check costs about 100 ms of CPU by
 * design: without this, every streamed answer would wait that long before its first event, and a
 * few hundred clients at once would queue for the processor. A check is remembered as an HMAC of
 * name and password under a key made at startup, never the password itself; a changed or wrong
 * password never matches it, and an entry is forgotten after {@code ttl}.
 */
final class RememberingBasicAuthenticationManager implements ReactiveAuthenticationManager {

    /** Beyond this many remembered checks, the oldest are not kept: no client can fill the memory. */
    private static final int MAX_REMEMBERED = 10_000;

    private final ReactiveAuthenticationManager delegate;

    private final Duration ttl;

    private final Clock clock;

    private final byte[] key = new byte[32];

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    RememberingBasicAuthenticationManager(ReactiveAuthenticationManager delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        new SecureRandom().nextBytes(this.key);
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken)
                || !(authentication.getCredentials() instanceof String password)) {
            return this.delegate.authenticate(authentication);
        }
        String name = authentication.getName();
        String digest = digest(name, password);
        Instant now = this.clock.instant();
        Remembered known = this.remembered.get(name);
        if (known != null && known.digest().equals(digest) && now.isBefore(known.until())) {
            return Mono.just(known.authentication());
        }
        return this.delegate.authenticate(authentication).doOnNext((result) -> {
            if (result.isAuthenticated()) {
                if (this.remembered.size() >= MAX_REMEMBERED) {
                    this.remembered.clear();
                }
                this.remembered.put(name, new Remembered(digest, now.plus(this.ttl), result));
            }
        });
    }

    private String digest(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    /** A successful check: for which credentials, until when, and its outcome (without the password). */
    private record Remembered(String digest, Instant until, Authentication authentication) {
    }
}
