package io.github.difyspring.client.file;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The content of a {@link FileUpload} could not be read while it was being sent: the file is
 * missing or unreadable, or the stream failed. A local failure, not an answer from Dify, so the
 * request may have reached Dify only in part or not at all.
 */
public class FileReadException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param message what could not be read
     * @param cause the read failure
     */
    public FileReadException(String message, IOException cause) {
        super(message, cause);
    }
}
