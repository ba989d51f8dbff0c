package io.github.difyspring.client.file;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The text of an audio file, as the app's speech-to-text model heard it
 * ({@code POST /audio-to-text}).
 *
 * @param text the transcribed text; empty, never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AudioTranscript(String text) {

    /** Reads a missing text as empty. */
    public AudioTranscript {
        text = (text != null) ? text : "";
    }
}
