package io.github.difyspring.client.knowledge;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * The request values of the knowledge pipeline: the {@code datasource_info_list} items as Dify
 * 1.14.2 (ad96501e) reads them (api/core/workflow/nodes/datasource/datasource_node.py:
 * {@code reference or related_id}, {@code workspace_id} and {@code page.page_id/type},
 * {@code id} and {@code bucket}; api/core/app/apps/pipeline/pipeline_generator.py
 * {@code _build_document}: {@code name}, {@code page.page_name}, {@code title};
 * {@code _format_datasource_info_list}: {@code type: folder}), and the bodies of
 * {@code PipelineRunApiEntity} and {@code DatasourceNodeRunPayload}
 * (api/services/rag_pipeline/entity/pipeline_service_api_entities.py, rag_pipeline_workflow.py).
 */
class KnowledgePipelineRequestsTest {

    @Test
    void eachDatasourceTypeHasTheFieldsDifyReads() {
        assertThat(DatasourceInfo.localFile("f1", "guide.pdf").fields()).containsExactly(entry("reference", "f1"), entry("name", "guide.pdf"));
        assertThat(DatasourceInfo.localFile("f1", null).fields()).containsExactly(entry("reference", "f1"));
        DatasourceInfo page = DatasourceInfo.onlineDocument("ws1", "p1", "page", "Roadmap").with("credential_id", "c1");
        assertThat(page.type()).isEqualTo(DatasourceType.ONLINE_DOCUMENT);
        assertThat(page.fields()).containsExactly(entry("workspace_id", "ws1"),
                entry("page", Map.of("page_id", "p1", "type", "page", "page_name", "Roadmap")), entry("credential_id", "c1"));
        assertThat(DatasourceInfo.websiteCrawl("https://docs.example.com/install", "Install", "# Install", null).with("lang", "en").fields())
            .containsExactly(entry("source_url", "https://docs.example.com/install"), entry("content", "# Install"), entry("title", "Install"),
                    entry("lang", "en"));
        Map<String, Object> crawled = new java.util.LinkedHashMap<>();
        crawled.put("source_url", "https://docs.example.com/");
        crawled.put("description", null);
        assertThat(DatasourceInfo.of(DatasourceType.WEBSITE_CRAWL, crawled).fields()).as("null fields left out")
            .containsExactly(entry("source_url", "https://docs.example.com/"));
        assertThat(DatasourceInfo.onlineDriveFile("faq.md", "team-docs", "faq.md").fields())
            .containsExactly(entry("id", "faq.md"), entry("type", "file"), entry("bucket", "team-docs"), entry("name", "faq.md"));
        assertThat(DatasourceInfo.onlineDriveFolder("guides/", null).fields()).containsExactly(entry("id", "guides/"), entry("type", "folder"));
        assertThat(DatasourceInfo.of(new DatasourceType("custom_source"), Map.of("key", 1)).type().value()).isEqualTo("custom_source");
    }

    @Test
    void aRunTakesItsDatasourceTypeFromItsItemsWhichMustShareIt() {
        PipelineRunRequest run = PipelineRunRequest.of("n1", DatasourceInfo.onlineDriveFile("a", null, null));

        assertThat(run.datasourceType()).isEqualTo(DatasourceType.ONLINE_DRIVE);
        assertThat(run.toWire(true, "blocking")).containsExactly(entry("inputs", Map.of()), entry("datasource_type", "online_drive"),
                entry("datasource_info_list", List.of(Map.of("id", "a", "type", "file"))), entry("start_node_id", "n1"),
                entry("is_published", true), entry("response_mode", "blocking"));
        assertThatIllegalArgumentException().isThrownBy(() -> PipelineRunRequest.of("n1",
                List.of(DatasourceInfo.localFile("f1", null), DatasourceInfo.onlineDriveFile("a", null, null))))
            .withMessageContaining("local_file").withMessageContaining("online_drive");
        assertThatIllegalArgumentException().isThrownBy(() -> PipelineRunRequest.of("n1", List.of()));
        Map<String, Object> optional = new java.util.LinkedHashMap<>();
        optional.put("language", "en");
        optional.put("max_pages", null);
        assertThat(run.withInputs(optional).toWire(false, "streaming").get("inputs")).as("order kept, null sent as null")
            .isEqualTo(optional);
    }

    @Test
    void aNodeRunIsPublishedWithTheDefaultCredentialUnlessToldOtherwise() {
        DatasourceNodeRun run = DatasourceNodeRun.of(DatasourceType.WEBSITE_CRAWL, Map.of("url", "https://example.com"));

        assertThat(run.toWire()).containsExactly(entry("inputs", Map.of("url", "https://example.com")),
                entry("datasource_type", "website_crawl"), entry("is_published", true));
        assertThat(run.withCredential("c1").draft().toWire()).containsEntry("credential_id", "c1").containsEntry("is_published", false);
    }

    @Test
    void datasourceTypesAreOpenAndNeverBlank() {
        assertThat(new DatasourceType("local_file")).isEqualTo(DatasourceType.LOCAL_FILE);
        assertThat(DatasourceType.WEBSITE_CRAWL).hasToString("website_crawl");
        assertThatIllegalArgumentException().isThrownBy(() -> new DatasourceType(" "));
    }
}
