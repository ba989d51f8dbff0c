package io.github.difyspring.client.app;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.internal.WireValues;

/**
 * An app's front-end configuration ({@code GET /parameters}): what to show before the first message,
 * which features are on, the inputs the app takes and the upload limits.
 *
 * @param openingStatement the text to open a conversation with, when set
 * @param suggestedQuestions questions to suggest before the first message; empty, never null
 * @param suggestedQuestionsAfterAnswer whether questions are suggested after each answer
 * @param speechToText the speech-to-text feature
 * @param textToSpeech the text-to-speech feature; its settings include {@code voice},
 * {@code language} and {@code autoPlay}
 * @param retrieverResource whether answers cite the knowledge they drew on
 * @param annotationReply the annotation reply feature
 * @param moreLikeThis the more-like-this feature
 * @param sensitiveWordAvoidance the content moderation feature; its settings include {@code type}
 * and {@code configs}
 * @param userInputForm the inputs the app takes, in form order; empty, never null
 * @param fileUpload the file upload settings as sent ({@code image}, {@code enabled},
 * {@code allowed_file_types}, {@code number_limits}...: their shape depends on the server version);
 * empty, never null
 * @param systemParameters the deployment's upload limits
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppParameters(
        @JsonProperty("opening_statement") @Nullable String openingStatement,
        @JsonProperty("suggested_questions") List<String> suggestedQuestions,
        @JsonProperty("suggested_questions_after_answer") AppFeature suggestedQuestionsAfterAnswer,
        @JsonProperty("speech_to_text") AppFeature speechToText,
        @JsonProperty("text_to_speech") AppFeature textToSpeech,
        @JsonProperty("retriever_resource") AppFeature retrieverResource,
        @JsonProperty("annotation_reply") AppFeature annotationReply,
        @JsonProperty("more_like_this") AppFeature moreLikeThis,
        @JsonProperty("sensitive_word_avoidance") AppFeature sensitiveWordAvoidance,
        @JsonProperty("user_input_form") List<InputField> userInputForm,
        @JsonProperty("file_upload") Map<String, Object> fileUpload,
        @JsonProperty("system_parameters") SystemParameters systemParameters) {

    /** Reads missing or {@code null} lists and maps as empty and missing features as disabled. */
    public AppParameters {
        suggestedQuestions = WireValues.list(suggestedQuestions);
        suggestedQuestionsAfterAnswer = orDisabled(suggestedQuestionsAfterAnswer);
        speechToText = orDisabled(speechToText);
        textToSpeech = orDisabled(textToSpeech);
        retrieverResource = orDisabled(retrieverResource);
        annotationReply = orDisabled(annotationReply);
        moreLikeThis = orDisabled(moreLikeThis);
        sensitiveWordAvoidance = orDisabled(sensitiveWordAvoidance);
        userInputForm = WireValues.list(userInputForm);
        fileUpload = WireValues.object(fileUpload);
        systemParameters = (systemParameters != null) ? systemParameters : SystemParameters.none();
    }

    private static AppFeature orDisabled(@Nullable AppFeature feature) {
        return (feature != null) ? feature : AppFeature.disabled();
    }

    /**
     * Finds a field of the user input form by its variable name.
     * @param variable the variable name
     * @return the field, or {@code null} when the form has none of that name
     */
    public @Nullable InputField inputField(String variable) {
        for (InputField field : this.userInputForm) {
            if (variable.equals(field.variable())) {
                return field;
            }
        }
        return null;
    }
}
