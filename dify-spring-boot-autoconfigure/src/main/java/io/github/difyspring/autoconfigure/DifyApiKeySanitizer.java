package io.github.difyspring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

import io.github.difyspring.autoconfigure.DifyProperties.App;

/**
 * Masks the Dify apps' API keys and the proxy passwords in Actuator's {@code configprops} and
 * {@code env} endpoints, even when they are set to show values
 * ({@code management.endpoint.*.show-values=always}): by the property's name
 * ({@code dify.apps.<name>.api-key}, {@code dify.knowledge.api-key}, {@code dify.proxy.password},
 * {@code dify.apps.<name>.proxy.password}, or their environment-variable forms), and by value, so
 * that a secret stays masked wherever else it appears, such as in the variable it was read from.
 */
class DifyApiKeySanitizer implements SanitizingFunction {

    private final ObjectProvider<DifyProperties> properties;

    DifyApiKeySanitizer(ObjectProvider<DifyProperties> properties) {
        this.properties = properties;
    }

    @Override
    public SanitizableData apply(SanitizableData data) {
        if (isSecretProperty(data.getKey()) || containsSecret(data.getValue())) {
            return data.withSanitizedValue();
        }
        return data;
    }

    private static boolean isSecretProperty(String key) {
        String name = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return ((name.startsWith("difyapps") || name.startsWith("difyknowledge")) && name.endsWith("apikey"))
                || (name.startsWith("dify") && name.endsWith("proxypassword"));
    }

    private boolean containsSecret(@Nullable Object value) {
        if (!(value instanceof CharSequence text)) {
            return false;
        }
        DifyProperties dify = this.properties.getIfAvailable();
        if (dify == null) {
            return false;
        }
        String string = text.toString();
        return secrets(dify).stream().anyMatch(string::contains);
    }

    private static List<String> secrets(DifyProperties dify) {
        List<String> secrets = new ArrayList<>();
        add(secrets, dify.getProxy().getPassword());
        add(secrets, dify.getKnowledge().getApiKey());
        add(secrets, dify.getKnowledge().getProxy().getPassword());
        for (App app : dify.getApps().values()) {
            add(secrets, app.getApiKey());
            add(secrets, app.getProxy().getPassword());
        }
        return secrets;
    }

    private static void add(List<String> secrets, @Nullable String secret) {
        if (secret != null && !secret.isBlank()) {
            secrets.add(secret.strip());
        }
    }
}
