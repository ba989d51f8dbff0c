package io.github.difyspring.client.knowledge;

import java.net.URI;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.client.core.DifyAppType;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

/**
 * Base of the tests of the document, chunk and indexing operations of the knowledge client: a
 * client with a knowledge base key on the WireMock server, ids shaped as Dify's, and a document
 * as Dify 1.14.2 (ad96501e) writes it ({@code api/fields/document_fields.py}, {@code DocumentResponse}).
 */
abstract class KnowledgeDocumentTestSupport extends DifyClientTestSupport {

    /** A knowledge base key, as Dify issues them (the key the transport must send). */
    static final String DATASET_KEY = "dataset-K3yDocs7s3cr3t";

    static final String KB_ID = "5f0a8a4e-3c1b-4c7e-9a57-2b8f1d6c9e01";

    static final String DOC_ID = "a3e1f0c2-7b6d-4e8f-9c1a-0d2b3c4e5f60";

    static final String SEGMENT_ID = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f";

    static final String CHILD_ID = "e9f8d7c6-b5a4-4392-8170-6f5e4d3c2b1a";

    static final String BATCH = "20261206053012345678";

    static final String DOCUMENTS = "/v1/datasets/" + KB_ID + "/documents";

    static DifyKnowledgeClient knowledgeClient() {
        return new DifyKnowledgeClient(new DifyApp("knowledge", DifyAppType.KNOWLEDGE,
                URI.create("http://127.0.0.1:" + wireMock.getPort() + "/v1"), DATASET_KEY, null).withOptions(FAST_RETRIES),
                WebClient.builder());
    }

    static RequestPatternBuilder withDatasetKey(RequestPatternBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + DATASET_KEY));
    }

    /**
     * A document as the create and update answers and the listing carry it: an uploaded file,
     * created through the API, waiting for its indexing (tokens and word count still null).
     */
    static String documentJson(String id, String name, String indexingStatus, String displayStatus) {
        return """
                {"id": "%s", "position": 3, "data_source_type": "upload_file",
                 "data_source_info": {"upload_file_id": "0b9d5d43-88a4-4a3b-a8b5-5ad1b3f1f0aa"},
                 "data_source_detail_dict": {"upload_file": {"id": "0b9d5d43-88a4-4a3b-a8b5-5ad1b3f1f0aa", "name": "%s",
                   "size": 48213, "extension": "md", "mime_type": "text/markdown",
                   "created_by": "7d1f3c5e-0a2b-4c6d-8e9f-1a2b3c4d5e6f", "created_at": 1765000000.123456}},
                 "dataset_process_rule_id": "9e8d7c6b-5a49-4382-9170-5e4d3c2b1a09", "name": "%s", "created_from": "api",
                 "created_by": "7d1f3c5e-0a2b-4c6d-8e9f-1a2b3c4d5e6f", "created_at": 1765000000, "tokens": null,
                 "indexing_status": "%s", "error": null, "enabled": true, "disabled_at": null, "disabled_by": null,
                 "archived": false, "display_status": "%s", "word_count": null, "hit_count": 0, "doc_form": "text_model",
                 "doc_metadata": [], "summary_index_status": null, "need_summary": false}
                """.formatted(id, name, name, indexingStatus, displayStatus);
    }
}
