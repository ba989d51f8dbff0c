package io.github.difyspring.sample.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import io.github.difyspring.sample.support.DemoModeTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knowledge endpoints against the offline demo's Knowledge API, played by the Dify test
 * server (Dify 1.14.2's shapes, see {@code ScriptedKnowledge}): an operator lists the knowledge bases, uploads a document,
 * follows its indexing to the end and retrieves scored chunks; an account without the operator role
 * is refused; the knowledge base API key never reaches a browser.
 */
class KnowledgeEndpointsTests extends DemoModeTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    private static final String KNOWLEDGE_KEY = "dataset-demo-knowledge";

    @Test
    void anOperatorUploadsADocumentFollowsItsIndexingAndRetrievesItsChunks() {
        List<Map<String, Object>> bases = as("alice").get().uri("/api/knowledge/bases").exchange()
            .expectStatus().isOk()
            .expectBody(LIST).returnResult().getResponseBody();
        assertThat(bases).extracting((base) -> base.get("name")).contains("Product handbook", "Team notes");
        String notes = (String) bases.stream().filter((base) -> base.get("name").equals("Team notes")).findFirst().orElseThrow().get("id");

        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("file", new ByteArrayResource("""
                The quarterly offsite takes place in Lisbon in May.

                Everyone books their own flights; the hotel is paid by the company.
                """.getBytes()) {
            @Override
            public String getFilename() {
                return "offsite.txt";
            }
        }).contentType(MediaType.TEXT_PLAIN);
        Map<String, Object> upload = as("alice").post().uri("/api/knowledge/bases/{id}/documents", notes)
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(BodyInserters.fromMultipartData(form.build()))
            .exchange()
            .expectStatus().isCreated()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            }).returnResult().getResponseBody();
        assertThat(upload).containsEntry("name", "offsite.txt").containsKeys("documentId", "batch");

        // The Dify test server moves the document one indexing state on per poll, as a real one does over time.
        String state = "";
        for (int poll = 0; poll < 10 && !state.equals("completed"); poll++) {
            List<Map<String, Object>> progress = as("alice").get()
                .uri("/api/knowledge/bases/{id}/batches/{batch}", notes, upload.get("batch")).exchange()
                .expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody();
            assertThat(progress).hasSize(1);
            state = (String) progress.get(0).get("state");
            assertThat(state).isIn("waiting", "parsing", "cleaning", "splitting", "indexing", "completed");
        }
        assertThat(state).isEqualTo("completed");
        List<Map<String, Object>> documents = as("alice").get().uri("/api/knowledge/bases/{id}/documents", notes).exchange()
            .expectStatus().isOk()
            .expectBody(LIST).returnResult().getResponseBody();
        assertThat(documents).filteredOn((document) -> "offsite.txt".equals(document.get("name")))
            .singleElement()
            .satisfies((document) -> assertThat(document).containsEntry("indexingStatus", "completed")
                .containsEntry("displayStatus", "available"));

        List<Map<String, Object>> hits = as("alice").post().uri("/api/knowledge/bases/{id}/retrieve", notes)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("query", "Is the hotel paid by the company?"))
            .exchange()
            .expectStatus().isOk()
            .expectBody(LIST).returnResult().getResponseBody();
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0)).containsEntry("documentName", "offsite.txt");
        assertThat((String) hits.get(0).get("content")).contains("hotel is paid by the company");
        assertThat(((Number) hits.get(0).get("score")).doubleValue()).isBetween(0.0, 1.0);
    }

    @Test
    void anAccountWithoutTheOperatorRoleIsRefusedWithAReason() {
        as("bob").get().uri("/api/knowledge/bases").exchange()
            .expectStatus().isForbidden()
            .expectBody()
            .jsonPath("$.code").isEqualTo("forbidden")
            .jsonPath("$.message").value((message) -> assertThat((String) message).contains("OPERATOR role"));
    }

    @Test
    void theKnowledgeKeyNeverReachesABrowser() {
        String bases = as("alice").get().uri("/api/knowledge/bases").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        String page = as("alice").get().uri("/knowledge.js").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(bases).doesNotContain(KNOWLEDGE_KEY);
        assertThat(page).doesNotContain(KNOWLEDGE_KEY).doesNotContain("dataset-");
    }
}
