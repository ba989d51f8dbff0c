package dev.dify.spring.sample;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.dify.spring.client.DifyAppType;
import dev.dify.spring.client.DifyClients;

/**
 * Lists the configured Dify apps: their names and types, never their keys.
 */
@RestController
class AppsController {

    private final DifyClients clients;

    AppsController(DifyClients clients) {
        this.clients = clients;
    }

    @GetMapping("/api/apps")
    List<AppSummary> apps() {
        return this.clients.names().stream().map((name) -> new AppSummary(name, this.clients.app(name).type())).toList();
    }

    record AppSummary(String name, DifyAppType type) {
    }
}
