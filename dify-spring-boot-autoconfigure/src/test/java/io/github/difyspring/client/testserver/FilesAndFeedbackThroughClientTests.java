package io.github.difyspring.client.testserver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.app.AppFeedback;
import io.github.difyspring.client.app.FeedbackQuery;
import io.github.difyspring.client.app.FeedbackRequest;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.chat.Message;
import io.github.difyspring.client.chat.MessageQuery;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.file.UploadedFile;
import io.github.difyspring.test.RecordedPart;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Files and feedback of a chatbot of the test double, through {@link DifyChatClient#files()} and
 * its feedback calls: an upload, used in a message, then downloaded; a rating, its listing and
 * its withdrawal, each scoped to the end user.
 */
class FilesAndFeedbackThroughClientTests extends ThroughClientSupport {

    private static final String KEY = "app-files-test-key";

    private static final byte[] NOTES = "Order 1042 arrived damaged.\nPlease send a new one.\n".getBytes(StandardCharsets.UTF_8);

    private DifyChatClient chat() {
        return chatClient("support", DifyAppType.CHAT, KEY);
    }

    @Test
    void anUploadedFileUsedInAMessageCanBeDownloadedWhole(@TempDir Path directory) throws Exception {
        this.dify.chatApp("support", KEY);
        DifyChatClient chat = chat();

        UploadedFile uploaded = chat.files().upload(FileUpload.of(NOTES, "notes.txt", MediaType.TEXT_PLAIN)).block(TIMEOUT);

        assertThat(uploaded.id()).isNotBlank();
        assertThat(uploaded.name()).isEqualTo("notes.txt");
        assertThat(uploaded.size()).isEqualTo(NOTES.length);
        assertThat(uploaded.extension()).isEqualTo("txt");
        assertThat(uploaded.mimeType()).isEqualTo("text/plain");
        RecordedRequest upload = this.dify.requests().app("support").to("POST", "/files/upload").single();
        assertThat(upload.user()).isEqualTo(USER);
        RecordedPart file = upload.parts().get("file");
        assertThat(file.filename()).isEqualTo("notes.txt");
        assertThat(file.content()).isEqualTo(NOTES);

        Throwable beforeUse = catchThrowable(() -> DataBufferUtils.join(chat.files().download(uploaded.id())).block(TIMEOUT));
        assertThat(beforeUse).as("Dify serves only files a message used").isInstanceOf(DifyNotFoundException.class);
        assertThat(((DifyNotFoundException) beforeUse).getCode()).isEqualTo("file_not_found");

        chat.send(ChatRequest.builder().query("See my notes").file(uploaded.toDifyFile(DifyFileType.DOCUMENT)).build()).block(TIMEOUT);
        assertThat(this.dify.requests().chatMessages().single().body().get("files")).asList().hasSize(1);

        Path target = directory.resolve("downloaded.txt");
        chat.files().download(uploaded.id(), target).block(TIMEOUT);
        assertThat(Files.readAllBytes(target)).isEqualTo(NOTES);
    }

    @Test
    void aRatingShowsOnTheMessageAndInTheAppsFeedbackUntilWithdrawn() {
        this.dify.chatApp("support", KEY);
        DifyChatClient chat = chat();
        ChatResponse answer = chat.send(ChatRequest.of("Where is my order?")).block(TIMEOUT);

        chat.feedback(answer.messageId(), FeedbackRequest.like().withContent("Quick and right")).block(TIMEOUT);

        assertThat(history(chat, answer).feedback().rating()).isEqualTo("like");
        List<AppFeedback> feedbacks = chat.feedbacks(FeedbackQuery.all()).collectList().block(TIMEOUT);
        assertThat(feedbacks).singleElement().satisfies((feedback) -> {
            assertThat(feedback.messageId()).isEqualTo(answer.messageId());
            assertThat(feedback.conversationId()).isEqualTo(answer.conversationId());
            assertThat(feedback.rating()).isEqualTo("like");
            assertThat(feedback.content()).isEqualTo("Quick and right");
            assertThat(feedback.fromSource()).isEqualTo("api");
            assertThat(feedback.createdAt()).isNotNull();
        });
        assertThat(this.dify.requests().to("POST", "/messages/" + answer.messageId() + "/feedbacks").single().body())
            .containsEntry("rating", "like").containsEntry("user", USER);

        chat.feedback(answer.messageId(), FeedbackRequest.revoke()).block(TIMEOUT);

        assertThat(history(chat, answer).feedback()).isNull();
        assertThat(chat.feedbacks(FeedbackQuery.all()).collectList().block(TIMEOUT)).isEmpty();
    }

    @Test
    void onlyTheUserWhoGotTheAnswerCanRateIt() {
        this.dify.chatApp("support", KEY);
        DifyChatClient chat = chat();
        ChatResponse answer = chat.send(ChatRequest.of("Where is my order?")).block(TIMEOUT);

        Throwable someoneElse = catchThrowable(() -> chat.forUser("mallory").feedback(answer.messageId(), FeedbackRequest.dislike())
            .block(TIMEOUT));

        assertThat(someoneElse).isInstanceOf(DifyNotFoundException.class);
        assertThat(history(chat, answer).feedback()).isNull();
    }

    private static Message history(DifyChatClient chat, ChatResponse answer) {
        return chat.conversations().messages(MessageQuery.of(answer.conversationId())).blockFirst(TIMEOUT);
    }
}
