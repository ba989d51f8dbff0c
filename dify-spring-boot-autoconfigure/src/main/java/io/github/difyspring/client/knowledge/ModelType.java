package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A kind of model a workspace may have set up, as Dify names it in
 * {@code /workspaces/current/models/model-types/{model_type}}. Open: a value a later Dify sends is
 * kept as it came, and one this class does not name yet can still be asked for with
 * {@code new ModelType("...")}.
 *
 * @param value the wire value, such as {@code text-embedding}
 */
public record ModelType(@JsonValue String value) {

    /** Large language models. */
    public static final ModelType LLM = new ModelType("llm");

    /** Embedding models, which a high-quality knowledge base indexes with. */
    public static final ModelType TEXT_EMBEDDING = new ModelType("text-embedding");

    /** Rerank models, which order retrieved chunks. */
    public static final ModelType RERANK = new ModelType("rerank");

    /** Speech-to-text models. */
    public static final ModelType SPEECH_TO_TEXT = new ModelType("speech2text");

    /** Moderation models. */
    public static final ModelType MODERATION = new ModelType("moderation");

    /** Text-to-speech models. */
    public static final ModelType TTS = new ModelType("tts");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ModelType {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A model type cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
