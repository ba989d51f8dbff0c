package io.github.difyspring.client.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyDecodingException;
import io.github.difyspring.client.error.DifyForbiddenException;
import io.github.difyspring.client.error.DifyNotFoundException;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The operations that describe an app and its end users: {@code GET /info}, {@code /parameters},
 * {@code /meta}, {@code /site} and {@code /end-users/{id}}.
 */
class DifyAppClientDescriptionTest extends DifyClientTestSupport {

    private static final String END_USER_ID = "f1e2d3c4-b5a6-7890-abcd-ef1234567890";

    @Test
    void infoMapsTheAnswer() {
        stubGet("/v1/info", 200, responseExample("GET", "/info", 200, "appInfo"));

        AppInfo info = chatClient().info().block(TIMEOUT);

        assertThat(info).isEqualTo(new AppInfo("My Chat App", "A helpful customer service chatbot.",
                List.of("customer-service", "chatbot"), "chat", "Dify Team"));
        wireMock.verify(1, difyGet("/v1/info"));
    }

    @Test
    void everyClientOffersTheSharedOperations() {
        stubGet("/v1/info", 200, "{\"name\": \"x\", \"tags\": null, \"mode\": \"workflow\"}");

        assertThat(workflowClient().info().block(TIMEOUT)).extracting(AppInfo::tags).isEqualTo(List.of());
        assertThat(completionClient().info().block(TIMEOUT)).extracting(AppInfo::mode).isEqualTo("workflow");
        assertThat(chatClient(DifyAppType.CHATFLOW).info().block(TIMEOUT)).extracting(AppInfo::name).isEqualTo("x");
        wireMock.verify(3, difyGet("/v1/info"));
    }

    @Test
    void parametersMapsTheSpecExample() {
        stubGet("/v1/parameters", 200, responseExample("GET", "/parameters", 200, "appParameters"));

        AppParameters parameters = chatClient().parameters().block(TIMEOUT);

        assertThat(parameters).isNotNull();
        wireMock.verify(1, difyGet("/v1/parameters"));
        assertThat(parameters.openingStatement()).isEqualTo("Hello! How can I help you today?");
        assertThat(parameters.suggestedQuestions()).containsExactly("What can you do?", "Tell me about your features.");
        assertThat(parameters.suggestedQuestionsAfterAnswer().enabled()).isTrue();
        assertThat(parameters.speechToText().enabled()).isFalse();
        assertThat(parameters.textToSpeech().enabled()).isFalse();
        assertThat(parameters.textToSpeech().setting("voice")).isEqualTo("alloy");
        assertThat(parameters.textToSpeech().setting("language")).isEqualTo("en-US");
        assertThat(parameters.textToSpeech().setting("autoPlay")).isEqualTo("disabled");
        assertThat(parameters.retrieverResource().enabled()).isTrue();
        assertThat(parameters.annotationReply().enabled()).isFalse();
        assertThat(parameters.moreLikeThis().enabled()).isFalse();
        assertThat(parameters.sensitiveWordAvoidance().enabled()).isFalse();
        assertThat(parameters.userInputForm()).containsExactly(new InputField("text-input", "city", "City", true, "", null,
                List.of(), Map.of("label", "City", "variable", "city", "required", true, "default", "")));
        assertThat(parameters.inputField("city")).isSameAs(parameters.userInputForm().get(0));
        assertThat(parameters.inputField("country")).isNull();
        assertThat(parameters.fileUpload()).containsOnlyKeys("image");
        assertThat(parameters.fileUpload().get("image")).isEqualTo(Map.of("enabled", true, "number_limits", 3,
                "detail", "high", "transfer_methods", List.of("remote_url", "local_file")));
        assertThat(parameters.systemParameters()).isEqualTo(new SystemParameters(15, 10, 50, 100, 10));
    }

    @Test
    void parametersReadEveryKindOfInputFieldAndKeepUnknownOnes() {
        // As a workflow app's start node sends them, with values as strings where older servers
        // sent strings, and a kind this client does not know.
        stubGet("/v1/parameters", 200, """
                {
                  "opening_statement": null,
                  "suggested_questions": null,
                  "speech_to_text": {"enabled": "true"},
                  "text_to_speech": null,
                  "sensitive_word_avoidance": {"enabled": true, "type": "keywords", "configs": []},
                  "user_input_form": [
                    {"text-input": {"label": "Name", "variable": "name", "required": "true", "max_length": "48",
                                    "default": null, "placeholder": "Your name"}},
                    {"paragraph": {"label": "Bio", "variable": "bio", "required": false, "max_length": 2000}},
                    {"select": {"label": "Plan", "variable": "plan", "required": true, "options": ["free", "pro", null],
                                "default": "free"}},
                    {"number": {"label": "Seats", "variable": "seats", "required": false, "default": 3}},
                    {"file": {"label": "Logo", "variable": "logo", "required": false,
                              "allowed_file_types": ["image"], "allowed_file_upload_methods": ["local_file"]}},
                    {"file-list": {"label": "Docs", "variable": "docs", "max_length": 5}},
                    {"checkbox": {"label": "Agree", "variable": "agree", "required": true, "default": false}},
                    {"hologram-input": {"label": "Future", "variable": "future", "dimensions": 3}}
                  ],
                  "file_upload": null,
                  "system_parameters": {"file_size_limit": "15", "image_file_size_limit": 10},
                  "a_field_from_a_newer_server": {"x": 1}
                }
                """);

        AppParameters parameters = workflowClient().parameters().block(TIMEOUT);

        assertThat(parameters).isNotNull();
        assertThat(parameters.openingStatement()).isNull();
        assertThat(parameters.suggestedQuestions()).isEmpty();
        assertThat(parameters.speechToText().enabled()).isTrue();
        assertThat(parameters.textToSpeech()).isEqualTo(AppFeature.disabled());
        assertThat(parameters.moreLikeThis()).isEqualTo(AppFeature.disabled());
        assertThat(parameters.sensitiveWordAvoidance().enabled()).isTrue();
        assertThat(parameters.sensitiveWordAvoidance().setting("type")).isEqualTo("keywords");
        assertThat(parameters.fileUpload()).isEmpty();
        assertThat(parameters.systemParameters()).isEqualTo(new SystemParameters(15, 10, null, null, null));

        List<InputField> form = parameters.userInputForm();
        assertThat(form).extracting(InputField::kind)
            .containsExactly("text-input", "paragraph", "select", "number", "file", "file-list", "checkbox", "hologram-input");
        assertThat(form).extracting(InputField::variable)
            .containsExactly("name", "bio", "plan", "seats", "logo", "docs", "agree", "future");
        InputField name = form.get(0);
        assertThat(name.label()).isEqualTo("Name");
        assertThat(name.required()).isTrue();
        assertThat(name.maxLength()).isEqualTo(48);
        assertThat(name.defaultValue()).isNull();
        assertThat(name.attribute("placeholder")).isEqualTo("Your name");
        assertThat(form.get(1).required()).isFalse();
        assertThat(form.get(1).maxLength()).isEqualTo(2000);
        assertThat(form.get(2).options()).containsExactly("free", "pro");
        assertThat(form.get(2).defaultValue()).isEqualTo("free");
        assertThat(form.get(3).defaultValue()).isEqualTo(3);
        assertThat(form.get(4).attributes()).containsEntry("allowed_file_types", List.of("image"));
        assertThat(form.get(5).maxLength()).isEqualTo(5);
        assertThat(form.get(6).defaultValue()).isEqualTo(false);
        assertThat(form.get(7).label()).isEqualTo("Future");
        assertThat(form.get(7).attributes()).containsEntry("dimensions", 3);
    }

    @Test
    void parametersOfAnUnavailableAppRaiseBadRequest() {
        stubGet("/v1/parameters", 400, responseExample("GET", "/parameters", 400, "app_unavailable"));

        DifyBadRequestException error = failure(chatClient().parameters(), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("app_unavailable");
        assertThat(error.getOperation()).isEqualTo("GET /parameters");
    }

    @Test
    void metaMapsBothFormsOfToolIcon() {
        stubGet("/v1/meta", 200, responseExample("GET", "/meta", 200, "appMeta"));

        AppMeta meta = chatClient().meta().block(TIMEOUT);

        assertThat(meta).isNotNull();
        assertThat(meta.toolIcons()).containsExactly(
                entry("dalle3", new ToolIcon("https://example.com/icons/dalle3.png", null, null)),
                entry("calculator", new ToolIcon(null, "\uD83E\uDDEE", "#4A90D9")));
        assertThat(meta.toolIcons().get("dalle3").isImage()).isTrue();
        assertThat(meta.toolIcons().get("calculator").isImage()).isFalse();
        wireMock.verify(1, difyGet("/v1/meta"));
    }

    @Test
    void metaWithoutIconsIsEmpty() {
        stubGet("/v1/meta", 200, "{\"tool_icons\": null}");

        assertThat(chatClient().meta().block(TIMEOUT)).extracting(AppMeta::toolIcons).isEqualTo(Map.of());
    }

    @Test
    void siteMapsTheAnswer() {
        stubGet("/v1/site", 200, responseExample("GET", "/site", 200, "webAppSettings"));

        AppSite site = completionClient().site().block(TIMEOUT);

        assertThat(site).isEqualTo(new AppSite("My Chat App", "#4A90D9", false, "emoji", "\uD83E\uDD16", "#FFFFFF", null,
                "A helpful customer service chatbot.", "2025 Dify", "https://example.com/privacy",
                "Ask me anything about our products...", "", "en-US", false, true));
        wireMock.verify(1, difyGet("/v1/site"));
    }

    @Test
    void siteToleratesNullFlags() {
        stubGet("/v1/site", 200, "{\"title\": \"t\", \"show_workflow_steps\": null, \"use_icon_as_answer_icon\": \"true\"}");

        AppSite site = chatClient().site().block(TIMEOUT);

        assertThat(site).isNotNull();
        assertThat(site.showWorkflowSteps()).isFalse();
        assertThat(site.useIconAsAnswerIcon()).isTrue();
    }

    @Test
    void siteOfAnAppWithoutOneRaisesForbidden() {
        stubGet("/v1/site", 403, responseExample("GET", "/site", 403, "forbidden"));

        DifyForbiddenException error = failure(chatClient().site(), DifyForbiddenException.class);

        assertThat(error.getCode()).isEqualTo("forbidden");
    }

    @Test
    void endUserMapsTheAnswer() {
        stubGet("/v1/end-users/" + END_USER_ID, 200, responseExample("GET", "/end-users/{end_user_id}", 200, "endUserDetail"));

        EndUser user = chatClient().endUser(END_USER_ID).block(TIMEOUT);

        assertThat(user).isEqualTo(new EndUser(END_USER_ID, "11223344-5566-7788-99aa-bbccddeeff00",
                "a1b2c3d4-5678-90ab-cdef-1234567890ab", "service-api", "abc-123", null, false, "abc-123",
                Instant.parse("2024-01-16T12:00:29Z"), Instant.parse("2024-01-16T12:00:29Z")));
        wireMock.verify(1, difyGet("/v1/end-users/" + END_USER_ID));
    }

    @Test
    void endUserReadsTheTimeFormsDifySends() {
        stubGet("/v1/end-users/u1", 200, """
                {"id": "u1", "is_anonymous": "true", "created_at": "2024-01-16T12:00:29.123456", "updated_at": 1705407629}
                """);
        stubGet("/v1/end-users/u2", 200, """
                {"id": "u2", "is_anonymous": null, "created_at": "Tue, 16 Jan 2024 12:00:29 GMT", "updated_at": "2024-01-16T13:00:29+01:00"}
                """);

        EndUser first = chatClient().endUser("u1").block(TIMEOUT);
        EndUser second = chatClient().endUser("u2").block(TIMEOUT);

        assertThat(first).isNotNull();
        assertThat(first.anonymous()).isTrue();
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2024-01-16T12:00:29.123456Z"));
        assertThat(first.updatedAt()).isEqualTo(Instant.ofEpochSecond(1705407629L));
        assertThat(second).isNotNull();
        assertThat(second.anonymous()).isFalse();
        assertThat(second.createdAt()).isEqualTo(Instant.parse("2024-01-16T12:00:29Z"));
        assertThat(second.updatedAt()).isEqualTo(Instant.parse("2024-01-16T12:00:29Z"));
    }

    @Test
    void endUserWithAnUnreadableTimeRaisesADecodingError() {
        stubGet("/v1/end-users/u1", 200, "{\"id\": \"u1\", \"created_at\": \"yesterday\"}");

        DifyDecodingException error = failure(chatClient().endUser("u1"), DifyDecodingException.class);

        assertThat(error).hasMessageContaining("GET /end-users/{end_user_id}");
    }

    @Test
    void unknownEndUserRaisesNotFound() {
        stubGet("/v1/end-users/nobody", 404, responseExample("GET", "/end-users/{end_user_id}", 404, "end_user_not_found"));

        DifyNotFoundException error = failure(chatClient().endUser("nobody"), DifyNotFoundException.class);

        assertThat(error.getCode()).isEqualTo("end_user_not_found");
        assertThat(error.getDifyMessage()).isEqualTo("End user not found.");
    }

    static void stubGet(String url, int status, String body) {
        wireMock.stubFor(get(urlEqualTo(url)).willReturn(json(status, body)));
    }
}
