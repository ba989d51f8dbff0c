package io.github.difyspring.test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.github.difyspring.test.AppMemory.Conversation;
import io.github.difyspring.test.AppMemory.Message;

/**
 * Conversations, their messages, feedback and suggested questions, each visible to its own end
 * user only, shaped as Dify 1.14.2's {@code api/controllers/service_api/app/conversation.py},
 * {@code message.py} and {@code api/fields/conversation_fields.py}, {@code message_fields.py}.
 */
final class ConversationRoutes {

    private static final Map<String, Comparator<Conversation>> ORDERS = Map.of(
            "created_at", Comparator.comparingLong((Conversation c) -> c.created),
            "-created_at", Comparator.comparingLong((Conversation c) -> c.created).reversed(),
            "updated_at", Comparator.comparingLong((Conversation c) -> c.updated),
            "-updated_at", Comparator.comparingLong((Conversation c) -> c.updated).reversed());

    private final AppMemory memory;

    ConversationRoutes(AppMemory memory) {
        this.memory = memory;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
            .GET("/v1/conversations", this::conversations)
            .GET("/v1/messages", this::messages)
            .POST("/v1/conversations/{conversation_id}/name", this::rename)
            .DELETE("/v1/conversations/{conversation_id}", this::delete)
            .POST("/v1/messages/{message_id}/feedbacks", this::feedback)
            .GET("/v1/app/feedbacks", this::feedbacks)
            .GET("/v1/messages/{message_id}/suggested", this::suggested)
            .build();
    }

    private Mono<ServerResponse> conversations(ServerRequest request) {
        ScriptedApp app = Wire.app(request);
        String user = Wire.recorded(request).user();
        Integer limit = Wire.limit(request);
        Comparator<Conversation> order = ORDERS.get(request.queryParam("sort_by").orElse("-updated_at"));
        if (!app.mode().isChat()) {
            return Wire.error(HttpStatus.BAD_REQUEST, "not_chat_app", GenerationRoutes.WRONG_ROUTE);
        }
        if (user == null || user.isBlank()) {
            return Wire.userRequired();
        }
        if (limit == null || order == null) {
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", (limit == null) ? "limit must be between 1 and 100" : "sort_by is invalid");
        }
        List<Conversation> all = this.memory.conversations(app.apiKey(), user, order);
        String lastId = request.queryParam("last_id").orElse("");
        int from = lastId.isBlank() ? 0 : all.stream().map((conversation) -> conversation.id).toList().indexOf(lastId) + 1;
        if (!lastId.isBlank() && from == 0) {
            return Wire.error(HttpStatus.NOT_FOUND, "not_found", "Last Conversation Not Exists.");
        }
        List<Conversation> page = all.subList(from, Math.min(all.size(), from + limit));
        return Wire.ok(Wire.page(limit, from + page.size() < all.size(), page.stream().map(ConversationRoutes::conversation).toList()));
    }

    private Mono<ServerResponse> messages(ServerRequest request) {
        String user = Wire.recorded(request).user();
        String conversationId = request.queryParam("conversation_id").orElse("");
        Integer limit = Wire.limit(request);
        if (user == null || user.isBlank()) {
            return Wire.userRequired();
        }
        if (conversationId.isBlank() || limit == null) {
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", (limit == null) ? "limit must be between 1 and 100" : "conversation_id is required");
        }
        Conversation conversation = this.memory.conversation(Wire.app(request).apiKey(), user, conversationId);
        if (conversation == null) {
            return Wire.error(HttpStatus.NOT_FOUND, "not_found", "Conversation Not Exists.");
        }
        List<Message> history = new ArrayList<>(conversation.messages);
        String firstId = request.queryParam("first_id").orElse("");
        if (!firstId.isBlank()) {
            int index = history.stream().map((message) -> message.id).toList().indexOf(firstId);
            if (index < 0) {
                return Wire.error(HttpStatus.NOT_FOUND, "not_found", "First Message Not Exists.");
            }
            history = history.subList(0, index);
        }
        // The latest messages before the cursor, oldest first, as Dify sends them.
        List<Message> page = history.subList(Math.max(0, history.size() - limit), history.size());
        return Wire.ok(Wire.page(limit, history.size() > limit, page.stream().map(ConversationRoutes::message).toList()));
    }

    private Mono<ServerResponse> rename(ServerRequest request) {
        Conversation conversation = ownConversation(request);
        if (conversation == null) {
            return conversationMissing(request);
        }
        Map<String, Object> body = Wire.body(request);
        String name = Boolean.TRUE.equals(body.get("auto_generate"))
                ? (conversation.messages.isEmpty() ? null : GenerationRoutes.shorten(conversation.messages.get(0).query))
                : Wire.text(body, "name");
        if (name == null || name.isBlank()) {
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", "name is required");
        }
        conversation.name = name.strip();
        return Wire.ok(conversation(conversation));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        Conversation conversation = ownConversation(request);
        if (conversation == null) {
            return conversationMissing(request);
        }
        this.memory.delete(conversation);
        return ServerResponse.noContent().build();
    }

    private @Nullable Conversation ownConversation(ServerRequest request) {
        return this.memory.conversation(Wire.app(request).apiKey(), Wire.recorded(request).user(), request.pathVariable("conversation_id"));
    }

    private static Mono<ServerResponse> conversationMissing(ServerRequest request) {
        String user = Wire.recorded(request).user();
        return (user == null || user.isBlank()) ? Wire.userRequired() : Wire.error(HttpStatus.NOT_FOUND, "not_found", "Conversation Not Exists.");
    }

    private Mono<ServerResponse> feedback(ServerRequest request) {
        Map<String, Object> body = Wire.body(request);
        String user = Wire.recorded(request).user();
        if (user == null || user.isBlank()) {
            return Wire.userRequired();
        }
        Message message = this.memory.message(Wire.app(request).apiKey(), user, request.pathVariable("message_id"));
        Object rating = body.get("rating");
        if (message == null) {
            return Wire.error(HttpStatus.NOT_FOUND, "not_found", "Message Not Exists.");
        }
        if (rating != null && !"like".equals(rating) && !"dislike".equals(rating)) {
            return Wire.error(HttpStatus.BAD_REQUEST, "invalid_param", "rating must be like, dislike or null");
        }
        message.rating = (String) rating;
        message.feedbackContent = Wire.text(body, "content");
        message.ratedAt = System.currentTimeMillis();
        return Wire.ok(Map.of("result", "success"));
    }

    /** The app's feedback as {@code MessageFeedback.to_dict} writes it (ISO times without a zone), newest first. */
    private Mono<ServerResponse> feedbacks(ServerRequest request) {
        ScriptedApp app = Wire.app(request);
        int page = Integer.parseInt(request.queryParam("page").orElse("1"));
        int limit = Integer.parseInt(request.queryParam("limit").orElse("20"));
        List<Object> items = this.memory.ratedMessages(app.apiKey()).stream().skip((long) (page - 1) * limit).limit(limit)
            .map((message) -> {
                String at = LocalDateTime.ofInstant(Instant.ofEpochMilli(message.ratedAt), ZoneOffset.UTC).toString();
                return (Object) Wire.obj("id", Wire.uuid("feedback" + message.id), "app_id", Wire.uuid(app.name()), "conversation_id", message.conversationId,
                        "message_id", message.id, "rating", message.rating, "content", message.feedbackContent, "from_source", "api",
                        "from_end_user_id", Wire.uuid(message.user), "from_account_id", null, "created_at", at, "updated_at", at);
            })
            .toList();
        return Wire.ok(Map.of("data", items));
    }

    private Mono<ServerResponse> suggested(ServerRequest request) {
        ScriptedApp app = Wire.app(request);
        Message message = this.memory.message(app.apiKey(), Wire.recorded(request).user(), request.pathVariable("message_id"));
        return (message == null) ? Wire.error(HttpStatus.NOT_FOUND, "not_found", "Message Not Exists.")
                : Wire.ok(Map.of("result", "success", "data", app.suggestions()));
    }

    private static Map<String, Object> conversation(Conversation conversation) {
        return Wire.obj("id", conversation.id, "name", conversation.name, "inputs", conversation.inputs, "status", "normal",
                "introduction", "", "created_at", conversation.createdAt, "updated_at", conversation.updatedAt);
    }

    private static Map<String, Object> message(Message message) {
        return Wire.obj("id", message.id, "conversation_id", message.conversationId, "parent_message_id", message.parentId,
                "inputs", message.inputs, "query", message.query, "answer", message.answer(),
                "feedback", (message.rating != null) ? Map.of("rating", message.rating) : null, "retriever_resources", List.of(),
                "created_at", message.createdAt, "agent_thoughts", List.of(), "message_files", List.of(), "status", "normal",
                "error", null, "extra_contents", List.of());
    }
}
