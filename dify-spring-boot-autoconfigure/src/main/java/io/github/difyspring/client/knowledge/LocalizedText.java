package io.github.difyspring.client.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A text in English and Simplified Chinese, as Dify gives model and provider labels and icons
 * (its {@code I18nObject}).
 *
 * @param enUs the English text (Dify's {@code en_US})
 * @param zhHans the Simplified Chinese text (Dify's {@code zh_Hans}), or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocalizedText(@JsonProperty("en_US") @Nullable String enUs, @JsonProperty("zh_Hans") @Nullable String zhHans) {

    /**
     * The English text, else the Chinese one.
     * @return the text, or {@code null} when there is none
     */
    public @Nullable String text() {
        return (this.enUs != null) ? this.enUs : this.zhHans;
    }
}
