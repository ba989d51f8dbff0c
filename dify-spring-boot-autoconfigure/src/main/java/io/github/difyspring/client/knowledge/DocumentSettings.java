package io.github.difyspring.client.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How Dify indexes a document it is given: the indexing technique, the document form and language,
 * the process rule, and the retrieval and embedding models of a knowledge base that has none yet
 * (Dify's {@code KnowledgeConfig}). Every setting left {@code null} is not sent, so Dify uses the
 * knowledge base's. Immutable; start from {@link #defaults()} and change what differs with the
 * {@code with...} methods.
 *
 * <p>Dify needs an indexing technique for the first document of a knowledge base that has none,
 * and a process rule while the knowledge base has none yet; without one it uses the knowledge
 * base's latest. The document form must be the knowledge base's: Dify answers 400 "doc_form is
 * different from the dataset doc_form." otherwise. For a file Dify defaults it to the knowledge
 * base's, but for a text to {@code text_model} whatever the knowledge base's form, so set
 * {@link #withDocForm(DocForm)} when adding text to a question-and-answer or hierarchical
 * knowledge base (Dify 1.14.2, {@code api/controllers/service_api/dataset/document.py}).
 *
 * @param indexingTechnique how the chunks are indexed, or {@code null} for the knowledge base's
 * @param docForm how the document is cut, or {@code null} for Dify's default
 * @param docLanguage the document's language, such as {@code English} (Dify's default), used for
 * question-and-answer generation, or {@code null}
 * @param processRule how the text is cleaned and cut, or {@code null} for the knowledge base's
 * latest rule
 * @param retrievalModel the knowledge base's retrieval settings, for its first document, or {@code null}
 * @param embeddingModel the embedding model, such as {@code text-embedding-3-small}, or {@code null}
 * @param embeddingModelProvider its provider, such as {@code langgenius/openai/openai}, or {@code null};
 * send both or neither
 * @param originalDocumentId the document this one replaces, or {@code null}
 */
public record DocumentSettings(@Nullable IndexingTechnique indexingTechnique, @Nullable DocForm docForm,
        @Nullable String docLanguage, @Nullable ProcessRule processRule, @Nullable RetrievalModel retrievalModel,
        @Nullable String embeddingModel, @Nullable String embeddingModelProvider, @Nullable String originalDocumentId) {

    /**
     * Dify's automatic process rule and the knowledge base's settings for the rest. Dify asks for a
     * process rule while the knowledge base has none, so the defaults send one.
     * @return the settings
     */
    public static DocumentSettings defaults() {
        return new DocumentSettings(null, null, null, ProcessRule.automatic(), null, null, null, null);
    }

    /**
     * No settings at all: everything is left to Dify, which takes the knowledge base's latest
     * process rule. Use it to update a document without sending a rule, where {@link #defaults()}
     * would send the automatic one.
     * @return the settings
     */
    public static DocumentSettings inherited() {
        return new DocumentSettings(null, null, null, null, null, null, null, null);
    }

    /**
     * These settings with an indexing technique, which the first document of a knowledge base
     * without one must send.
     * @param technique the technique
     * @return the changed settings
     */
    public DocumentSettings withIndexingTechnique(@Nullable IndexingTechnique technique) {
        return new DocumentSettings(technique, this.docForm, this.docLanguage, this.processRule, this.retrievalModel,
                this.embeddingModel, this.embeddingModelProvider, this.originalDocumentId);
    }

    /**
     * These settings with a document form, which must be the knowledge base's.
     * @param form the form
     * @return the changed settings
     */
    public DocumentSettings withDocForm(@Nullable DocForm form) {
        return new DocumentSettings(this.indexingTechnique, form, this.docLanguage, this.processRule, this.retrievalModel,
                this.embeddingModel, this.embeddingModelProvider, this.originalDocumentId);
    }

    /**
     * These settings with a document language.
     * @param language the language, such as {@code English} or {@code Chinese}
     * @return the changed settings
     */
    public DocumentSettings withDocLanguage(@Nullable String language) {
        return new DocumentSettings(this.indexingTechnique, this.docForm, language, this.processRule, this.retrievalModel,
                this.embeddingModel, this.embeddingModelProvider, this.originalDocumentId);
    }

    /**
     * These settings with a process rule.
     * @param rule the rule, or {@code null} for the knowledge base's latest
     * @return the changed settings
     */
    public DocumentSettings withProcessRule(@Nullable ProcessRule rule) {
        return new DocumentSettings(this.indexingTechnique, this.docForm, this.docLanguage, rule, this.retrievalModel,
                this.embeddingModel, this.embeddingModelProvider, this.originalDocumentId);
    }

    /**
     * These settings with retrieval settings for the knowledge base.
     * @param model the retrieval settings
     * @return the changed settings
     */
    public DocumentSettings withRetrievalModel(@Nullable RetrievalModel model) {
        return new DocumentSettings(this.indexingTechnique, this.docForm, this.docLanguage, this.processRule, model,
                this.embeddingModel, this.embeddingModelProvider, this.originalDocumentId);
    }

    /**
     * These settings with an embedding model, as the workspace's models name it.
     * @param provider the provider, such as {@code langgenius/openai/openai}
     * @param model the model, such as {@code text-embedding-3-small}
     * @return the changed settings
     */
    public DocumentSettings withEmbeddingModel(String provider, String model) {
        return new DocumentSettings(this.indexingTechnique, this.docForm, this.docLanguage, this.processRule, this.retrievalModel,
                Objects.requireNonNull(model, "model"), Objects.requireNonNull(provider, "provider"), this.originalDocumentId);
    }

    /**
     * These settings for a document that replaces another.
     * @param documentId the replaced document
     * @return the changed settings
     */
    public DocumentSettings withOriginalDocumentId(@Nullable String documentId) {
        return new DocumentSettings(this.indexingTechnique, this.docForm, this.docLanguage, this.processRule, this.retrievalModel,
                this.embeddingModel, this.embeddingModelProvider, documentId);
    }

    /**
     * The settings in the form Dify takes: the fields of a create-by-text body, or the JSON of a
     * file upload's {@code data} part. Settings left {@code null} are left out.
     * @return the JSON object, as a map
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        if (this.indexingTechnique != null) {
            wire.put("indexing_technique", this.indexingTechnique.value());
        }
        if (this.docForm != null) {
            wire.put("doc_form", this.docForm.value());
        }
        if (this.docLanguage != null) {
            wire.put("doc_language", this.docLanguage);
        }
        if (this.processRule != null) {
            wire.put("process_rule", this.processRule.toWire());
        }
        if (this.retrievalModel != null) {
            wire.put("retrieval_model", this.retrievalModel.toWire());
        }
        if (this.embeddingModel != null) {
            wire.put("embedding_model", this.embeddingModel);
        }
        if (this.embeddingModelProvider != null) {
            wire.put("embedding_model_provider", this.embeddingModelProvider);
        }
        if (this.originalDocumentId != null) {
            wire.put("original_document_id", this.originalDocumentId);
        }
        return wire;
    }
}
