package io.github.difyspring.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The knowledge bases of the {@link DifyTestServer}'s workspace, reached with a knowledge base API key: {@code dify.knowledge(key)
 * .base("Handbook").document("returns.txt", "Returns are free.")}. A document a test adds is indexed already, one chunk per paragraph;
 * one uploaded through the API (a file is read as UTF-8 text) moves one {@link #indexingSteps(String...) step} on with every poll
 * of its batch's indexing status. Retrieval scores each indexed chunk by the share of the query's words it holds.
 */
public final class ScriptedKnowledge {

    /** Dify's indexing states when nothing goes wrong ({@code models/enums.py} IndexingStatus). */
    static final List<String> DIFY_INDEXING = List.of("waiting", "parsing", "cleaning", "splitting", "indexing", "completed");

    private final String name;

    /** Oldest first; guarded by this workspace's lock, as all of its state. */
    final List<Base> bases = new ArrayList<>();

    final Deque<String> indexingFailures = new LinkedList<>();

    List<String> indexingSteps = DIFY_INDEXING;

    ScriptedKnowledge(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The workspace's name, as recorded requests call it. */
    public String name() {
        return this.name;
    }

    /** Adds a knowledge base indexed {@code economy} (as if by Dify's console), or finds the one with this name. */
    public synchronized Base base(String name) {
        return this.bases.stream().filter((base) -> base.name.equals(name)).findFirst().orElseGet(() -> new Base(this, name, "economy"));
    }

    /** The knowledge bases, added by the test or created through the API, oldest first. */
    public synchronized List<Base> bases() {
        return List.copyOf(this.bases);
    }

    /** The indexing states, Dify's six by default, that uploads go through, one per poll of their batch; the last is {@code completed}. */
    public synchronized ScriptedKnowledge indexingSteps(String... states) {
        List<String> steps = List.of(states);
        Assert.isTrue(!steps.isEmpty() && steps.get(steps.size() - 1).equals("completed") && DIFY_INDEXING.containsAll(steps),
                () -> "Not Dify indexing states ending with \"completed\": " + steps);
        this.indexingSteps = steps;
        return this;
    }

    /** Makes the next upload end in Dify's {@code error} state, with this message, instead of {@code completed}. */
    public synchronized ScriptedKnowledge failsIndexing(String error) {
        this.indexingFailures.add(Objects.requireNonNull(error, "error"));
        return this;
    }

    synchronized void reset() {
        this.bases.clear();
        this.indexingSteps = DIFY_INDEXING;
        this.indexingFailures.clear();
    }

    /** One knowledge base: a test fills it with documents and reads back what the API did to it. */
    public static final class Base {

        final ScriptedKnowledge workspace;

        final String id = UUID.randomUUID().toString();

        final String name;

        final long createdAt = Wire.now();

        final String ruleId = UUID.randomUUID().toString();

        final List<Stored> documents = new ArrayList<>();

        volatile String description = "";

        @Nullable String indexingTechnique;

        /** Adds a base to the workspace. */
        Base(ScriptedKnowledge workspace, String name, @Nullable String indexingTechnique) {
            this.workspace = workspace;
            this.name = name;
            this.indexingTechnique = indexingTechnique;
            workspace.bases.add(this);
        }

        /** Its id, the {@code dataset_id} of the Knowledge API's paths. */
        public String id() {
            return this.id;
        }

        /** Its name. */
        public String name() {
            return this.name;
        }

        /** Sets its description and returns it. */
        public Base description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** Adds a document indexed already, as if uploaded in Dify's console: one chunk per paragraph of the text. */
        public Base document(String name, String text) {
            synchronized (this.workspace) {
                add(name, text, text.getBytes(StandardCharsets.UTF_8).length, "text/plain", "web", List.of("completed"), null);
                return this;
            }
        }

        /** Its documents as they are now, added by the test or uploaded through the API, oldest first. */
        public List<Document> documents() {
            synchronized (this.workspace) {
                return this.documents.stream().map((document) -> new Document(document.id(), document.name(), document.batch(),
                        document.state(), document.error(), document.chunks())).toList();
            }
        }

        Stored add(String name, String text, long size, String type, String from, List<String> steps, @Nullable String failure) {
            String batch = Instant.now().toString().replaceAll("\\D", "").substring(0, 14)
                    + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
            Stored document = new Stored(this, UUID.randomUUID().toString(), name, batch, from, UUID.randomUUID().toString(), size, type,
                    Arrays.stream(text.split("\\R\\s*\\R")).map(String::strip).filter((part) -> !part.isEmpty()).toList(), steps, failure,
                    new LinkedList<>(List.of(Wire.now())));
            this.documents.add(document);
            return document;
        }
    }

    /** A document as it was when {@link Base#documents()} was called: Dify's {@code indexingStatus}, and the {@code error} it ended in. */
    public record Document(String id, String name, String batch, String indexingStatus, @Nullable String error, List<String> chunks) {
    }

    /**
     * A document, its chunks, upload file and batch ({@code yyyyMMddHHmmss} and six digits), created {@code web} (by the test) or
     * {@code api}: it enters one of its steps per poll, at {@code times}; a failure takes the place of {@code completed}.
     */
    record Stored(Base base, String id, String name, String batch, String createdFrom, String fileId, long size, String mimeType,
            List<String> chunks, List<String> steps, @Nullable String failure, LinkedList<Long> times) {

        void advance() {
            if (this.times.size() < this.steps.size()) {
                this.times.add(Wire.now());
            }
        }

        @Nullable String error() {
            return (this.times.size() == this.steps.size()) ? this.failure : null;
        }

        String state() {
            return (error() != null) ? "error" : this.steps.get(this.times.size() - 1);
        }

        boolean isIndexed() {
            return state().equals("completed");
        }

        /** When Dify's state was first reached (a step skipped is reached with the next), or {@code null}. */
        @Nullable Long reached(String state) {
            return IntStream.range(0, this.times.size() - ((error() != null) ? 1 : 0))
                .filter((i) -> DIFY_INDEXING.indexOf(this.steps.get(i)) >= DIFY_INDEXING.indexOf(state))
                .mapToObj(this.times::get).findFirst().orElse(null);
        }
    }
}
