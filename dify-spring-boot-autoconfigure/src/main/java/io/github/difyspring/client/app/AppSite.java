package io.github.difyspring.client.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * The branding and display settings of an app's hosted WebApp ({@code GET /site}).
 *
 * @param title the WebApp's title
 * @param chatColorTheme the chat colour theme, such as {@code #4A90D9}
 * @param chatColorThemeInverted whether the chat colour theme is inverted
 * @param iconType {@code emoji} or {@code image}
 * @param icon the icon: an emoji, or the id of an uploaded image
 * @param iconBackground the icon's background colour
 * @param iconUrl the URL of the icon image, when it is an image
 * @param description the WebApp's description
 * @param copyright the copyright text
 * @param privacyPolicy the privacy policy URL
 * @param inputPlaceholder the placeholder of the message input box, when configured
 * @param customDisclaimer the custom disclaimer text
 * @param defaultLanguage the default language code, such as {@code en-US}
 * @param showWorkflowSteps whether workflow steps are shown
 * @param useIconAsAnswerIcon whether the app icon is used as the answer icon
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppSite(
        @Nullable String title,
        @JsonProperty("chat_color_theme") @Nullable String chatColorTheme,
        @JsonProperty("chat_color_theme_inverted") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean chatColorThemeInverted,
        @JsonProperty("icon_type") @Nullable String iconType,
        @Nullable String icon,
        @JsonProperty("icon_background") @Nullable String iconBackground,
        @JsonProperty("icon_url") @Nullable String iconUrl,
        @Nullable String description,
        @Nullable String copyright,
        @JsonProperty("privacy_policy") @Nullable String privacyPolicy,
        @JsonProperty("input_placeholder") @Nullable String inputPlaceholder,
        @JsonProperty("custom_disclaimer") @Nullable String customDisclaimer,
        @JsonProperty("default_language") @Nullable String defaultLanguage,
        @JsonProperty("show_workflow_steps") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean showWorkflowSteps,
        @JsonProperty("use_icon_as_answer_icon") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean useIconAsAnswerIcon) {
}
