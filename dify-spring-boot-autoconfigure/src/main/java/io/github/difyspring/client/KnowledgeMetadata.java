package io.github.difyspring.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import reactor.core.publisher.Mono;

import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.internal.WireValues;
import io.github.difyspring.client.knowledge.BuiltInMetadataField;
import io.github.difyspring.client.knowledge.DocumentMetadataValues;
import io.github.difyspring.client.knowledge.MetadataField;
import io.github.difyspring.client.knowledge.MetadataFieldList;
import io.github.difyspring.client.knowledge.MetadataType;

/**
 * One knowledge base's metadata: its own fields, Dify's built-in fields, and the values its
 * documents have. Get it from {@link KnowledgeBase#metadata()}. Retrieval can then be limited to
 * the documents whose values match ({@link io.github.difyspring.client.knowledge.MetadataFilter}).
 * Non-blocking: every method returns a {@link Mono} that does nothing until subscribed.
 *
 * <p>Dify 1.14.2 reports most failures here as HTTP 400 {@code invalid_param}
 * ({@link io.github.difyspring.client.error.DifyBadRequestException}), unknown field ids included.
 * Its metadata service logs and swallows the errors of some operations, though: deleting a field
 * and switching the built-in fields answer success even when nothing was done (an unknown field,
 * another metadata operation running on the knowledge base); {@link #list()} tells what is so.
 */
public final class KnowledgeMetadata {

    private final DifyTransport transport;

    private final String knowledgeBaseId;

    KnowledgeMetadata(DifyTransport transport, String knowledgeBaseId) {
        this.transport = transport;
        this.knowledgeBaseId = knowledgeBaseId;
    }

    /**
     * Adds a metadata field to the knowledge base ({@code POST /datasets/{dataset_id}/metadata}).
     * Never sent twice: a retry after Dify may have received the request would fail on the name
     * now taken.
     * @param name the field's name, at most 255 characters, unique in the knowledge base and not
     * the name of a built-in field (Dify answers HTTP 400 otherwise)
     * @param type its type
     * @return the new field
     */
    public Mono<MetadataField> create(String name, MetadataType type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type.value());
            body.put("name", name);
            return this.transport.json(call(DifyCall.post("/datasets/{dataset_id}/metadata")).notIdempotent().json(body),
                    MetadataField.class);
        });
    }

    /**
     * The knowledge base's own metadata fields, each with how many documents use it, and whether
     * its built-in fields are enabled ({@code GET /datasets/{dataset_id}/metadata}).
     * @return the fields; the built-in ones are not among them
     */
    public Mono<MetadataFieldList> list() {
        return Mono.defer(() -> this.transport.json(call(DifyCall.get("/datasets/{dataset_id}/metadata")), MetadataFieldList.class));
    }

    /**
     * Renames a metadata field ({@code PATCH /datasets/{dataset_id}/metadata/{metadata_id}}); the
     * documents' values move to the new name.
     * @param metadataId the field; an unknown one fails with
     * {@link io.github.difyspring.client.error.DifyBadRequestException}, not a 404 (Dify 1.14.2
     * swallows the error and then fails to describe the missing field; so does a rename while
     * another metadata operation runs on the knowledge base)
     * @param name the new name, at most 255 characters
     * @return the renamed field
     */
    public Mono<MetadataField> rename(String metadataId, String name) {
        Objects.requireNonNull(metadataId, "metadataId");
        Objects.requireNonNull(name, "name");
        return Mono.defer(() -> this.transport.json(call(DifyCall.patch("/datasets/{dataset_id}/metadata/{metadata_id}"))
                .pathVariable("metadata_id", metadataId)
                .json(Map.of("name", name)), MetadataField.class));
    }

    /**
     * Deletes a metadata field and the documents' values of it
     * ({@code DELETE /datasets/{dataset_id}/metadata/{metadata_id}}). Dify 1.14.2 answers success
     * for an unknown field too, and when another metadata operation on the knowledge base kept it
     * from deleting anything.
     * @param metadataId the field
     * @return completes when Dify answered
     */
    public Mono<Void> delete(String metadataId) {
        Objects.requireNonNull(metadataId, "metadataId");
        return Mono.defer(() -> this.transport.discardingAnswer(call(DifyCall.delete("/datasets/{dataset_id}/metadata/{metadata_id}"))
                .pathVariable("metadata_id", metadataId)));
    }

    /**
     * The built-in fields Dify can fill in for every document
     * ({@code GET /datasets/{dataset_id}/metadata/built-in}).
     * @return {@code document_name}, {@code uploader}, {@code upload_date},
     * {@code last_update_date} and {@code source}, with their types
     */
    public Mono<List<BuiltInMetadataField>> builtInFields() {
        return Mono.defer(() -> this.transport.json(call(DifyCall.get("/datasets/{dataset_id}/metadata/built-in")), BuiltInFields.class))
            .map(BuiltInFields::fields);
    }

    /**
     * Enables the built-in fields: Dify fills them in for the knowledge base's documents
     * ({@code POST /datasets/{dataset_id}/metadata/built-in/enable}). Doing it again changes nothing.
     * Dify 1.14.2 answers success even when it failed to (another metadata operation running, say):
     * {@link #list()} says whether they are enabled.
     * @return completes when Dify answered
     */
    public Mono<Void> enableBuiltIn() {
        return builtIn("enable");
    }

    /**
     * Disables the built-in fields: Dify removes their values from the knowledge base's documents
     * ({@code POST /datasets/{dataset_id}/metadata/built-in/disable}). Doing it again changes nothing.
     * Dify 1.14.2 answers success even when it failed to: {@link #list()} says whether they are enabled.
     * @return completes when Dify answered
     */
    public Mono<Void> disableBuiltIn() {
        return builtIn("disable");
    }

    private Mono<Void> builtIn(String action) {
        return Mono.defer(() -> this.transport.discardingAnswer(call(DifyCall.post("/datasets/{dataset_id}/metadata/built-in/{action}"))
                .pathVariable("action", action)));
    }

    /**
     * Sets the metadata values of documents of the knowledge base
     * ({@code POST /datasets/{dataset_id}/documents/metadata}). Each document's values replace its
     * own unless they are {@linkplain DocumentMetadataValues#partially() partial}. Dify handles the
     * documents one after the other: when one fails (an unknown document answers HTTP 400
     * "Document not found.", a document whose metadata another request is changing "Another
     * document metadata operation is running, please wait a moment."), those before it keep their
     * new values.
     * @param documents the documents and their values
     * @return completes when Dify set them
     */
    public Mono<Void> updateDocumentValues(List<DocumentMetadataValues> documents) {
        List<Map<String, Object>> operations = new ArrayList<>();
        for (DocumentMetadataValues document : documents) {
            operations.add(Objects.requireNonNull(document, "document").toWire());
        }
        return Mono.defer(() -> this.transport.discardingAnswer(call(DifyCall.post("/datasets/{dataset_id}/documents/metadata"))
                .json(Map.of("operation_data", operations))));
    }

    private DifyCall call(DifyCall call) {
        return call.pathVariable("dataset_id", this.knowledgeBaseId);
    }

    /** Dify's answer with the built-in fields: {@code {fields: [{name, type}]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BuiltInFields(List<BuiltInMetadataField> fields) {

        BuiltInFields {
            fields = WireValues.list(fields);
        }
    }

    @Override
    public String toString() {
        return "KnowledgeMetadata[" + this.transport.app().name() + ", " + this.knowledgeBaseId + "]";
    }
}
