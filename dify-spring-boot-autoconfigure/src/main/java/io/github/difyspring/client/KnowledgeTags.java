package io.github.difyspring.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;

import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.knowledge.KnowledgeTag;

/**
 * The workspace's knowledge tags, and which knowledge bases carry them. Get it from
 * {@link DifyKnowledgeClient#tags()}; the tags one knowledge base carries come from
 * {@link KnowledgeBase#boundTags()}. Non-blocking: every method returns a {@link Mono} that does
 * nothing until subscribed.
 */
public final class KnowledgeTags {

    private static final ParameterizedTypeReference<List<KnowledgeTag>> TAG_LIST = new ParameterizedTypeReference<>() {
    };

    private final DifyTransport transport;

    KnowledgeTags(DifyTransport transport) {
        this.transport = transport;
    }

    /**
     * Creates a knowledge tag ({@code POST /datasets/tags}). Never sent twice: a retry after Dify
     * may have received the request would fail on the name now taken.
     * @param name the tag's name, 1 to 50 characters; a name already in use fails with
     * {@link io.github.difyspring.client.error.DifyBadRequestException} ("Tag name already exists")
     * @return the new tag, bound to no knowledge base yet
     */
    public Mono<KnowledgeTag> create(String name) {
        Objects.requireNonNull(name, "name");
        return Mono.defer(() -> this.transport.json(DifyCall.post("/datasets/tags").notIdempotent().json(Map.of("name", name)),
                KnowledgeTag.class));
    }

    /**
     * The workspace's knowledge tags, newest first, each with the number of knowledge bases that
     * carry it ({@code GET /datasets/tags}; Dify sends them all at once, not in pages).
     * @return the tags
     */
    public Mono<List<KnowledgeTag>> list() {
        return Mono.defer(() -> this.transport.json(DifyCall.get("/datasets/tags"), TAG_LIST))
            .map((tags) -> tags.stream().filter(Objects::nonNull).toList());
    }

    /**
     * Renames a knowledge tag ({@code PATCH /datasets/tags}).
     * @param tagId the tag; an unknown one fails with
     * {@link io.github.difyspring.client.error.DifyNotFoundException}
     * @param name its new name, 1 to 50 characters
     * @return the renamed tag with its binding count
     */
    public Mono<KnowledgeTag> rename(String tagId, String name) {
        Objects.requireNonNull(tagId, "tagId");
        Objects.requireNonNull(name, "name");
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tag_id", tagId);
            body.put("name", name);
            return this.transport.json(DifyCall.patch("/datasets/tags").json(body), KnowledgeTag.class);
        });
    }

    /**
     * Deletes a knowledge tag and removes it from the knowledge bases that carry it
     * ({@code DELETE /datasets/tags}, the tag named in a JSON body).
     * @param tagId the tag; an unknown one fails with
     * {@link io.github.difyspring.client.error.DifyNotFoundException}
     * @return completes when Dify deleted it
     */
    public Mono<Void> delete(String tagId) {
        Objects.requireNonNull(tagId, "tagId");
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.delete("/datasets/tags").json(Map.of("tag_id", tagId))));
    }

    /**
     * Puts tags on a knowledge base ({@code POST /datasets/tags/binding}). A tag it already carries
     * stays as it is; Dify silently skips ids of tags that do not exist in the workspace.
     * @param knowledgeBaseId the knowledge base; an unknown one fails with
     * {@link io.github.difyspring.client.error.DifyNotFoundException}
     * @param tagIds the tags, at least one
     * @return completes when Dify bound them
     * @throws IllegalArgumentException when there is no tag id
     */
    public Mono<Void> bind(String knowledgeBaseId, List<String> tagIds) {
        Map<String, Object> body = bindingBody(knowledgeBaseId, tagIds);
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.post("/datasets/tags/binding").json(body)));
    }

    /**
     * Takes tags off a knowledge base ({@code POST /datasets/tags/unbinding}).
     * @param knowledgeBaseId the knowledge base; an unknown one fails with
     * {@link io.github.difyspring.client.error.DifyNotFoundException}
     * @param tagIds the tags, at least one
     * @return completes when Dify unbound them
     * @throws IllegalArgumentException when there is no tag id
     */
    public Mono<Void> unbind(String knowledgeBaseId, List<String> tagIds) {
        Map<String, Object> body = bindingBody(knowledgeBaseId, tagIds);
        return Mono.defer(() -> this.transport.discardingAnswer(DifyCall.post("/datasets/tags/unbinding").json(body)));
    }

    /** Checks what Dify would refuse ("Tag IDs is required.") before sending anything. */
    private static Map<String, Object> bindingBody(String knowledgeBaseId, List<String> tagIds) {
        Objects.requireNonNull(knowledgeBaseId, "knowledgeBaseId");
        List<String> ids = List.copyOf(tagIds);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("Binding or unbinding tags needs at least one tag id");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tag_ids", ids);
        body.put("target_id", knowledgeBaseId);
        return body;
    }

    @Override
    public String toString() {
        return "KnowledgeTags[" + this.transport.app().name() + "]";
    }
}
