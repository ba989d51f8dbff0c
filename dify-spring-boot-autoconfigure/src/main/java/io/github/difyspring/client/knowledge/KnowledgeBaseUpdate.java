package io.github.difyspring.client.knowledge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Changes to a knowledge base's settings ({@code PATCH /datasets/{dataset_id}}). Dify changes only
 * the settings a request names, so this sends only what was set here: start from {@link #of()} and
 * add each change with a {@code with...} method. Immutable: each method returns a new update.
 */
public final class KnowledgeBaseUpdate {

    private final Map<String, @Nullable Object> changes;

    private KnowledgeBaseUpdate(Map<String, @Nullable Object> changes) {
        this.changes = changes;
    }

    /**
     * An update that changes nothing yet.
     * @return the update
     */
    public static KnowledgeBaseUpdate of() {
        return new KnowledgeBaseUpdate(Map.of());
    }

    private KnowledgeBaseUpdate with(Map<String, @Nullable Object> more) {
        Map<String, @Nullable Object> changes = new LinkedHashMap<>(this.changes);
        changes.putAll(more);
        return new KnowledgeBaseUpdate(Collections.unmodifiableMap(changes));
    }

    private KnowledgeBaseUpdate with(String key, @Nullable Object value) {
        Map<String, @Nullable Object> more = new LinkedHashMap<>();
        more.put(key, value);
        return with(more);
    }

    /**
     * This update, renaming the knowledge base.
     * @param name the new name, 1 to 40 characters, unique in the workspace (a duplicate answers
     * HTTP 400 "Dataset name already exists")
     * @return the changed update
     */
    public KnowledgeBaseUpdate withName(String name) {
        return with("name", Objects.requireNonNull(name, "name"));
    }

    /**
     * This update, changing the description.
     * @param description at most 400 characters, or {@code null} to remove it
     * @return the changed update
     */
    public KnowledgeBaseUpdate withDescription(@Nullable String description) {
        return with("description", description);
    }

    /**
     * This update, changing how the knowledge base indexes; Dify then indexes its documents again.
     * @param indexingTechnique the indexing technique
     * @return the changed update
     */
    public KnowledgeBaseUpdate withIndexingTechnique(IndexingTechnique indexingTechnique) {
        return with("indexing_technique", Objects.requireNonNull(indexingTechnique, "indexingTechnique").value());
    }

    /**
     * This update, changing who may use the knowledge base. For {@code partial_members}, use
     * {@link #withPartialMembers(List)}.
     * @param permission the permission
     * @return the changed update
     */
    public KnowledgeBaseUpdate withPermission(KnowledgePermission permission) {
        return with("permission", Objects.requireNonNull(permission, "permission").value());
    }

    /**
     * This update, letting only some members of the workspace use the knowledge base: it sets the
     * permission to {@code partial_members} and the member list.
     * @param accountIds the members' account ids
     * @return the changed update
     */
    public KnowledgeBaseUpdate withPartialMembers(List<String> accountIds) {
        List<Map<String, String>> members = new ArrayList<>();
        for (String accountId : accountIds) {
            members.add(Map.of("user_id", Objects.requireNonNull(accountId, "accountId")));
        }
        Map<String, @Nullable Object> more = new LinkedHashMap<>();
        more.put("permission", KnowledgePermission.PARTIAL_MEMBERS.value());
        more.put("partial_member_list", members);
        return with(more);
    }

    /**
     * This update, changing the embedding model of a high-quality knowledge base; Dify then
     * embeds its chunks again.
     * @param provider the model's provider, such as {@code langgenius/openai/openai}
     * @param model the model, such as {@code text-embedding-3-large}
     * @return the changed update
     */
    public KnowledgeBaseUpdate withEmbeddingModel(String provider, String model) {
        Map<String, @Nullable Object> more = new LinkedHashMap<>();
        more.put("embedding_model_provider", Objects.requireNonNull(provider, "provider"));
        more.put("embedding_model", Objects.requireNonNull(model, "model"));
        return with(more);
    }

    /**
     * This update, changing how the knowledge base retrieves.
     * @param retrievalModel the retrieval model; a rerank model in it must be usable, or Dify
     * answers HTTP 400
     * @return the changed update
     */
    public KnowledgeBaseUpdate withRetrievalModel(RetrievalModel retrievalModel) {
        return with("retrieval_model", Objects.requireNonNull(retrievalModel, "retrievalModel").toWire());
    }

    /**
     * This update, changing how an external knowledge base retrieves.
     * @param retrievalModel the external retrieval model
     * @return the changed update
     */
    public KnowledgeBaseUpdate withExternalRetrievalModel(ExternalRetrievalModel retrievalModel) {
        return with("external_retrieval_model", Objects.requireNonNull(retrievalModel, "retrievalModel").toWire());
    }

    /**
     * This update, changing where an external knowledge base retrieves from.
     * @param externalKnowledgeApiId the external knowledge API
     * @param externalKnowledgeId the knowledge's id in the external system
     * @return the changed update
     */
    public KnowledgeBaseUpdate withExternalKnowledge(String externalKnowledgeApiId, String externalKnowledgeId) {
        Map<String, @Nullable Object> more = new LinkedHashMap<>();
        more.put("external_knowledge_api_id", Objects.requireNonNull(externalKnowledgeApiId, "externalKnowledgeApiId"));
        more.put("external_knowledge_id", Objects.requireNonNull(externalKnowledgeId, "externalKnowledgeId"));
        return with(more);
    }

    /**
     * Whether this update changes nothing.
     * @return whether no change was set
     */
    public boolean isEmpty() {
        return this.changes.isEmpty();
    }

    /**
     * The update in the form Dify takes: the settings that were set, and only those.
     * @return the JSON object, as an unmodifiable map
     */
    public Map<String, @Nullable Object> toWire() {
        return this.changes;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return (other instanceof KnowledgeBaseUpdate update) && this.changes.equals(update.changes);
    }

    @Override
    public int hashCode() {
        return this.changes.hashCode();
    }

    @Override
    public String toString() {
        return "KnowledgeBaseUpdate" + this.changes;
    }
}
