package io.github.difyspring.sample.api;

import java.security.Principal;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.difyspring.client.workflow.HumanInputForm;
import io.github.difyspring.client.workflow.ResumeOptions;

/**
 * A paused workflow or chatflow run, as the signed-in account: the human input form it waits on,
 * the form's submission, which resumes the run, and the rest of the run's stream, passed through.
 */
@RestController
@RequestMapping("/api/apps/{app}")
class HumanInputController {

    private final DifyApps apps;

    private final EventStreamRelay relay;

    HumanInputController(DifyApps apps, EventStreamRelay relay) {
        this.apps = apps;
        this.relay = relay;
    }

    @GetMapping("/forms/{formToken}")
    Mono<HumanInputForm> form(@PathVariable String app, @PathVariable String formToken, Principal principal) {
        return this.apps.runs(app, principal.getName()).humanInputForm(formToken);
    }

    @PostMapping("/forms/{formToken}")
    Mono<Map<String, Object>> submit(@PathVariable String app, @PathVariable String formToken, @RequestBody Map<String, Object> body,
            Principal principal) {
        return this.apps.runs(app, principal.getName())
            .submitHumanInputForm(formToken, DifyRequestBodies.humanInput(body))
            .thenReturn(DifyResponseBodies.SUCCESS);
    }

    @GetMapping("/workflows/runs/{runId}/events")
    ResponseEntity<Flux<ServerSentEvent<String>>> resumedEvents(@PathVariable String app, @PathVariable String runId, Principal principal) {
        String user = principal.getName();
        return this.relay.response(app, user, this.apps.runs(app, user).resumeRawStream(runId, ResumeOptions.defaults()));
    }
}
