package io.github.difyspring.client.error;

import org.jspecify.annotations.Nullable;

/**
 * Dify sent an {@code error} event in a stream that had already started (the HTTP status was 200).
 * It is raised after every event before it was delivered.
 */
public class DifyStreamException extends DifyException {

    private final @Nullable String code;

    private final @Nullable Integer status;

    private final @Nullable String difyMessage;

    private final @Nullable String taskId;

    private final @Nullable String messageId;

    private final @Nullable String conversationId;

    private final @Nullable String workflowRunId;

    /**
     * Creates the exception from an error event.
     * @param appName the app the stream came from
     * @param operation the request, such as {@code POST /chat-messages}
     * @param code Dify's error code
     * @param status the HTTP-like status Dify gives the error
     * @param difyMessage Dify's error message
     * @param taskId the task that failed
     * @param messageId the message, in chat apps
     * @param conversationId the conversation, in chat apps
     * @param workflowRunId the workflow run, in workflow and chatflow apps
     */
    public DifyStreamException(String appName, String operation, @Nullable String code, @Nullable Integer status,
            @Nullable String difyMessage, @Nullable String taskId, @Nullable String messageId,
            @Nullable String conversationId, @Nullable String workflowRunId) {
        super(appName, "Dify app '" + appName + "': " + operation + " stream ended with error event " + code + " (status "
                + status + "): " + difyMessage, null);
        this.code = code;
        this.status = status;
        this.difyMessage = difyMessage;
        this.taskId = taskId;
        this.messageId = messageId;
        this.conversationId = conversationId;
        this.workflowRunId = workflowRunId;
    }

    /**
     * Dify's error code, such as {@code provider_quota_exceeded}.
     * @return the code, or {@code null} if the event had none
     */
    public @Nullable String getCode() {
        return this.code;
    }

    /**
     * The status Dify gives the error (an HTTP status number).
     * @return the status, or {@code null} if the event had none
     */
    public @Nullable Integer getStatus() {
        return this.status;
    }

    /**
     * Dify's error message.
     * @return the message, or {@code null} if the event had none
     */
    public @Nullable String getDifyMessage() {
        return this.difyMessage;
    }

    /**
     * The task that failed.
     * @return the task id, or {@code null}
     */
    public @Nullable String getTaskId() {
        return this.taskId;
    }

    /**
     * The message being generated, in chat apps.
     * @return the message id, or {@code null}
     */
    public @Nullable String getMessageId() {
        return this.messageId;
    }

    /**
     * The conversation, in chat apps.
     * @return the conversation id, or {@code null}
     */
    public @Nullable String getConversationId() {
        return this.conversationId;
    }

    /**
     * The workflow run, in workflow and chatflow apps.
     * @return the workflow run id, or {@code null}
     */
    public @Nullable String getWorkflowRunId() {
        return this.workflowRunId;
    }
}
