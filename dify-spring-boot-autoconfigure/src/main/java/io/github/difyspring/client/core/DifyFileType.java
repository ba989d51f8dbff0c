package io.github.difyspring.client.core;

import java.util.Locale;

/**
 * The type of a file given to an app as input.
 */
public enum DifyFileType {

    /** Documents: TXT, MD, PDF, HTML, XLSX, DOCX, CSV, EML, PPTX, XML, EPUB and the like. */
    DOCUMENT,

    /** Images: JPG, PNG, GIF, WEBP, SVG. */
    IMAGE,

    /** Audio: MP3, M4A, WAV, WEBM, AMR. */
    AUDIO,

    /** Video: MP4, MOV, MPEG, MPGA. */
    VIDEO,

    /** Any other type. */
    CUSTOM;

    /**
     * The name Dify uses on the wire.
     * @return the lower-case name
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
