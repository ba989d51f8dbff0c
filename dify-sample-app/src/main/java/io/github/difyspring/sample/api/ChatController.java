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

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.Conversation;
import io.github.difyspring.client.chat.ConversationQuery;
import io.github.difyspring.client.chat.ConversationSort;
import io.github.difyspring.client.chat.Message;
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
        DifyChatClient client = this.apps.chat(app);
        String user = principal.getName();
        ChatRequest request = DifyRequestBodies.chat(body, user, traceId);
        if (DifyRequestBodies.streaming(body)) {
            return Mono.just(this.relay.response(app, user, client.streamRaw(request)));
        }
        // For agents, which Dify only streams, the client assembles the answer in the same shape.
        return client.sendRaw(request).map(DifyResponseBodies::json);
    }

    @PostMapping("/chat-messages/{taskId}/stop")
    Mono<Map<String, Object>> stop(@PathVariable String app, @PathVariable String taskId, Principal principal) {
        return this.apps.chat(app).stop(taskId, principal.getName()).thenReturn(DifyResponseBodies.SUCCESS);
    }

    @GetMapping("/conversations")
    Mono<CursorPage<Conversation>> conversations(@PathVariable String app,
            @RequestParam(name = "last_id", required = false) @Nullable String lastId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(name = "sort_by", required = false) @Nullable String sortBy, Principal principal) {
        DifyChatClient client = this.apps.chat(app);
        ConversationQuery query = ConversationQuery.builder()
            .user(principal.getName())
            .lastId(blankToNull(lastId))
            .limit(limit(limit))
            .sortBy(sort(sortBy))
            .build();
        return client.conversationPage(query);
    }

    @GetMapping("/messages")
    Mono<CursorPage<Message>> messages(@PathVariable String app,
            @RequestParam(name = "conversation_id", required = false) @Nullable String conversationId,
            @RequestParam(name = "first_id", required = false) @Nullable String firstId,
            @RequestParam(required = false) @Nullable Integer limit, Principal principal) {
        DifyChatClient client = this.apps.chat(app);
        if (conversationId == null || conversationId.isBlank()) {
            throw ApiException.invalidParam("conversation_id is required");
        }
        return client.messagePage(conversationId, principal.getName(), blankToNull(firstId), limit(limit));
    }

    @PostMapping("/conversations/{conversationId}/name")
    Mono<Conversation> rename(@PathVariable String app, @PathVariable String conversationId,
            @RequestBody Map<String, Object> body, Principal principal) {
        DifyChatClient client = this.apps.chat(app);
        if (Boolean.TRUE.equals(body.get("auto_generate"))) {
            return client.generateConversationName(conversationId, principal.getName());
        }
        String name = DifyRequestBodies.text(body, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.invalidParam("name is required unless auto_generate is true");
        }
        return client.renameConversation(conversationId, name, principal.getName());
    }

    @DeleteMapping("/conversations/{conversationId}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String app, @PathVariable String conversationId, Principal principal) {
        return this.apps.chat(app)
            .deleteConversation(conversationId, principal.getName())
            .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/messages/{messageId}/suggested")
    Mono<Map<String, Object>> suggested(@PathVariable String app, @PathVariable String messageId, Principal principal) {
        return this.apps.chat(app).suggestedQuestions(messageId, principal.getName()).map(DifyResponseBodies::suggested);
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
