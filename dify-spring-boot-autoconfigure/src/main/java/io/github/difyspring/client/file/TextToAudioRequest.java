package io.github.difyspring.client.file;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What to turn into speech: a text, or the answer of a message. Immutable; start from
 * {@link #ofText(String)} or {@link #ofMessage(String)}.
 *
 * @param text the text to speak, or {@code null} when a message is spoken
 * @param messageId the message whose answer to speak, or {@code null} when a text is spoken; Dify
 * prefers it to the text when both are given
 * @param voice the voice, or {@code null} for the app's ({@code text_to_speech.voice} of the app's
 * parameters); the voices depend on the app's TTS provider
 * @param user the end user, or {@code null} for the app's default user
 */
public record TextToAudioRequest(@Nullable String text, @Nullable String messageId, @Nullable String voice,
        @Nullable String user) {

    /** Checks that there is something to speak. */
    public TextToAudioRequest {
        if (text == null && messageId == null) {
            throw new IllegalArgumentException("Text to audio needs a text or a message id");
        }
    }

    /**
     * Speaks a text.
     * @param text the text
     * @return the request
     */
    public static TextToAudioRequest ofText(String text) {
        return new TextToAudioRequest(Objects.requireNonNull(text, "text"), null, null, null);
    }

    /**
     * Speaks the answer of a message.
     * @param messageId the message
     * @return the request
     */
    public static TextToAudioRequest ofMessage(String messageId) {
        return new TextToAudioRequest(null, Objects.requireNonNull(messageId, "messageId"), null, null);
    }

    /**
     * The same request in another voice.
     * @param voice the voice, or {@code null} for the app's
     * @return a new request
     */
    public TextToAudioRequest withVoice(@Nullable String voice) {
        return new TextToAudioRequest(this.text, this.messageId, voice, this.user);
    }

    /**
     * The same request for another end user.
     * @param user the end user, or {@code null} for the app's default user
     * @return a new request
     */
    public TextToAudioRequest withUser(@Nullable String user) {
        return new TextToAudioRequest(this.text, this.messageId, this.voice, user);
    }
}
