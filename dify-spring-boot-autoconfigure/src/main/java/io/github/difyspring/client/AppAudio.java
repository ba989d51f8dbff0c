package io.github.difyspring.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.file.AudioTranscript;
import io.github.difyspring.client.file.FileReadException;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.file.TextToAudioRequest;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.RequestSupport;

/**
 * Speech in and out of one app: its speech-to-text and text-to-speech models. Get it from
 * {@link DifyAppClient#audio()}; it acts for the client's end user. Non-blocking: every method
 * returns a {@link Mono} or {@link Flux} that does nothing until subscribed.
 */
public final class AppAudio {

    private final DifyTransport transport;

    private final DifyApp app;

    AppAudio(DifyTransport transport, DifyApp app) {
        this.transport = transport;
        this.app = app;
    }

    /**
     * Transcribes an audio file with the app's speech-to-text model ({@code POST /audio-to-text}).
     * The content is streamed, not read into memory. Dify takes {@code audio/mp3}, {@code audio/mp4},
     * {@code audio/mpeg}, {@code audio/mpga}, {@code audio/m4a}, {@code audio/wav},
     * {@code audio/webm} and {@code audio/amr} up to 30 MB, and answers 400 when speech-to-text is
     * off for the app. Should the content fail to be read, the call fails with a
     * {@link FileReadException}.
     * @param audio the audio file
     * @return the text
     */
    public Mono<AudioTranscript> toText(FileUpload audio) {
        Objects.requireNonNull(audio, "audio");
        return Mono.defer(() -> this.transport.json(DifyCall.post("/audio-to-text").notIdempotent()
                .multipart(AppFiles.multipart(audio, RequestSupport.user(this.app, null)))
                .repeatable(audio.isRepeatable()), AudioTranscript.class))
            .onErrorMap(AppFiles::readFailureOrSelf);
    }

    /**
     * Turns a text, or the answer of a message, into speech with the app's text-to-speech model
     * ({@code POST /text-to-audio}). The audio (typically {@code audio/mpeg}) is streamed as the
     * server produces it; each buffer must be released by the subscriber, as
     * {@link DataBufferUtils#write} and WebFlux's response writing do. Dify answers 400 when
     * text-to-speech is off for the app.
     * @param request what to speak; {@link TextToAudioRequest#ofText(String)} for a plain text
     * @return the audio, buffer by buffer
     */
    public Flux<DataBuffer> fromText(TextToAudioRequest request) {
        Objects.requireNonNull(request, "request");
        return Flux.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            if (request.messageId() != null) {
                body.put("message_id", request.messageId());
            }
            if (request.text() != null) {
                body.put("text", request.text());
            }
            body.put("user", RequestSupport.user(this.app, request.user()));
            if (request.voice() != null) {
                body.put("voice", request.voice());
            }
            return this.transport.bytes(DifyCall.post("/text-to-audio").notIdempotent().json(body));
        });
    }

    @Override
    public String toString() {
        return "AppAudio[" + this.app + "]";
    }
}
