package io.github.difyspring.client.testserver;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.app.AppInfo;
import io.github.difyspring.client.app.AppParameters;
import io.github.difyspring.client.app.AppSite;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.chat.Conversation;
import io.github.difyspring.client.chat.ConversationQuery;
import io.github.difyspring.client.chat.Message;
import io.github.difyspring.client.chat.MessageQuery;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyUnauthorizedException;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.MessageEndEvent;
import io.github.difyspring.client.event.MessageEvent;
import io.github.difyspring.client.event.StreamedAnswer;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A chatbot app of the test double, through {@link DifyChatClient}: blocking and streamed answers,
 * conversations and messages per end user, and what the double recorded of the client's requests.
 */
class ChatThroughClientTests extends ThroughClientSupport {

    private static final String KEY = "app-chat-test-key";

    private DifyChatClient chat() {
        return chatClient("support", DifyAppType.CHAT, KEY);
    }

    @Test
    void aBlockingAnswerIsTheScriptedTextInANewConversation() {
        this.dify.chatApp("support", KEY).answers("Hello from the double.");

        ChatResponse answer = chat().send(ChatRequest.of("Hi")).block(TIMEOUT);

        assertThat(answer.answer()).isEqualTo("Hello from the double.");
        assertThat(answer.isPaused()).isFalse();
        assertThat(answer.mode()).isEqualTo("chat");
        assertThat(answer.conversationId()).isNotBlank();
        assertThat(answer.messageId()).isNotBlank();
        assertThat(answer.usage()).isNotNull();
        assertThat(answer.usage().totalTokens()).isPositive();
    }

    @Test
    void aStreamedAnswerArrivesInTheScriptedPiecesAsTypedEventsAndEndsWithMessageEnd() {
        this.dify.chatApp("support", KEY).answersInChunks("Hel", "lo, ", "world");

        List<DifyEvent> events = collect(chat().stream(ChatRequest.of("Hi")));

        assertThat(types(events)).containsExactly("message", "message", "message", "message_end");
        assertThat(ofType(events, MessageEvent.class)).extracting(MessageEvent::answer).containsExactly("Hel", "lo, ", "world");
        MessageEndEvent end = ofType(events, MessageEndEvent.class).get(0);
        assertThat(end.metadata().usage().totalTokens()).isPositive();
        assertThat(events).extracting(DifyEvent::taskId).doesNotContainNull().containsOnly(events.get(0).taskId());
        StreamedAnswer answer = assemble(events);
        assertThat(answer.text()).isEqualTo("Hello, world");
        assertThat(answer.messageEnded()).isTrue();
        assertThat(answer.conversationId()).isEqualTo(end.conversationId()).isNotBlank();
    }

    @Test
    void aLongAnswerStreamedWordByWordAssemblesToTheScriptedText() {
        String text = "Returns are free within 30 days of delivery, and refunds reach your card within five working days.";
        this.dify.chatApp("support", KEY).answers(text);

        List<DifyEvent> events = collect(chat().stream(ChatRequest.of("How do returns work?")));

        assertThat(ofType(events, MessageEvent.class)).hasSize(text.split(" ").length);
        assertThat(assemble(events).text()).isEqualTo(text);
        // The blocking answer to the same question is the same text.
        assertThat(chat().send(ChatRequest.of("How do returns work?")).block(TIMEOUT).answer()).isEqualTo(text);
    }

    @Test
    void anAnswerMadeFromTheRequestSeesWhatTheClientSent() {
        this.dify.chatApp("support", KEY).answers((request) -> "You said '" + request.query() + "' on the " + request.inputs().get("plan")
                + " plan");

        ChatResponse answer = chat().send(ChatRequest.builder().query("Where is my order?").input("plan", "pro").build()).block(TIMEOUT);

        assertThat(answer.answer()).isEqualTo("You said 'Where is my order?' on the pro plan");
    }

    @Test
    void theDoubleRecordsTheUserInputsAndQueryOfBlockingAndStreamedMessages() {
        this.dify.chatApp("support", KEY);
        DifyChatClient chat = chat();

        ChatResponse first = chat.send(ChatRequest.builder().query("First question").input("plan", "pro").build()).block(TIMEOUT);
        collect(chat.forUser("bob").stream(ChatRequest.builder().query("Bob's question").input("plan", "free").build()));
        chat.send(ChatRequest.builder().query("Follow-up").conversationId(first.conversationId()).build()).block(TIMEOUT);

        RecordedRequest alicesFirst = this.dify.requests().app("support").chatMessages().fromUser(USER).withInput("plan", "pro").single();
        assertThat(alicesFirst.query()).isEqualTo("First question");
        assertThat(alicesFirst.isStreaming()).isFalse();
        assertThat(alicesFirst.conversationId()).isNull();
        assertThat(alicesFirst.header("Authorization")).as("the key is never kept").isEqualTo("Bearer ****");
        assertThat(alicesFirst.header("Content-Type")).startsWith("application/json");
        RecordedRequest bobs = this.dify.requests().chatMessages().fromUser("bob").single();
        assertThat(bobs.query()).isEqualTo("Bob's question");
        assertThat(bobs.inputs()).containsEntry("plan", "free");
        assertThat(bobs.isStreaming()).isTrue();
        assertThat(this.dify.requests().chatMessages().streaming()).containsExactly(bobs);
        RecordedRequest followUp = this.dify.requests().chatMessages().fromUser(USER).last();
        assertThat(followUp.query()).isEqualTo("Follow-up");
        assertThat(followUp.conversationId()).isEqualTo(first.conversationId());
        assertThat(this.dify.requests().generations()).hasSize(3);
    }

    @Test
    void aConversationKeepsItsMessagesAndOnlyItsUserSeesIt() {
        this.dify.chatApp("support", KEY).answers((request) -> "Answer to " + request.query());
        DifyChatClient alice = chat();
        DifyChatClient bob = alice.forUser("bob");

        ChatResponse first = alice.send(ChatRequest.of("one")).block(TIMEOUT);
        alice.send(ChatRequest.builder().query("two").conversationId(first.conversationId()).build()).block(TIMEOUT);
        ChatResponse bobs = bob.send(ChatRequest.of("three")).block(TIMEOUT);

        List<Conversation> alicesConversations = alice.conversations().list(ConversationQuery.all()).collectList().block(TIMEOUT);
        assertThat(alicesConversations).extracting(Conversation::id).containsExactly(first.conversationId());
        List<Message> newestFirst = alice.conversations().messages(MessageQuery.of(first.conversationId())).collectList().block(TIMEOUT);
        assertThat(newestFirst).extracting(Message::query).containsExactly("two", "one");
        assertThat(newestFirst).extracting(Message::answer).containsExactly("Answer to two", "Answer to one");
        assertThat(newestFirst.get(0).parentMessageId()).isEqualTo(newestFirst.get(1).id());
        List<Message> page = alice.conversations().messagePage(MessageQuery.of(first.conversationId())).block(TIMEOUT).data();
        assertThat(page).as("a page as Dify sends it, oldest first").extracting(Message::query).containsExactly("one", "two");
        assertThat(bob.conversations().list(ConversationQuery.all()).collectList().block(TIMEOUT)).extracting(Conversation::id)
            .containsExactly(bobs.conversationId());
        Throwable othersConversation = catchThrowable(
                () -> bob.conversations().messages(MessageQuery.of(first.conversationId())).collectList().block(TIMEOUT));
        assertThat(othersConversation).isInstanceOf(DifyNotFoundException.class);
        assertThat(((DifyNotFoundException) othersConversation).getCode()).isEqualTo("not_found");
    }

    @Test
    void aConversationIsNamedAfterItsFirstQueryAndCanBeRenamedRenamedAgainAndDeleted() {
        this.dify.chatApp("support", KEY);
        DifyChatClient chat = chat();
        String id = chat.send(ChatRequest.of("Where is my parcel?")).block(TIMEOUT).conversationId();

        assertThat(chat.conversations().list(ConversationQuery.all()).blockFirst(TIMEOUT).name()).isEqualTo("Where is my parcel?");
        assertThat(chat.conversations().rename(id, "Parcel").block(TIMEOUT).name()).isEqualTo("Parcel");
        assertThat(chat.conversations().generateName(id).block(TIMEOUT).name()).as("named after its first query again")
            .isEqualTo("Where is my parcel?");
        chat.conversations().delete(id).block(TIMEOUT);

        assertThat(chat.conversations().list(ConversationQuery.all()).collectList().block(TIMEOUT)).isEmpty();
        Throwable continued = catchThrowable(() -> chat.send(ChatRequest.builder().query("Still there?").conversationId(id).build())
            .block(TIMEOUT));
        assertThat(continued).isInstanceOf(DifyNotFoundException.class);
    }

    @Test
    void theAppDescribesItselfWithItsNameModeParametersAndSite() {
        this.dify.chatApp("support", KEY).info(Map.of("name", "Support Bot", "description", "Answers customers", "tags", List.of("cs"),
                "mode", "chat", "author_name", "ops"));
        DifyChatClient chat = chat();

        AppInfo info = chat.info().block(TIMEOUT);
        AppParameters parameters = chat.parameters().block(TIMEOUT);
        AppSite site = chat.site().block(TIMEOUT);

        assertThat(info.name()).isEqualTo("Support Bot");
        assertThat(info.mode()).isEqualTo("chat");
        assertThat(info.tags()).containsExactly("cs");
        assertThat(parameters.suggestedQuestionsAfterAnswer().enabled()).isTrue();
        assertThat(parameters.userInputForm()).isEmpty();
        assertThat(site.title()).isEqualTo("Support Bot");
        assertThat(chat.meta().block(TIMEOUT).toolIcons()).isEmpty();
    }

    @Test
    void suggestedQuestionsFollowAnAnswer() {
        this.dify.chatApp("support", KEY).suggests("How do I return it?", "When is it refunded?");
        DifyChatClient chat = chat();
        String messageId = chat.send(ChatRequest.of("I want to return my order")).block(TIMEOUT).messageId();

        assertThat(chat.suggestedQuestions(messageId).block(TIMEOUT)).containsExactly("How do I return it?", "When is it refunded?");
    }

    @Test
    void aMissingRequiredInputIsRefusedAsDifyRefusesIt() {
        this.dify.chatApp("support", KEY).requiresInputs("plan");
        DifyChatClient chat = chat();

        Throwable refused = catchThrowable(() -> chat.send(ChatRequest.of("Hi")).block(TIMEOUT));

        assertThat(refused).isInstanceOf(DifyBadRequestException.class);
        assertThat(((DifyBadRequestException) refused).getCode()).isEqualTo("invalid_param");
        assertThat(((DifyBadRequestException) refused).getDifyMessage()).isEqualTo("plan is required in input form");
        assertThat(chat.parameters().block(TIMEOUT).inputField("plan")).isNotNull();
        assertThat(chat.send(ChatRequest.builder().query("Hi").input("plan", "pro").build()).block(TIMEOUT).answer()).isNotBlank();
    }

    @Test
    void aKeyTheDoubleDoesNotKnowIsUnauthorized() {
        this.dify.chatApp("support", KEY);
        DifyChatClient stranger = chatClient("stranger", DifyAppType.CHAT, "app-unknown-key");

        Throwable refused = catchThrowable(() -> stranger.send(ChatRequest.of("Hi")).block(TIMEOUT));

        assertThat(refused).isInstanceOf(DifyUnauthorizedException.class);
        assertThat(((DifyUnauthorizedException) refused).getCode()).isEqualTo("unauthorized");
        assertThat(this.dify.requests().app("unknown").single().path()).as("recorded once, not retried").isEqualTo("/chat-messages");
    }
}
