package io.github.difyspring.client.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What Dify answers when it is given a document to index: the document, and the batch its
 * indexing runs in, to follow with
 * {@link io.github.difyspring.client.KnowledgeDocuments#awaitIndexing(String, java.time.Duration)}.
 *
 * @param document the document, typically {@code waiting} for its indexing
 * @param batch the batch, {@code yyyyMMddHHmmss} and six digits
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentBatch(DocumentInfo document, String batch) {
}
