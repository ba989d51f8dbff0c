package io.github.difyspring.sample.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.github.difyspring.client.app.AppFeature;
import io.github.difyspring.client.app.AppParameters;
import io.github.difyspring.client.app.InputField;

/**
 * Puts the library's typed answers back into Dify's wire shape where the records differ from it.
 * Most records carry Dify's field names and are written as they are; the app parameters hold
 * their input form and features in a friendlier form than Dify's, undone here.
 */
final class DifyResponseBodies {

    /** The answer of Dify's stop, feedback and similar calls. */
    static final Map<String, Object> SUCCESS = Map.of("result", "success");

    /**
     * A JSON answer of Dify's relayed as it was received, every field and number format kept.
     */
    static ResponseEntity<String> json(String difyJson) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(difyJson);
    }

    private DifyResponseBodies() {
    }

    static Map<String, Object> suggested(List<String> questions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", "success");
        body.put("data", questions);
        return body;
    }

    static Map<String, Object> parameters(AppParameters parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("opening_statement", parameters.openingStatement());
        body.put("suggested_questions", parameters.suggestedQuestions());
        body.put("suggested_questions_after_answer", feature(parameters.suggestedQuestionsAfterAnswer()));
        body.put("speech_to_text", feature(parameters.speechToText()));
        body.put("text_to_speech", feature(parameters.textToSpeech()));
        body.put("retriever_resource", feature(parameters.retrieverResource()));
        body.put("annotation_reply", feature(parameters.annotationReply()));
        body.put("more_like_this", feature(parameters.moreLikeThis()));
        body.put("sensitive_word_avoidance", feature(parameters.sensitiveWordAvoidance()));
        body.put("user_input_form", parameters.userInputForm().stream().map(DifyResponseBodies::inputField).toList());
        body.put("file_upload", parameters.fileUpload());
        body.put("system_parameters", parameters.systemParameters());
        return body;
    }

    /** A feature as Dify sends it: its settings object, which holds {@code enabled}. */
    private static Map<String, Object> feature(AppFeature feature) {
        if (feature.settings().isEmpty()) {
            return Map.of("enabled", feature.enabled());
        }
        return feature.settings();
    }

    /** A form field as Dify sends it: an object whose single key is the field's kind. */
    private static Map<String, Object> inputField(InputField field) {
        return Map.of(field.kind(), field.attributes());
    }
}
