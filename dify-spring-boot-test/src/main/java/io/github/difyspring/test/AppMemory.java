package io.github.difyspring.test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * What the test server remembers: conversations and messages, uploaded files and workflow runs,
 * each owned by one app and one end user, and the streaming tasks a stop can end. Like Dify, a
 * lookup by the wrong app or user finds nothing.
 */
final class AppMemory {

    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();

    private final Map<String, Message> messages = new ConcurrentHashMap<>();

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

    private final Set<String> filesInMessages = ConcurrentHashMap.newKeySet();

    private final Map<String, WorkflowRun> runs = new ConcurrentHashMap<>();

    void clear() {
        this.tasks.values().forEach(Task::stop);
        List.of(this.conversations, this.messages, this.tasks, this.files, this.runs).forEach(Map::clear);
        this.filesInMessages.clear();
    }

    Conversation newConversation(String appKey, String user, String name, Map<String, Object> inputs) {
        Conversation conversation = new Conversation(appKey, user, inputs, name);
        this.conversations.put(conversation.id, conversation);
        return conversation;
    }

    @Nullable Conversation conversation(String appKey, @Nullable String user, String id) {
        Conversation conversation = this.conversations.get(id);
        return (conversation != null && conversation.appKey.equals(appKey) && conversation.user.equals(user)) ? conversation : null;
    }

    List<Conversation> conversations(String appKey, String user, Comparator<Conversation> order) {
        return this.conversations.values().stream().filter((c) -> c.appKey.equals(appKey) && c.user.equals(user)).sorted(order).toList();
    }

    void delete(Conversation conversation) {
        this.conversations.remove(conversation.id);
        conversation.messages.forEach((message) -> this.messages.remove(message.id));
    }

    Message newMessage(String appKey, String user, @Nullable Conversation conversation, Map<String, Object> inputs, String query) {
        Message message = new Message(appKey, user, (conversation != null) ? conversation.id : null, inputs, query);
        if (conversation != null) {
            message.parentId = conversation.messages.isEmpty() ? null : conversation.messages.get(conversation.messages.size() - 1).id;
            conversation.messages.add(message);
            conversation.updatedAt = message.createdAt;
            conversation.updated = Conversation.SEQUENCE.incrementAndGet();
        }
        this.messages.put(message.id, message);
        return message;
    }

    @Nullable Message message(String appKey, @Nullable String user, String id) {
        Message message = this.messages.get(id);
        return (message != null && message.appKey.equals(appKey) && message.user.equals(user)) ? message : null;
    }

    /** An app's messages with feedback, newest first, for {@code GET /app/feedbacks}. */
    List<Message> ratedMessages(String appKey) {
        return this.messages.values().stream().filter((m) -> m.appKey.equals(appKey) && m.rating != null)
            .sorted(Comparator.comparingLong((Message m) -> m.ratedAt).reversed()).toList();
    }

    /** A streaming task, ended with {@link #endTask(String)}; its {@code Mono} completes when a stop request names it. */
    Task newTask(String user) {
        Task task = new Task(UUID.randomUUID().toString(), user, Sinks.empty());
        this.tasks.put(task.id(), task);
        return task;
    }

    void endTask(String taskId) {
        this.tasks.remove(taskId);
    }

    /** Stops a running task of the user; like Dify, answers the same whether there was one or not. */
    void stop(String taskId, String user) {
        Task task = this.tasks.get(taskId);
        if (task != null && task.user().equals(user)) {
            task.stop();
        }
    }

    StoredFile storeFile(String appKey, String user, RecordedPart part) {
        StoredFile file = new StoredFile(UUID.randomUUID().toString(), appKey, user, part.filename(), Objects.requireNonNull(part.contentType()),
                part.content(), Wire.now());
        this.files.put(file.id(), file);
        return file;
    }

    @Nullable StoredFile file(String id) {
        return this.files.get(id);
    }

    /** Notes the uploaded files a message or run refers to ({@code files[].upload_file_id}): only those can be previewed. */
    void useFiles(Map<String, Object> body) {
        if (body.get("files") instanceof List<?> files) {
            files.stream().filter(Map.class::isInstance).map((file) -> ((Map<?, ?>) file).get("upload_file_id"))
                .filter(String.class::isInstance).forEach((id) -> this.filesInMessages.add((String) id));
        }
    }

    boolean isInMessage(String fileId) {
        return this.filesInMessages.contains(fileId);
    }

    void remember(WorkflowRun run) {
        this.runs.put(run.id, run);
    }

    @Nullable WorkflowRun run(String appKey, String id) {
        WorkflowRun run = this.runs.get(id);
        return (run != null && run.appKey.equals(appKey)) ? run : null;
    }

    @Nullable WorkflowRun runWaitingOn(String appKey, String formToken) {
        return this.runs.values().stream().filter((run) -> formToken.equals(run.formToken) && run.appKey.equals(appKey)).findFirst()
            .orElse(null);
    }

    /**
     * A conversation. Its times are Dify's whole seconds; {@code created} and {@code updated} order
     * those of the same second as Dify's finer database clock does.
     */
    static final class Conversation {

        static final AtomicLong SEQUENCE = new AtomicLong();

        final String id = UUID.randomUUID().toString();

        final long created = SEQUENCE.incrementAndGet();

        volatile long updated = this.created;

        final String appKey;

        final String user;

        final Map<String, Object> inputs;

        final long createdAt = Wire.now();

        final List<Message> messages = new CopyOnWriteArrayList<>();

        volatile String name;

        volatile long updatedAt = this.createdAt;

        Conversation(String appKey, String user, Map<String, Object> inputs, String name) {
            this.appKey = appKey;
            this.user = user;
            this.inputs = inputs;
            this.name = name;
        }
    }

    static final class Message {

        final String id = UUID.randomUUID().toString();

        final String appKey;

        final String user;

        final @Nullable String conversationId;

        final Map<String, Object> inputs;

        final String query;

        final long createdAt = Wire.now();

        volatile @Nullable String parentId;

        private final StringBuilder answer = new StringBuilder();

        volatile @Nullable String rating;

        volatile @Nullable String feedbackContent;

        volatile long ratedAt;

        /** Adds a piece to the answer; appending, not copying, keeps a long stream linear. */
        synchronized void append(String piece) {
            this.answer.append(piece);
        }

        synchronized String answer() {
            return this.answer.toString();
        }

        Message(String appKey, String user, @Nullable String conversationId, Map<String, Object> inputs, String query) {
            this.appKey = appKey;
            this.user = user;
            this.conversationId = conversationId;
            this.inputs = inputs;
            this.query = query;
        }
    }

    record Task(String id, String user, Sinks.Empty<Void> stops) {

        void stop() {
            this.stops.tryEmitEmpty();
        }

        Mono<Void> stopped() {
            return this.stops.asMono();
        }
    }

    /** An uploaded file, kept whole so that its preview can send it back. */
    record StoredFile(String id, String appKey, String user, String name, String mimeType, byte[] content, long createdAt) {
    }

    /** A workflow or chatflow run: how it ended, or the form it waits on. */
    static final class WorkflowRun {

        final String id = UUID.randomUUID().toString();

        final String appKey;

        final String user;

        final String workflowId;

        final Map<String, Object> inputs;

        final long createdAt = Wire.now();

        private final long startedNanos = System.nanoTime();

        private final Sinks.One<Map<String, Object>> submitted = Sinks.one();

        volatile String status = "running";

        volatile Map<String, Object> outputs = Map.of();

        volatile @Nullable String error;

        volatile int totalSteps;

        volatile int totalTokens;

        volatile @Nullable Long finishedAt;

        volatile @Nullable String formToken;

        volatile @Nullable HumanInputPause pausedOn;

        volatile @Nullable WorkflowAnswers answers;

        volatile @Nullable Map<String, Object> submission;

        WorkflowRun(String appKey, String user, String workflowId, Map<String, Object> inputs) {
            this.appKey = appKey;
            this.user = user;
            this.workflowId = workflowId;
            this.inputs = inputs;
        }

        void submit(Map<String, Object> submission) {
            this.submission = submission;
            this.submitted.tryEmitValue(submission);
        }

        /** The form's submission, once there is one. */
        Mono<Map<String, Object>> submitted() {
            return this.submitted.asMono();
        }

        double elapsedSeconds() {
            return Math.round((System.nanoTime() - this.startedNanos) / 1e6) / 1000.0;
        }
    }
}
