package io.github.difyspring.sample.api;

import java.security.Principal;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.completion.CompletionRequest;

/**
 * Dify's endpoints for completion (text generator) apps, at Dify's paths under
 * {@code /api/apps/{app}}, as the signed-in account.
 */
@RestController
@RequestMapping("/api/apps/{app}")
class CompletionController {

    private final DifyApps apps;

    private final EventStreamRelay relay;

    CompletionController(DifyApps apps, EventStreamRelay relay) {
        this.apps = apps;
        this.relay = relay;
    }

    @PostMapping("/completion-messages")
    Mono<? extends ResponseEntity<?>> send(@PathVariable String app, @RequestBody Map<String, Object> body,
            @RequestHeader(name = "X-Trace-Id", required = false) @Nullable String traceId, Principal principal) {
        DifyCompletionClient.Raw raw = this.apps.completion(app).raw().withUsageMetrics();
        String user = principal.getName();
        CompletionRequest request = DifyRequestBodies.completion(body, user, traceId);
        if (DifyRequestBodies.streaming(body)) {
            return Mono.just(this.relay.response(app, user, raw.stream(request)));
        }
        return raw.send(request).map(DifyResponseBodies::json);
    }

    @PostMapping("/completion-messages/{taskId}/stop")
    Mono<Map<String, Object>> stop(@PathVariable String app, @PathVariable String taskId, Principal principal) {
        return this.apps.completion(app).forUser(principal.getName()).stop(taskId).thenReturn(DifyResponseBodies.SUCCESS);
    }
}
