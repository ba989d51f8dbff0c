package io.github.difyspring.sample.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * What the simulated Dify remembers: conversations and their messages, each owned by one app and
 * one end user, and the tasks that are streaming. Like Dify, it never shows one user another
 * user's conversation: a lookup by the wrong user finds nothing.
 */
final class SimulatedStore {

    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();

    private final Map<String, Message> messages = new ConcurrentHashMap<>();

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    Conversation newConversation(String appKey, String user, String name, Map<String, Object> inputs) {
        long now = now();
        Conversation conversation = new Conversation(UUID.randomUUID().toString(), appKey, user, inputs, now);
        conversation.name = name;
        conversation.updatedAt = now;
        this.conversations.put(conversation.id, conversation);
        return conversation;
    }

    @Nullable Conversation conversation(String appKey, String user, String id) {
        Conversation conversation = this.conversations.get(id);
        return (conversation != null && conversation.appKey.equals(appKey) && conversation.user.equals(user)) ? conversation : null;
    }

    List<Conversation> conversations(String appKey, String user, Comparator<Conversation> order) {
        List<Conversation> found = new ArrayList<>();
        for (Conversation conversation : this.conversations.values()) {
            if (conversation.appKey.equals(appKey) && conversation.user.equals(user)) {
                found.add(conversation);
            }
        }
        found.sort(order);
        return found;
    }

    void delete(Conversation conversation) {
        this.conversations.remove(conversation.id);
        conversation.messages.forEach((message) -> this.messages.remove(message.id));
    }

    Message newMessage(String appKey, String user, @Nullable Conversation conversation, Map<String, Object> inputs, String query) {
        Message message = new Message(UUID.randomUUID().toString(), appKey, user, (conversation != null) ? conversation.id : null,
                inputs, query, now());
        if (conversation != null) {
            message.parentId = conversation.messages.isEmpty() ? null : conversation.messages.get(conversation.messages.size() - 1).id;
            conversation.messages.add(message);
            conversation.updatedAt = message.createdAt;
        }
        this.messages.put(message.id, message);
        return message;
    }

    @Nullable Message message(String appKey, String user, String id) {
        Message message = this.messages.get(id);
        return (message != null && message.appKey.equals(appKey) && message.user.equals(user)) ? message : null;
    }

    Task newTask(String user) {
        Task task = new Task(UUID.randomUUID().toString(), user);
        this.tasks.put(task.id, task);
        return task;
    }

    void endTask(Task task) {
        this.tasks.remove(task.id);
    }

    /** Stops a running task of the user; like Dify, answers the same whether there was one or not. */
    void stop(String taskId, String user) {
        Task task = this.tasks.get(taskId);
        if (task != null && task.user.equals(user)) {
            task.stop();
        }
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static final class Conversation {

        final String id;

        final String appKey;

        final String user;

        final Map<String, Object> inputs;

        final long createdAt;

        volatile String name = "";

        volatile long updatedAt;

        final List<Message> messages = new CopyOnWriteArrayList<>();

        Conversation(String id, String appKey, String user, Map<String, Object> inputs, long createdAt) {
            this.id = id;
            this.appKey = appKey;
            this.user = user;
            this.inputs = inputs;
            this.createdAt = createdAt;
        }
    }

    static final class Message {

        final String id;

        final String appKey;

        final String user;

        final @Nullable String conversationId;

        final Map<String, Object> inputs;

        final String query;

        final long createdAt;

        volatile @Nullable String parentId;

        volatile String answer = "";

        volatile @Nullable String rating;

        Message(String id, String appKey, String user, @Nullable String conversationId, Map<String, Object> inputs, String query,
                long createdAt) {
            this.id = id;
            this.appKey = appKey;
            this.user = user;
            this.conversationId = conversationId;
            this.inputs = inputs;
            this.query = query;
            this.createdAt = createdAt;
        }
    }

    static final class Task {

        final String id;

        final String user;

        private final Sinks.Empty<Void> stopped = Sinks.empty();

        private volatile boolean stopRequested;

        Task(String id, String user) {
            this.id = id;
            this.user = user;
        }

        void stop() {
            this.stopRequested = true;
            this.stopped.tryEmitEmpty();
        }

        Mono<Void> stopped() {
            return this.stopped.asMono();
        }

        boolean isStopped() {
            return this.stopRequested;
        }
    }
}
