package io.github.difyspring.sample.api;

import java.security.Principal;
import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.difyspring.client.ChatConversations;
import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.Conversation;
import io.github.difyspring.client.chat.ConversationQuery;
import io.github.difyspring.client.chat.ConversationSort;
import io.github.difyspring.client.chat.Message;
import io.github.difyspring.client.chat.MessageQuery;
import io.github.difyspring.client.core.CursorPage;

/**
 * Dify's chat endpoints for chat, agent and chatflow apps, at Dify's paths under
 * {@code /api/apps/{app}}. The Dify end user is always the signed-in account: a {@code user} in
 * the request is ignored.
 */
@RestController
@RequestMapping("/api/apps/{app}")
class ChatController {

    private final DifyApps apps;

    private final EventStreamRelay relay;

    ChatController(DifyApps apps, EventStreamRelay relay) {
        this.apps = apps;
        this.relay = relay;
    }

    @PostMapping("/chat-messages")
    Mono<? extends ResponseEntity<?>> send(@PathVariable String app, @RequestBody Map<String, Object> body,
            @RequestHeader(name = "X-Trace-Id", required = false) @Nullable String traceId, Principal principal) {
        String user = principal.getName();
        ChatRequest request = DifyRequestBodies.chat(body, user, traceId);
        DifyChatClient.Raw raw = this.apps.chat(app).raw().withUsageMetrics();
        if (DifyRequestBodies.streaming(body)) {
            return Mono.just(this.relay.response(app, user, raw.stream(request)));
        }
        // For agents, which Dify only streams, the client assembles the answer in the same shape.
        return raw.send(request).map(DifyResponseBodies::json);
    }

    @PostMapping("/chat-messages/{taskId}/stop")
    Mono<Map<String, Object>> stop(@PathVariable String app, @PathVariable String taskId, Principal principal) {
        return client(app, principal).stop(taskId).thenReturn(DifyResponseBodies.SUCCESS);
    }

    @GetMapping("/conversations")
    Mono<CursorPage<Conversation>> conversations(@PathVariable String app,
            @RequestParam(name = "last_id", required = false) @Nullable String lastId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(name = "sort_by", required = false) @Nullable String sortBy, Principal principal) {
        ConversationQuery query = new ConversationQuery(blankToNull(lastId), limit(limit), sort(sortBy));
        return client(app, principal).conversations().page(query);
    }

    @GetMapping("/messages")
    Mono<CursorPage<Message>> messages(@PathVariable String app,
            @RequestParam(name = "conversation_id", required = false) @Nullable String conversationId,
            @RequestParam(name = "first_id", required = false) @Nullable String firstId,
            @RequestParam(required = false) @Nullable Integer limit, Principal principal) {
        if (conversationId == null || conversationId.isBlank()) {
            throw ApiException.invalidParam("conversation_id is required");
        }
        return client(app, principal).conversations()
            .messagePage(new MessageQuery(conversationId, blankToNull(firstId), limit(limit)));
    }

    @PostMapping("/conversations/{conversationId}/name")
    Mono<Conversation> rename(@PathVariable String app, @PathVariable String conversationId,
            @RequestBody Map<String, Object> body, Principal principal) {
        ChatConversations conversations = client(app, principal).conversations();
        if (Boolean.TRUE.equals(body.get("auto_generate"))) {
            return conversations.generateName(conversationId);
        }
        String name = DifyRequestBodies.text(body, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.invalidParam("name is required unless auto_generate is true");
        }
        return conversations.rename(conversationId, name);
    }

    @DeleteMapping("/conversations/{conversationId}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String app, @PathVariable String conversationId, Principal principal) {
        return client(app, principal).conversations().delete(conversationId).thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/messages/{messageId}/suggested")
    Mono<Map<String, Object>> suggested(@PathVariable String app, @PathVariable String messageId, Principal principal) {
        return client(app, principal).suggestedQuestions(messageId).map(DifyResponseBodies::suggested);
    }

    /** The app's client, acting for the signed-in account. */
    private DifyChatClient client(String app, Principal principal) {
        return this.apps.chat(app).forUser(principal.getName());
    }

    private static @Nullable Integer limit(@Nullable Integer limit) {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw ApiException.invalidParam("limit must be between 1 and 100");
        }
        return limit;
    }

    private static @Nullable ConversationSort sort(@Nullable String sortBy) {
        if (sortBy == null || sortBy.isBlank()) {
            return null;
        }
        return Arrays.stream(ConversationSort.values())
            .filter((sort) -> sort.wireName().equals(sortBy))
            .findFirst()
            .orElseThrow(() -> ApiException.invalidParam("sort_by must be one of created_at, -created_at, updated_at, -updated_at"));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return (text == null || text.isBlank()) ? null : text;
    }
}
