package io.github.difyspring.sample.security;

import reactor.core.publisher.Mono;

import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page: a plain form posted to Spring Security's form login, with the CSRF token
 * rendered into it.
 */
@Controller
class LoginPageController {

    private final boolean demo;

    LoginPageController(Environment environment) {
        this.demo = environment.getProperty("sample.demo.enabled", Boolean.class, false);
    }

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> login(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        var query = exchange.getRequest().getQueryParams();
        String notice = query.containsKey("error") ? "<p class=\"notice error\">Wrong user name or password.</p>"
                : query.containsKey("logout") ? "<p class=\"notice\">You have been signed out.</p>"
                : query.containsKey("expired") ? "<p class=\"notice error\">The form had expired. Please sign in again.</p>" : "";
        String hint = this.demo ? "<p class=\"hint\">Offline demo: sign in as <b>alice</b> or <b>bob</b>, password <b>demo</b>.</p>" : "";
        return token.map((csrf) -> ResponseEntity.ok()
            .contentType(MediaType.TEXT_HTML)
            .body(page(csrf, notice, hint)));
    }

    private static String page(CsrfToken csrf, String notice, String hint) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Sign in · Dify sample</title>
                  <link rel="icon" href="/favicon.svg">
                  <link rel="stylesheet" href="/app.css">
                </head>
                <body class="login">
                  <main class="login-card">
                    <h1><span class="logo">◆</span> Dify sample</h1>
                    %s
                    <form method="post" action="/login">
                      <label>User name <input id="username" name="username" autocomplete="username" required autofocus></label>
                      <label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
                      <input type="hidden" name="%s" value="%s">
                      <button id="sign-in" type="submit" class="primary">Sign in</button>
                    </form>
                    %s
                  </main>
                </body>
                </html>
                """.formatted(notice, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()), hint);
    }
}
