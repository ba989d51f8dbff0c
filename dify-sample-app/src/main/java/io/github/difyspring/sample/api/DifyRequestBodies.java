package io.github.difyspring.sample.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.workflow.HumanInputSubmission;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

/**
 * Reads Dify's request bodies, as a front end written for Dify sends them, into the library's
 * requests. The {@code user} a body names is never read: the caller passes the signed-in
 * account's name instead.
 */
final class DifyRequestBodies {

    private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private DifyRequestBodies() {
    }

    /**
     * Whether the body asks for a stream. Like Dify, anything but {@code streaming} is blocking,
     * and a value that is neither is refused.
     */
    static boolean streaming(Map<String, Object> body) {
        Object mode = body.get("response_mode");
        if (mode == null || "blocking".equals(mode)) {
            return false;
        }
        if ("streaming".equals(mode)) {
            return true;
        }
        throw ApiException.invalidParam("response_mode must be 'blocking' or 'streaming'");
    }

    static ChatRequest chat(Map<String, Object> body, String user, @Nullable String traceId) {
        String query = text(body, "query");
        if (query == null) {
            throw ApiException.invalidParam("query is required");
        }
        ChatRequest.Builder request = ChatRequest.builder()
            .query(query)
            .inputs(inputs(body))
            .conversationId(blankToNull(text(body, "conversation_id")))
            .workflowId(blankToNull(text(body, "workflow_id")))
            .user(user)
            .traceId(traceId(traceId));
        Object autoGenerateName = body.get("auto_generate_name");
        if (autoGenerateName != null) {
            if (!(autoGenerateName instanceof Boolean flag)) {
                throw ApiException.invalidParam("auto_generate_name must be a boolean");
            }
            request.autoGenerateName(flag);
        }
        files(body).forEach(request::file);
        return request.build();
    }

    static CompletionRequest completion(Map<String, Object> body, String user, @Nullable String traceId) {
        CompletionRequest.Builder request = CompletionRequest.builder()
            .inputs(inputs(body))
            .query(text(body, "query"))
            .user(user)
            .traceId(traceId(traceId));
        files(body).forEach(request::file);
        return request.build();
    }

    static WorkflowRunRequest workflow(Map<String, Object> body, String user, @Nullable String traceId) {
        WorkflowRunRequest.Builder request = WorkflowRunRequest.builder()
            .inputs(inputs(body))
            .user(user)
            .traceId(traceId(traceId));
        files(body).forEach(request::file);
        return request.build();
    }

    /** A human input form's submission: the button ({@code action}) and the fields' values ({@code inputs}). */
    static HumanInputSubmission humanInput(Map<String, Object> body) {
        String action = text(body, "action");
        if (action == null || action.isBlank()) {
            throw ApiException.invalidParam("action is required");
        }
        return HumanInputSubmission.of(action, inputs(body));
    }

    static @Nullable String text(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw ApiException.invalidParam(name + " must be a string");
        }
        return text;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return (text == null || text.isBlank()) ? null : text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputs(Map<String, Object> body) {
        Object inputs = body.get("inputs");
        if (inputs == null) {
            return Map.of();
        }
        if (!(inputs instanceof Map<?, ?> map)) {
            throw ApiException.invalidParam("inputs must be an object");
        }
        return (Map<String, Object>) map;
    }

    private static List<DifyFile> files(Map<String, Object> body) {
        Object files = body.get("files");
        if (files == null) {
            return List.of();
        }
        if (!(files instanceof List<?> list)) {
            throw ApiException.invalidParam("files must be a list");
        }
        List<DifyFile> result = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> file)) {
                throw ApiException.invalidParam("each file must be an object");
            }
            result.add(file(file));
        }
        return result;
    }

    private static DifyFile file(Map<?, ?> file) {
        DifyFileType type;
        try {
            type = DifyFileType.valueOf(String.valueOf(file.get("type")).toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw ApiException.invalidParam("a file's type must be image, document, audio, video or custom");
        }
        Object method = file.get("transfer_method");
        if ("remote_url".equals(method) && file.get("url") instanceof String url && !url.isBlank()) {
            return DifyFile.remoteUrl(type, url);
        }
        if ("local_file".equals(method) && file.get("upload_file_id") instanceof String id && !id.isBlank()) {
            return DifyFile.uploaded(type, id);
        }
        throw ApiException.invalidParam("a file needs transfer_method remote_url with a url, or local_file with an upload_file_id");
    }

    static @Nullable String traceId(@Nullable String traceId) {
        if (traceId == null || traceId.isEmpty()) {
            return null;
        }
        if (!TRACE_ID.matcher(traceId).matches()) {
            throw ApiException.invalidParam("X-Trace-Id must be 1 to 128 of A-Z, a-z, 0-9, '_' and '-'");
        }
        return traceId;
    }
}
