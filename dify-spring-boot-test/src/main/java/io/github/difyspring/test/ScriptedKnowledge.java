package io.github.difyspring.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The knowledge bases of the {@link DifyTestServer}'s workspace, reached with a knowledge base API
 * key, and their script: which bases and documents there are, and how the documents uploaded
 * through the Knowledge API go through indexing.
 * <pre>{@code
 * ScriptedKnowledge knowledge = dify.knowledge("dataset-test-key");
 * knowledge.base("Handbook").description("How our products work")
 *     .document("returns.txt", "Returns are free within 30 days.\n\nRefunds take five working days.");
 * knowledge.failsIndexing("The file could not be parsed.");
 * }</pre>
 * A document a test adds is indexed already, one chunk per paragraph (text between blank lines).
 * A document uploaded through the API starts {@code waiting} and moves one state on with every
 * poll of its batch's indexing status, through Dify's {@code waiting, parsing, cleaning,
 * splitting, indexing, completed}, unless {@link #indexingSteps(String...)} says otherwise; only
 * indexed documents are found by retrieval, which scores each chunk by the share of the query's
 * words it contains. An uploaded file is read as UTF-8 text, whatever its type, and chunked the same
 * way. Knowledge bases created through the API start empty, as in Dify.
 * <p>
 * The answers have the keys, nulls and error codes of Dify 1.14.2's Knowledge API
 * ({@code langgenius/dify} at {@code ad96501e091cb614b7dc287d761a7637989f5391}, under {@code api/}):
 * {@code controllers/service_api/dataset/dataset.py}, {@code document.py}, {@code segment.py} and
 * {@code hit_testing.py}, {@code controllers/console/datasets/hit_testing_base.py},
 * {@code controllers/service_api/wraps.py}, {@code fields/dataset_fields.py},
 * {@code fields/document_fields.py}, {@code fields/segment_fields.py},
 * {@code fields/hit_testing_fields.py}, {@code models/dataset.py} (the computed fields),
 * {@code services/dataset_service.py}, {@code services/hit_testing_service.py} and
 * {@code services/file_service.py}. Every {@code ValueError} there, pydantic's validation errors
 * included, answers {@code 400 invalid_param} ({@code libs/external_api.py}); pydantic's multi-line
 * messages are given as their first lines ({@code 1 validation error for DatasetCreatePayload},
 * the field, the problem and its type), without the input value and the link.
 */
public final class ScriptedKnowledge {

    /** The states a document goes through in Dify when nothing goes wrong ({@code models/enums.py} IndexingStatus). */
    static final List<String> DIFY_INDEXING = List.of("waiting", "parsing", "cleaning", "splitting", "indexing", "completed");

    private static final Set<String> STEP_STATES = Set.of("waiting", "parsing", "cleaning", "splitting", "indexing", "paused", "completed");

    private final String name;

    private final String ownerId;

    /** By id, oldest first. */
    private final Map<String, ScriptedKnowledgeBase> bases = new LinkedHashMap<>();

    private List<String> indexingSteps = DIFY_INDEXING;

    private final Deque<String> indexingFailures = new ArrayDeque<>();

    ScriptedKnowledge(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.ownerId = UUID.nameUUIDFromBytes(("owner of " + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The workspace's name, as recorded requests call it. */
    public String name() {
        return this.name;
    }

    /**
     * Adds a knowledge base, or finds the one with this name. It has an indexing technique
     * ({@code economy}) and a process rule ({@code automatic}), as if its first document had been
     * added in Dify's console, so documents can be uploaded to it without either.
     * @param name its name, 1 to 40 characters, unique in the workspace as in Dify
     * @return the knowledge base, to fill with documents
     */
    public synchronized ScriptedKnowledgeBase base(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 40) {
            throw new IllegalArgumentException("A Dify knowledge base name has 1 to 40 characters, not '" + name + "'");
        }
        ScriptedKnowledgeBase known = findByName(name);
        if (known != null) {
            return known;
        }
        ScriptedKnowledgeBase base = new ScriptedKnowledgeBase(this, name);
        base.scriptDefaults();
        this.bases.put(base.id(), base);
        return base;
    }

    /**
     * The knowledge bases there are, those the test added and those created through the API,
     * oldest first; a base deleted through the API is gone.
     * @return the knowledge bases
     */
    public synchronized List<ScriptedKnowledgeBase> bases() {
        return List.copyOf(this.bases.values());
    }

    /**
     * The states that the documents uploaded from now on go through, one per poll of their
     * batch's indexing status; the last one stays. The default is Dify's
     * {@code waiting, parsing, cleaning, splitting, indexing, completed}; {@code "completed"} alone
     * makes uploads indexed at once, and a {@code "paused"} step shows Dify's paused indexing.
     * @param states Dify indexing states ({@code waiting}, {@code parsing}, {@code cleaning},
     * {@code splitting}, {@code indexing}, {@code paused}, {@code completed}), ending with {@code completed}
     * @return this workspace
     * @see #failsIndexing(String)
     */
    public synchronized ScriptedKnowledge indexingSteps(String... states) {
        List<String> steps = List.of(states);
        if (steps.isEmpty() || !steps.get(steps.size() - 1).equals("completed")) {
            throw new IllegalArgumentException(
                    "The indexing steps end with \"completed\" (use failsIndexing(error) for a failure), not " + steps);
        }
        for (String state : steps) {
            if (!STEP_STATES.contains(state)) {
                throw new IllegalArgumentException("'" + state + "' is not one of Dify's indexing states " + STEP_STATES);
            }
        }
        this.indexingSteps = steps;
        return this;
    }

    /**
     * Makes the next document uploaded through the API fail: it goes through the indexing steps
     * but ends in Dify's {@code error} state with this message instead of {@code completed}, and
     * has no chunk to retrieve. Each call fails one more upload.
     * @param error the message Dify's indexing status and document show, such as
     * {@code "The file could not be parsed."}
     * @return this workspace
     */
    public synchronized ScriptedKnowledge failsIndexing(String error) {
        this.indexingFailures.add(Objects.requireNonNull(error, "error"));
        return this;
    }

    /** Forgets the knowledge bases and their documents, and the indexing script. */
    synchronized void reset() {
        this.bases.clear();
        this.indexingSteps = DIFY_INDEXING;
        this.indexingFailures.clear();
    }

    /** The account id of the workspace's owner, the {@code created_by} of what the API creates. */
    String ownerId() {
        return this.ownerId;
    }

    synchronized @Nullable ScriptedKnowledgeBase find(String id) {
        return this.bases.get(id);
    }

    synchronized @Nullable ScriptedKnowledgeBase findByName(String name) {
        return this.bases.values().stream().filter((base) -> base.name().equals(name)).findFirst().orElse(null);
    }

    /** Adds a base the API created; the caller checked its name is free. */
    synchronized void add(ScriptedKnowledgeBase base) {
        this.bases.put(base.id(), base);
    }

    synchronized boolean remove(String id) {
        return this.bases.remove(id) != null;
    }

    /** The newest first, as Dify lists them. */
    synchronized List<ScriptedKnowledgeBase> newestFirst() {
        List<ScriptedKnowledgeBase> list = new ArrayList<>(this.bases.values());
        Collections.reverse(list);
        return list;
    }

    /** How the next uploaded document goes through indexing: takes one scripted failure. */
    synchronized IndexingPlan nextIndexingPlan() {
        return new IndexingPlan(this.indexingSteps, this.indexingFailures.poll());
    }

    /**
     * How an uploaded document goes through indexing.
     * @param steps the states, one per poll, ending with {@code completed}
     * @param failure the error it ends with instead of {@code completed}, or {@code null}
     */
    record IndexingPlan(List<String> steps, @Nullable String failure) {

        static final IndexingPlan INDEXED = new IndexingPlan(List.of("completed"), null);
    }
}
