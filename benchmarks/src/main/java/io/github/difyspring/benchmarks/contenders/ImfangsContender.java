package io.github.difyspring.benchmarks.contenders;

import java.lang.reflect.Field;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.imfangs.dify.client.DifyChatClient;
import io.github.imfangs.dify.client.DifyClientFactory;
import io.github.imfangs.dify.client.callback.ChatStreamCallback;
import io.github.imfangs.dify.client.enums.ResponseMode;
import io.github.imfangs.dify.client.event.ErrorEvent;
import io.github.imfangs.dify.client.event.MessageEndEvent;
import io.github.imfangs.dify.client.event.MessageEvent;
import io.github.imfangs.dify.client.impl.AbstractDifyClient;
import io.github.imfangs.dify.client.model.chat.ChatMessage;
import io.github.imfangs.dify.client.model.chat.ChatMessageResponse;
import io.github.imfangs.dify.client.model.common.Metadata;
import okhttp3.OkHttpClient;

/**
 * The most used community Java client, {@code io.github.imfangs:dify-java-client}, used as its
 * README shows: {@code DifyClientFactory.createChatClient(baseUrl, apiKey)}, a {@code ChatMessage}
 * built with {@code ResponseMode.STREAMING} and {@code sendChatMessageStream} with a
 * {@code ChatStreamCallback}, and {@code sendChatMessage} for blocking calls. Nothing of it is
 * tuned: its streams go through OkHttp's asynchronous dispatcher, which by default runs 5 requests
 * per host at once and queues the rest. It stops reading a stream at {@code message_end}, which is
 * where it reports the end (it has no completion callback).
 */
public final class ImfangsContender implements Contender {

    @Override
    public String id() {
        return "imfangs-dify-java-client";
    }

    @Override
    public String label() {
        return "imfangs dify-java-client 1.2.3";
    }

    @Override
    public StreamClient streamClient(URI baseUrl) {
        return new Streams(DifyClientFactory.createChatClient(baseUrl.toString(), BenchRequests.API_KEY));
    }

    @Override
    public Optional<BlockingClient> blockingClient(URI baseUrl) {
        return Optional.of(new Blocking(DifyClientFactory.createChatClient(baseUrl.toString(), BenchRequests.API_KEY)));
    }

    private static ChatMessage message(ResponseMode mode) {
        return ChatMessage.builder().query(BenchRequests.QUERY).user(BenchRequests.USER).responseMode(mode).build();
    }

    private static boolean hasUsage(Metadata metadata) {
        return metadata != null && metadata.getUsage() != null && metadata.getUsage().getTotalTokens() != null;
    }

    /**
     * Cancels what the client's OkHttp still runs or queues and lets its threads go. The client has
     * no way to do this itself (its {@code close()} does nothing), so its OkHttpClient is reached by
     * reflection: cleaning up after a run, not tuning it.
     */
    private static void release(DifyChatClient client) {
        try {
            Field field = AbstractDifyClient.class.getDeclaredField("httpClient");
            field.setAccessible(true);
            OkHttpClient okHttp = (OkHttpClient) field.get(client);
            okHttp.dispatcher().cancelAll();
            okHttp.dispatcher().executorService().shutdown();
            okHttp.connectionPool().evictAll();
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            throw new IllegalStateException("Could not release the imfangs client's OkHttpClient", ex);
        }
    }

    private static final class Streams implements StreamClient {

        private final DifyChatClient client;

        Streams(DifyChatClient client) {
            this.client = client;
        }

        @Override
        public CompletableFuture<StreamResult> open() {
            CompletableFuture<StreamResult> result = new CompletableFuture<>();
            long[] messages = { 0 };
            long[] first = { -1 };
            try {
                this.client.sendChatMessageStream(message(ResponseMode.STREAMING), new ChatStreamCallback() {

                    @Override
                    public void onMessage(MessageEvent event) {
                        if (messages[0]++ == 0) {
                            first[0] = System.nanoTime();
                        }
                    }

                    @Override
                    public void onMessageEnd(MessageEndEvent event) {
                        result.complete(new StreamResult(messages[0], hasUsage(event.getMetadata()), first[0]));
                    }

                    @Override
                    public void onError(ErrorEvent event) {
                        result.completeExceptionally(new IllegalStateException("error event: " + event));
                    }

                    @Override
                    public void onException(Throwable ex) {
                        result.completeExceptionally(ex);
                    }
                });
            }
            catch (Exception ex) {
                result.completeExceptionally(ex);
            }
            return result;
        }

        @Override
        public void stopAll() {
            release(this.client);
        }

        @Override
        public void close() {
            release(this.client);
        }
    }

    private static final class Blocking implements BlockingClient {

        private final DifyChatClient client;

        Blocking(DifyChatClient client) {
            this.client = client;
        }

        @Override
        public int call() throws Exception {
            ChatMessageResponse answer = this.client.sendChatMessage(message(ResponseMode.BLOCKING));
            if (answer == null || answer.getAnswer() == null || answer.getAnswer().isEmpty() || !hasUsage(answer.getMetadata())) {
                throw new IllegalStateException("Incomplete answer: " + answer);
            }
            return answer.getAnswer().length();
        }

        @Override
        public void close() {
            release(this.client);
        }
    }
}
