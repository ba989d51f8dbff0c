package io.github.difyspring.client.app;

import java.util.Locale;

/**
 * What a configuration job of annotation reply does.
 */
public enum AnnotationReplyAction {

    /** Turns annotation reply on, embedding the annotations with the given model. */
    ENABLE,

    /** Turns annotation reply off. */
    DISABLE;

    /**
     * The name Dify uses in the path.
     * @return {@code enable} or {@code disable}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
