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

import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

/**
 * Dify's endpoints for workflow apps, at Dify's paths under {@code /api/apps/{app}}, as the
 * signed-in account.
 */
@RestController
@RequestMapping("/api/apps/{app}")
class WorkflowController {

    private final DifyApps apps;

    private final EventStreamRelay relay;

    WorkflowController(DifyApps apps, EventStreamRelay relay) {
        this.apps = apps;
        this.relay = relay;
    }

    @PostMapping("/workflows/run")
    Mono<? extends ResponseEntity<?>> run(@PathVariable String app, @RequestBody Map<String, Object> body,
            @RequestHeader(name = "X-Trace-Id", required = false) @Nullable String traceId, Principal principal) {
        DifyWorkflowClient.Raw raw = this.apps.workflow(app).raw().withUsageMetrics();
        String user = principal.getName();
        WorkflowRunRequest request = DifyRequestBodies.workflow(body, user, traceId);
        if (DifyRequestBodies.streaming(body)) {
            return Mono.just(this.relay.response(app, user, raw.stream(request)));
        }
        return raw.run(request).map(DifyResponseBodies::json);
    }

    @PostMapping("/workflows/tasks/{taskId}/stop")
    Mono<Map<String, Object>> stop(@PathVariable String app, @PathVariable String taskId, Principal principal) {
        return this.apps.workflow(app).forUser(principal.getName()).stop(taskId).thenReturn(DifyResponseBodies.SUCCESS);
    }
}
