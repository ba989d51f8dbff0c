package io.github.difyspring.autoconfigure;

import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

import io.github.difyspring.autoconfigure.DifyProperties.App;

/**
 * Masks the Dify apps' API keys in Actuator's {@code configprops} and {@code env} endpoints, even
 * when they are set to show values ({@code management.endpoint.*.show-values=always}): by the
 * property's name ({@code dify.apps.<name>.api-key}, or its environment-variable form), and by
 * value, so that the key stays masked wherever else it appears, such as in the variable it was
 * read from.
 */
class DifyApiKeySanitizer implements SanitizingFunction {

    private final ObjectProvider<DifyProperties> properties;

    DifyApiKeySanitizer(ObjectProvider<DifyProperties> properties) {
        this.properties = properties;
    }

    @Override
    public SanitizableData apply(SanitizableData data) {
        if (isApiKeyProperty(data.getKey()) || containsApiKey(data.getValue())) {
            return data.withSanitizedValue();
        }
        return data;
    }

    private static boolean isApiKeyProperty(String key) {
        String name = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return name.startsWith("difyapps") && name.endsWith("apikey");
    }

    private boolean containsApiKey(Object value) {
        if (!(value instanceof CharSequence text)) {
            return false;
        }
        DifyProperties dify = this.properties.getIfAvailable();
        if (dify == null) {
            return false;
        }
        String string = text.toString();
        for (App app : dify.getApps().values()) {
            String key = app.getApiKey();
            if (key != null && !key.isBlank() && string.contains(key.strip())) {
                return true;
            }
        }
        return false;
    }
}
