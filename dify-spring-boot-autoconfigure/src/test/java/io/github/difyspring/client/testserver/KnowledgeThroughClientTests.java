package io.github.difyspring.client.testserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.KnowledgeDocuments;
import io.github.difyspring.client.error.DifyIndexingException;
import io.github.difyspring.client.error.DifyUnauthorizedException;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.knowledge.ChunkQuery;
import io.github.difyspring.client.knowledge.DocumentBatch;
import io.github.difyspring.client.knowledge.DocumentChunk;
import io.github.difyspring.client.knowledge.DocumentInfo;
import io.github.difyspring.client.knowledge.DocumentQuery;
import io.github.difyspring.client.knowledge.DocumentSettings;
import io.github.difyspring.client.knowledge.IndexingState;
import io.github.difyspring.client.knowledge.IndexingStatus;
import io.github.difyspring.client.knowledge.KnowledgeBaseInfo;
import io.github.difyspring.client.knowledge.KnowledgeBaseQuery;
import io.github.difyspring.client.knowledge.RetrievalRecord;
import io.github.difyspring.client.knowledge.RetrievalRequest;
import io.github.difyspring.client.knowledge.RetrievalResult;
import io.github.difyspring.test.RecordedRequest;
import io.github.difyspring.test.ScriptedKnowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The knowledge bases of the test double, through {@link DifyKnowledgeClient}: listing bases and
 * documents, a file upload followed through its indexing to retrieval, a failed indexing, and
 * retrieval scores.
 */
class KnowledgeThroughClientTests extends ThroughClientSupport {

    private static final String KEY = "dataset-knowledge-test-key";

    private static final String RETURNS = "Returns are free within 30 days.\n\nRefunds take five working days.";

    /** Long enough for the polling to see every step; short enough that the test does not wait for Dify's six. */
    private static final Duration INDEXING_WAIT = Duration.ofSeconds(9);

    @Test
    void theScriptedBasesAndTheirDocumentsAreListedNewestFirst() {
        ScriptedKnowledge knowledge = this.dify.knowledge(KEY);
        ScriptedKnowledge.Base handbook = knowledge.base("Handbook").description("How our products work").document("returns.txt", RETURNS);
        knowledge.base("Onboarding");
        DifyKnowledgeClient client = knowledgeClient(KEY);

        List<KnowledgeBaseInfo> bases = client.bases().list(KnowledgeBaseQuery.all()).collectList().block(TIMEOUT);

        assertThat(bases).extracting(KnowledgeBaseInfo::name).containsExactly("Onboarding", "Handbook");
        KnowledgeBaseInfo listed = bases.get(1);
        assertThat(listed.id()).isEqualTo(handbook.id());
        assertThat(listed.description()).isEqualTo("How our products work");
        assertThat(listed.documentCount()).isEqualTo(1);
        assertThat(client.base(handbook.id()).get().block(TIMEOUT).name()).isEqualTo("Handbook");
        List<DocumentInfo> documents = client.base(handbook.id()).documents().list(DocumentQuery.all()).collectList().block(TIMEOUT);
        assertThat(documents).extracting(DocumentInfo::name).containsExactly("returns.txt");
        assertThat(documents.get(0).indexingState()).isEqualTo(IndexingState.COMPLETED);
        List<DocumentChunk> chunks = client.base(handbook.id()).document(documents.get(0).id()).chunks().list(ChunkQuery.all())
            .collectList().block(TIMEOUT);
        assertThat(chunks).extracting(DocumentChunk::content)
            .containsExactly("Returns are free within 30 days.", "Refunds take five working days.");
    }

    @Test
    void anUploadedFileGoesThroughIndexingUntilRetrievalFindsIt() {
        ScriptedKnowledge knowledge = this.dify.knowledge(KEY).indexingSteps("waiting", "indexing", "completed");
        ScriptedKnowledge.Base handbook = knowledge.base("Handbook").document("returns.txt", RETURNS);
        KnowledgeDocuments documents = knowledgeClient(KEY).base(handbook.id()).documents();
        byte[] shipping = "Parcels ship within two days.\n\nExpress shipping costs nine euros.".getBytes(StandardCharsets.UTF_8);

        DocumentBatch batch = documents.createByFile(FileUpload.of(shipping, "shipping.txt", MediaType.TEXT_PLAIN),
                DocumentSettings.defaults()).block(TIMEOUT);

        assertThat(batch.document().name()).isEqualTo("shipping.txt");
        assertThat(batch.document().indexingState()).isEqualTo(IndexingState.WAITING);
        assertThat(retrieve(handbook, "express shipping")).as("not indexed yet").isEmpty();
        RecordedRequest upload = this.dify.requests().app("knowledge").to("POST", "/datasets/" + handbook.id() + "/document/create-by-file")
            .single();
        assertThat(upload.parts().get("file").content()).isEqualTo(shipping);

        List<IndexingStatus> statuses = documents.awaitIndexing(batch.batch(), INDEXING_WAIT).block(TIMEOUT);

        assertThat(statuses).singleElement().satisfies((status) -> {
            assertThat(status.id()).isEqualTo(batch.document().id());
            assertThat(status.isCompleted()).isTrue();
            assertThat(status.completedSegments()).isEqualTo(2).isEqualTo(status.totalSegments());
        });
        assertThat(this.dify.requests().to("GET", "/datasets/" + handbook.id() + "/documents/" + batch.batch() + "/indexing-status"))
            .as("polled until completed").hasSizeGreaterThan(1);
        assertThat(handbook.documents()).extracting(ScriptedKnowledge.Document::name, ScriptedKnowledge.Document::indexingStatus)
            .containsExactly(tuple("returns.txt", "completed"),
                    tuple("shipping.txt", "completed"));
        assertThat(retrieve(handbook, "express shipping")).extracting((record) -> record.segment().content())
            .containsExactly("Express shipping costs nine euros.");
    }

    @Test
    void anIndexingThatFailsIsAnIndexingExceptionWithDifysError() {
        ScriptedKnowledge knowledge = this.dify.knowledge(KEY).indexingSteps("parsing", "completed")
            .failsIndexing("The file could not be parsed.");
        ScriptedKnowledge.Base handbook = knowledge.base("Handbook");
        KnowledgeDocuments documents = knowledgeClient(KEY).base(handbook.id()).documents();

        DocumentBatch batch = documents.createByFile(FileUpload.of(new byte[] { 1, 2, 3 }, "broken.txt", MediaType.TEXT_PLAIN),
                DocumentSettings.defaults()).block(TIMEOUT);
        Throwable failed = catchThrowable(() -> documents.awaitIndexing(batch.batch(), INDEXING_WAIT).block(TIMEOUT));

        assertThat(failed).isInstanceOf(DifyIndexingException.class);
        DifyIndexingException error = (DifyIndexingException) failed;
        assertThat(error.getDifyError()).isEqualTo("The file could not be parsed.");
        assertThat(error.getDocumentId()).isEqualTo(batch.document().id());
        assertThat(error.getBatch()).isEqualTo(batch.batch());
        assertThat(handbook.documents().get(0).indexingStatus()).isEqualTo("error");
    }

    @Test
    void retrievalScoresEachChunkByTheShareOfTheQuerysWordsItHolds() {
        ScriptedKnowledge.Base handbook = this.dify.knowledge(KEY).base("Handbook").document("returns.txt", RETURNS)
            .document("shipping.txt", "Parcels ship within two days.");

        RetrievalResult result = knowledgeClient(KEY).base(handbook.id()).retrieve(RetrievalRequest.of("How long do refunds take?"))
            .block(TIMEOUT);

        assertThat(result.query().content()).isEqualTo("How long do refunds take?");
        assertThat(result.records()).singleElement().satisfies((record) -> {
            assertThat(record.segment().content()).isEqualTo("Refunds take five working days.");
            // "how", "long", "refunds", "take": the chunk holds two of the four.
            assertThat(record.score()).isEqualTo(0.5);
            assertThat(record.segment().documentId()).isEqualTo(handbook.documents().get(0).id());
        });
        List<RetrievalRecord> within = retrieve(handbook, "within days");
        assertThat(within).extracting(RetrievalRecord::score).containsExactly(1.0, 1.0, 0.5);
    }

    @Test
    void anAppKeyDoesNotOpenTheKnowledgeApi() {
        this.dify.knowledge(KEY).base("Handbook");
        this.dify.chatApp("support", "app-not-a-dataset-key");

        Throwable refused = catchThrowable(() -> knowledgeClient("app-not-a-dataset-key").bases().list(KnowledgeBaseQuery.all())
            .collectList().block(TIMEOUT));

        assertThat(refused).isInstanceOf(DifyUnauthorizedException.class);
    }

    private List<RetrievalRecord> retrieve(ScriptedKnowledge.Base base, String query) {
        return knowledgeClient(KEY).base(base.id()).retrieve(RetrievalRequest.of(query)).block(TIMEOUT).records();
    }
}
