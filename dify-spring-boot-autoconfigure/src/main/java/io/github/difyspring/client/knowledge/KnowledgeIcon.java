package io.github.difyspring.client.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A knowledge base's icon. Dify always sends the object, with {@code null} fields when the
 * knowledge base has no icon of its own.
 *
 * @param iconType {@code emoji} or {@code image}, or {@code null}
 * @param icon the emoji, or the uploaded image's id, or {@code null}
 * @param iconBackground the background colour of an emoji, such as {@code #FFEAD5}, or {@code null}
 * @param iconUrl the image's URL, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KnowledgeIcon(@JsonProperty("icon_type") @Nullable String iconType, @Nullable String icon,
        @JsonProperty("icon_background") @Nullable String iconBackground, @JsonProperty("icon_url") @Nullable String iconUrl) {

    /** No icon: what Dify's all-{@code null} object reads as. */
    public static final KnowledgeIcon NONE = new KnowledgeIcon(null, null, null, null);
}
