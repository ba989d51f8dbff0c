package io.github.difyspring.sample.api;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import io.github.difyspring.sample.support.StubbedDifyTest;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets in: every endpoint needs an account; API clients use HTTP Basic, the page a form
 * sign-in with a session and a CSRF token; requests are capped in size.
 */
class SecurityTests extends StubbedDifyTest {

    /** Every endpoint of the API, as method and path. */
    private static final List<String[]> ENDPOINTS = List.of(
            new String[] { "GET", "/api/apps" }, new String[] { "GET", "/api/me" },
            new String[] { "POST", "/api/apps/support/chat-messages" },
            new String[] { "POST", "/api/apps/writer/completion-messages" },
            new String[] { "POST", "/api/apps/etl/workflows/run" },
            new String[] { "POST", "/api/apps/support/chat-messages/t-1/stop" },
            new String[] { "POST", "/api/apps/writer/completion-messages/t-1/stop" },
            new String[] { "POST", "/api/apps/etl/workflows/tasks/t-1/stop" },
            new String[] { "GET", "/api/apps/support/conversations" },
            new String[] { "GET", "/api/apps/support/messages?conversation_id=c-1" },
            new String[] { "POST", "/api/apps/support/conversations/c-1/name" },
            new String[] { "DELETE", "/api/apps/support/conversations/c-1" },
            new String[] { "POST", "/api/apps/support/messages/m-1/feedbacks" },
            new String[] { "GET", "/api/apps/support/messages/m-1/suggested" },
            new String[] { "POST", "/api/apps/support/files/upload" },
            new String[] { "GET", "/api/apps/support/parameters" },
            new String[] { "GET", "/api/apps/support/info" },
            new String[] { "GET", "/api/apps/nosuch/info" });

    @Test
    void everyEndpointNeedsAnAccount() {
        for (String[] endpoint : ENDPOINTS) {
            anonymous().method(HttpMethod.valueOf(endpoint[0])).uri(endpoint[1])
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"hi\",\"user\":\"alice\"}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"Dify sample\"")
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
            as("alice").mutate().defaultHeaders((headers) -> headers.setBasicAuth("alice", "wrong")).build()
                .method(HttpMethod.valueOf(endpoint[0])).uri(endpoint[1])
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"hi\"}")
                .exchange()
                .expectStatus().isUnauthorized();
        }
        anonymous().get().uri("/").exchange().expectStatus().is3xxRedirection().expectHeader().location("/login");
        anonymous().get().uri("/app.js").exchange().expectStatus().is3xxRedirection();
        assertThat(this.dify.requests()).isEmpty();
    }

    @Test
    void browsersAreNeverAskedForBasicCredentials() {
        anonymous().get().uri("/api/apps").header("Sec-Fetch-Mode", "cors").exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().doesNotExist("WWW-Authenticate");
        anonymous().get().uri("/api/apps").header("X-Requested-With", "XMLHttpRequest").exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().doesNotExist("WWW-Authenticate");
    }

    @Test
    void thePageSignsInWithAFormAndItsSessionNeedsTheCsrfToken() {
        // Bob has talked to the app before: a message of his to give feedback on.
        String message = (String) chat("bob", "support", "Hi", null).get("message_id");
        String feedbacks = "/messages/" + message + "/feedbacks";

        EntityExchangeResult<String> loginPage = anonymous().get().uri("/login").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult();
        String formToken = hiddenCsrfField(loginPage.getResponseBody());
        ResponseCookie csrfCookie = loginPage.getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(csrfCookie).as("the CSRF cookie the page's script reads").isNotNull();
        assertThat(csrfCookie.isHttpOnly()).isFalse();

        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", "bob");
        form.add("password", "demo");
        form.add("_csrf", formToken);
        EntityExchangeResult<byte[]> signedIn = anonymous().post().uri("/login")
            .cookie("XSRF-TOKEN", csrfCookie.getValue())
            .body(BodyInserters.fromFormData(form))
            .exchange()
            .expectStatus().is3xxRedirection()
            .expectHeader().location("/")
            .expectBody().returnResult();
        ResponseCookie session = signedIn.getResponseCookies().getFirst("SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();

        anonymous().get().uri("/api/apps/support/conversations").cookie("SESSION", session.getValue())
            .exchange().expectStatus().isOk();
        assertThat(this.dify.requests().app("support").to("GET", "/conversations").single().user()).isEqualTo("bob");

        // A session without the CSRF token cannot change anything...
        anonymous().post().uri("/api/apps/support" + feedbacks).cookie("SESSION", session.getValue())
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"rating\":\"like\"}")
            .exchange()
            .expectStatus().isForbidden()
            .expectBody().jsonPath("$.code").isEqualTo("forbidden");
        // Nothing reached Dify that changes anything but Bob's message from before.
        assertThat(this.dify.requests().matching((request) -> !request.method().equals("GET"))).extracting(RecordedRequest::path)
            .containsExactly("/chat-messages");
        // ...with the cookie's token in the header, it can.
        anonymous().post().uri("/api/apps/support" + feedbacks)
            .cookie("SESSION", session.getValue())
            .cookie("XSRF-TOKEN", csrfCookie.getValue())
            .header("X-XSRF-TOKEN", csrfCookie.getValue())
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"rating\":\"like\"}")
            .exchange()
            .expectStatus().isOk();
        assertThat(this.dify.requests().to("POST", feedbacks).single().body()).isEqualTo(Map.of("rating", "like", "user", "bob"));
    }

    @Test
    void aWrongPasswordOnTheFormGoesBackToTheForm() {
        EntityExchangeResult<String> loginPage = anonymous().get().uri("/login").exchange().expectBody(String.class).returnResult();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", "bob");
        form.add("password", "not-demo");
        form.add("_csrf", hiddenCsrfField(loginPage.getResponseBody()));
        anonymous().post().uri("/login")
            .cookie("XSRF-TOKEN", loginPage.getResponseCookies().getFirst("XSRF-TOKEN").getValue())
            .body(BodyInserters.fromFormData(form))
            .exchange()
            .expectStatus().is3xxRedirection()
            .expectHeader().location("/login?error");
    }

    @Test
    void requestBodiesAreCapped() {
        String tooLarge = "{\"query\":\"" + "x".repeat(100 * 1024) + "\"}";
        as("alice").post().uri("/api/apps/support/chat-messages").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(tooLarge)
            .exchange()
            .expectStatus().isEqualTo(413)
            .expectBody().jsonPath("$.status").isEqualTo(413);

        MultipartBodyBuilder upload = new MultipartBodyBuilder();
        upload.part("file", new byte[300 * 1024]).filename("big.bin").contentType(MediaType.APPLICATION_OCTET_STREAM);
        as("alice").post().uri("/api/apps/support/files/upload")
            .body(BodyInserters.fromMultipartData(upload.build()))
            .exchange()
            .expectStatus().isEqualTo(413)
            .expectBody().jsonPath("$.code").isEqualTo("file_too_large");
        assertThat(this.dify.requests()).isEmpty();
    }

    private static String hiddenCsrfField(String page) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(matcher.find()).as("the sign-in form carries a CSRF token").isTrue();
        return matcher.group(1);
    }
}
