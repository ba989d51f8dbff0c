package io.github.difyspring.client.error;

import org.jspecify.annotations.Nullable;

/**
 * Dify reported that the indexing of a document failed (its indexing status is {@code error})
 * while a caller waited for it. The request that found it succeeded: the document exists, its
 * indexing does not. Fix the cause (Dify's error says which: an embedding model without quota, an
 * unreadable file...) and update or re-create the document.
 */
public class DifyIndexingException extends DifyException {

    private final String batch;

    private final String documentId;

    private final @Nullable String difyError;

    /**
     * Creates the exception.
     * @param appName the entry the call went to
     * @param batch the indexing batch that was awaited
     * @param documentId the document whose indexing failed
     * @param difyError Dify's error text, or {@code null} when it gave none
     */
    public DifyIndexingException(String appName, String batch, String documentId, @Nullable String difyError) {
        super(appName, "Dify app '" + appName + "': the indexing of document " + documentId + " (batch " + batch + ") failed: "
                + ((difyError != null && !difyError.isBlank()) ? difyError : "Dify gave no reason"), null);
        this.batch = batch;
        this.documentId = documentId;
        this.difyError = difyError;
    }

    /**
     * The indexing batch that was awaited.
     * @return the batch
     */
    public String getBatch() {
        return this.batch;
    }

    /**
     * The document whose indexing failed.
     * @return the document's id
     */
    public String getDocumentId() {
        return this.documentId;
    }

    /**
     * Dify's error text, such as the embedding provider's refusal.
     * @return the text, or {@code null} when Dify gave none
     */
    public @Nullable String getDifyError() {
        return this.difyError;
    }
}
