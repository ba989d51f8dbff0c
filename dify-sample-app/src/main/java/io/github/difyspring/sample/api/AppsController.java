package io.github.difyspring.sample.api;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.difyspring.client.DifyClients;

/**
 * What the page needs to start: the configured apps (names and types, never their keys) and who
 * is signed in.
 */
@RestController
class AppsController {

    private final DifyClients clients;

    AppsController(DifyClients clients) {
        this.clients = clients;
    }

    @GetMapping("/api/apps")
    List<AppSummary> apps() {
        return this.clients.names()
            .stream()
            .map((name) -> new AppSummary(name, this.clients.app(name).type().configName()))
            .toList();
    }

    @GetMapping("/api/me")
    Map<String, String> me(Principal principal) {
        return Map.of("name", principal.getName());
    }

    /**
     * One configured app.
     * @param name its name, as used in the API's paths
     * @param type chat, agent, chatflow, workflow or completion
     */
    record AppSummary(String name, String type) {
    }
}
