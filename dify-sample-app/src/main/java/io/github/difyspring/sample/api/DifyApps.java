package io.github.difyspring.sample.api;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.github.difyspring.client.DifyAppClient;
import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.WorkflowRuns;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;

/**
 * Finds the client of the app a request names, refusing unknown apps (404) and apps of the wrong
 * type for the endpoint (400) in Dify's error shape.
 */
@Component
class DifyApps {

    private final DifyClients clients;

    DifyApps(DifyClients clients) {
        this.clients = clients;
    }

    DifyChatClient chat(String name) {
        DifyApp app = app(name);
        if (!app.type().isChat()) {
            throw wrongType(app, "not_chat_app", "a chat, agent or chatflow");
        }
        return this.clients.chat(name);
    }

    DifyCompletionClient completion(String name) {
        DifyApp app = app(name);
        if (app.type() != DifyAppType.COMPLETION) {
            throw wrongType(app, "not_completion_app", "a completion (text generator)");
        }
        return this.clients.completion(name);
    }

    DifyWorkflowClient workflow(String name) {
        DifyApp app = app(name);
        if (app.type() != DifyAppType.WORKFLOW) {
            throw wrongType(app, "not_workflow_app", "a workflow");
        }
        return this.clients.workflow(name);
    }

    /**
     * The runs of a workflow or chatflow app, as an end user: the forms its paused runs wait on and
     * their resumed streams.
     */
    WorkflowRuns runs(String name, String user) {
        DifyApp app = app(name);
        return switch (app.type()) {
            case WORKFLOW -> this.clients.workflow(name).forUser(user).workflowRuns();
            case CHATFLOW -> this.clients.chat(name).forUser(user).workflowRuns();
            default -> throw wrongType(app, "not_workflow_app", "a workflow or chatflow");
        };
    }

    /** The client of an app of any type, for the operations every app offers. */
    DifyAppClient any(String name) {
        DifyApp app = app(name);
        return switch (app.type()) {
            case CHAT, AGENT, CHATFLOW -> this.clients.chat(name);
            case WORKFLOW -> this.clients.workflow(name);
            case COMPLETION -> this.clients.completion(name);
            case KNOWLEDGE -> throw wrongType(app, "not_an_app", "an");
        };
    }

    private DifyApp app(String name) {
        if (!this.clients.names().contains(name)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "app_not_found", "No app is named '" + name + "'");
        }
        return this.clients.app(name);
    }

    private static ApiException wrongType(DifyApp app, String code, String needed) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, "App '" + app.name() + "' is a "
                + app.type().configName() + " app; this endpoint needs " + needed + " app");
    }
}
