package io.github.difyspring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * TLS settings of the connections to Dify: {@code dify.ssl.*} for every app,
 * {@code dify.apps.<name>.ssl.*} for one.
 */
public class DifySslProperties {

    /**
     * Name of the Spring Boot SSL bundle (spring.ssl.bundle.pem.<name> or
     * spring.ssl.bundle.jks.<name>) used for https connections to Dify: its trust material for a
     * Dify behind a private CA, its key and certificate for mutual TLS. Unset at both levels: the
     * JVM's trusted CAs and no client certificate.
     */
    private @Nullable String bundle;

    public @Nullable String getBundle() {
        return this.bundle;
    }

    public void setBundle(@Nullable String bundle) {
        this.bundle = bundle;
    }

    @Override
    public String toString() {
        return "DifySslProperties[bundle=" + this.bundle + "]";
    }
}
