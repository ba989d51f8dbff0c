package io.github.difyspring.client;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.internal.RequestSupport;
import io.github.difyspring.client.workflow.HumanInputSubmission;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

/**
 * The JSON bodies of the generation requests, as Dify's Service API reads them: the request
 * objects stay plain values, and what goes on the wire is decided here, next to the clients.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The JSON body of a {@link ChatRequest}, with the user resolved.
     * @param request the request
     * @param resolvedUser the user the request is made for
     * @param responseMode {@code blocking} or {@code streaming}
     * @return the body, as Dify's Service API reads it
     */
    static Map<String, Object> chat(ChatRequest request, String resolvedUser, String responseMode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", request.query());
        body.put("inputs", request.inputs());
        body.put("response_mode", responseMode);
        body.put("user", resolvedUser);
        if (request.conversationId() != null) {
            body.put("conversation_id", request.conversationId());
        }
        if (!request.files().isEmpty()) {
            body.put("files", RequestSupport.wireFiles(request.files()));
        }
        if (request.autoGenerateName() != null) {
            body.put("auto_generate_name", request.autoGenerateName());
        }
        if (request.workflowId() != null) {
            body.put("workflow_id", request.workflowId());
        }
        return body;
    }

    /**
     * The JSON body of a {@link WorkflowRunRequest}, with the user resolved.
     * @param request the request
     * @param resolvedUser the user the request is made for
     * @param responseMode {@code blocking} or {@code streaming}
     * @return the body, as Dify's Service API reads it
     */
    static Map<String, Object> workflowRun(WorkflowRunRequest request, String resolvedUser, String responseMode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", request.inputs());
        body.put("response_mode", responseMode);
        body.put("user", resolvedUser);
        if (!request.files().isEmpty()) {
            body.put("files", RequestSupport.wireFiles(request.files()));
        }
        return body;
    }

    /**
     * The JSON body of a {@link CompletionRequest}, with the user resolved.
     * @param request the request
     * @param resolvedUser the user the request is made for
     * @param responseMode {@code blocking} or {@code streaming}
     * @return the body, as Dify's Service API reads it
     */
    static Map<String, Object> completion(CompletionRequest request, String resolvedUser, String responseMode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", request.inputs());
        if (request.query() != null) {
            body.put("query", request.query());
        }
        body.put("response_mode", responseMode);
        body.put("user", resolvedUser);
        if (!request.files().isEmpty()) {
            body.put("files", RequestSupport.wireFiles(request.files()));
        }
        return body;
    }

    /**
     * The JSON body of a {@link HumanInputSubmission}, with the user resolved.
     * @param request the request
     * @param resolvedUser the user the request is made for
     * @return the body, as Dify's Service API reads it
     */
    static Map<String, Object> humanInput(HumanInputSubmission request, String resolvedUser) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", request.inputs());
        body.put("action", request.action());
        body.put("user", resolvedUser);
        return body;
    }
}
