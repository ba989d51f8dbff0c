package io.github.difyspring.client.knowledge;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyServerException;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A knowledge base's metadata: its fields (create, list, rename, delete), the built-in fields and
 * their switch, and the documents' values. The answers are written as Dify 1.14.2 (ad96501e)
 * produces them: {@code api/controllers/service_api/dataset/metadata.py} (create answers 201,
 * delete 204, the switch and the values {@code {"result": "success"}}),
 * {@code api/fields/dataset_fields.py} ({@code DatasetMetadataResponse},
 * {@code DatasetMetadataListResponse}, {@code DatasetMetadataBuiltInFieldsResponse}) and
 * {@code api/services/metadata_service.py} (its error messages, and the built-in fields it lists).
 */
class KnowledgeMetadataTest extends KnowledgeWorkspaceTestSupport {

    private static final String METADATA = "/v1/datasets/" + KB_ID + "/metadata";

    private static final String FIELD_ID = "9d8c7b6a-2222-4c3d-8e9f-0a1b2c3d4e5f";

    private static final String DOCUMENT_ID = "d1c2b3a4-8888-4f5e-8d7c-6b5a4f3e2d1c";

    @Test
    void createPostsTypeAndNameAndReadsTheNewField() {
        wireMock.stubFor(post(urlEqualTo(METADATA)).willReturn(json(201, """
                {"id": "9d8c7b6a-2222-4c3d-8e9f-0a1b2c3d4e5f", "type": "number", "name": "year"}
                """)));

        MetadataField field = knowledgeClient().base(KB_ID).metadata().create("year", MetadataType.NUMBER).block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(postRequestedFor(urlEqualTo(METADATA)))
            .withRequestBody(equalToJson("{\"type\": \"number\", \"name\": \"year\"}"))
            .withRequestBody(matchesRequestSchema("POST", "/datasets/{dataset_id}/metadata")));
        assertThat(field).isEqualTo(new MetadataField(FIELD_ID, "year", MetadataType.NUMBER, null));
        assertThat(field.isBuiltIn()).isFalse();
    }

    @Test
    void aNameOfABuiltInFieldIsRefused() {
        wireMock.stubFor(post(urlEqualTo(METADATA)).willReturn(difyError(400, "invalid_param",
                "Metadata name already exists in Built-in fields.")));

        DifyBadRequestException failure = knowledgeFailure(knowledgeClient().base(KB_ID).metadata().create("source", MetadataType.STRING),
                DifyBadRequestException.class);

        assertThat(failure.getCode()).isEqualTo("invalid_param");
        assertThat(failure.getDifyMessage()).isEqualTo("Metadata name already exists in Built-in fields.");
    }

    @Test
    void aCreateIsNotSentAgainAfterAGatewayError() {
        wireMock.stubFor(post(urlEqualTo(METADATA)).willReturn(json(502, "{\"message\": \"bad gateway\"}")));

        knowledgeFailure(knowledgeClient().base(KB_ID).metadata().create("year", MetadataType.NUMBER), DifyServerException.class);

        wireMock.verify(1, postRequestedFor(urlEqualTo(METADATA)));
    }

    @Test
    void listReadsTheFieldsWithTheirCountsAndTheBuiltInSwitch() {
        wireMock.stubFor(get(urlEqualTo(METADATA)).willReturn(json(200, """
                {"doc_metadata": [{"id": "9d8c7b6a-2222-4c3d-8e9f-0a1b2c3d4e5f", "name": "year", "type": "number", "count": 2},
                                  {"id": "8c7b6a5d-3333-4b2c-9d8e-1f0a2b3c4d5e", "name": "product", "type": "string", "count": 0}],
                 "built_in_field_enabled": true}
                """)));

        MetadataFieldList list = knowledgeClient().base(KB_ID).metadata().list().block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo(METADATA))));
        assertThat(list).isNotNull();
        assertThat(list.builtInFieldEnabled()).isTrue();
        assertThat(list.fields()).containsExactly(new MetadataField(FIELD_ID, "year", MetadataType.NUMBER, 2),
                new MetadataField("8c7b6a5d-3333-4b2c-9d8e-1f0a2b3c4d5e", "product", MetadataType.STRING, 0));
    }

    @Test
    void renamePatchesTheNameAndReadsTheField() {
        wireMock.stubFor(patch(urlEqualTo(METADATA + "/" + FIELD_ID)).willReturn(json(200, """
                {"id": "9d8c7b6a-2222-4c3d-8e9f-0a1b2c3d4e5f", "type": "number", "name": "release_year"}
                """)));

        MetadataField renamed = knowledgeClient().base(KB_ID).metadata().rename(FIELD_ID, "release_year").block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(patchRequestedFor(urlEqualTo(METADATA + "/" + FIELD_ID)))
            .withRequestBody(equalToJson("{\"name\": \"release_year\"}"))
            .withRequestBody(matchesRequestSchema("PATCH", "/datasets/{dataset_id}/metadata/{metadata_id}")));
        assertThat(renamed).isEqualTo(new MetadataField(FIELD_ID, "release_year", MetadataType.NUMBER, null));
    }

    @Test
    void renamingAnUnknownFieldIsABadRequestNotANotFound() {
        // The service swallows the missing field and returns None, which dump_response's pydantic model
        // then refuses: a ValueError, so 400 invalid_param with pydantic's text (its details vary by version).
        wireMock.stubFor(patch(urlEqualTo(METADATA + "/" + FIELD_ID)).willReturn(difyError(400, "invalid_param",
                "1 validation error for DatasetMetadataResponse\\n  Input should be a valid dictionary or instance of"
                        + " DatasetMetadataResponse [type=model_type, input_value=None, input_type=NoneType]")));

        DifyBadRequestException failure = knowledgeFailure(knowledgeClient().base(KB_ID).metadata().rename(FIELD_ID, "x"),
                DifyBadRequestException.class);

        assertThat(failure.getDifyMessage()).startsWith("1 validation error for DatasetMetadataResponse");
        assertThat(failure.getOperation()).isEqualTo("PATCH /datasets/{dataset_id}/metadata/{metadata_id}");
    }

    @Test
    void deleteSendsADeleteAndCompletesOnNoContent() {
        wireMock.stubFor(delete(urlEqualTo(METADATA + "/" + FIELD_ID)).willReturn(noContent()));

        knowledgeClient().base(KB_ID).metadata().delete(FIELD_ID).block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(deleteRequestedFor(urlEqualTo(METADATA + "/" + FIELD_ID))));
    }

    @Test
    void builtInFieldsAreReadWithTheirTypes() {
        wireMock.stubFor(get(urlEqualTo(METADATA + "/built-in")).willReturn(json(200, """
                {"fields": [{"name": "document_name", "type": "string"}, {"name": "uploader", "type": "string"},
                            {"name": "upload_date", "type": "time"}, {"name": "last_update_date", "type": "time"},
                            {"name": "source", "type": "string"}]}
                """)));

        List<BuiltInMetadataField> fields = knowledgeClient().base(KB_ID).metadata().builtInFields().block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(getRequestedFor(urlEqualTo(METADATA + "/built-in"))));
        assertThat(fields).containsExactly(new BuiltInMetadataField("document_name", MetadataType.STRING),
                new BuiltInMetadataField("uploader", MetadataType.STRING), new BuiltInMetadataField("upload_date", MetadataType.TIME),
                new BuiltInMetadataField("last_update_date", MetadataType.TIME), new BuiltInMetadataField("source", MetadataType.STRING));
    }

    @Test
    void enableAndDisableBuiltInPostToTheirActionAndAcceptSuccess() {
        wireMock.stubFor(post(urlEqualTo(METADATA + "/built-in/enable")).willReturn(json(200, "{\"result\": \"success\"}")));
        wireMock.stubFor(post(urlEqualTo(METADATA + "/built-in/disable")).willReturn(json(200, "{\"result\": \"success\"}")));

        knowledgeClient().base(KB_ID).metadata().enableBuiltIn().block(TIMEOUT);
        knowledgeClient().base(KB_ID).metadata().disableBuiltIn().block(TIMEOUT);

        wireMock.verify(1, withDatasetKey(postRequestedFor(urlEqualTo(METADATA + "/built-in/enable"))));
        wireMock.verify(1, withDatasetKey(postRequestedFor(urlEqualTo(METADATA + "/built-in/disable"))));
    }

    @Test
    void switchingTheBuiltInFieldsOfAnUnknownKnowledgeBaseIsNotFound() {
        wireMock.stubFor(post(urlEqualTo(METADATA + "/built-in/enable")).willReturn(difyError(404, "not_found", "Dataset not found.")));

        assertThat(knowledgeFailure(knowledgeClient().base(KB_ID).metadata().enableBuiltIn(), DifyNotFoundException.class)
            .getOperation()).isEqualTo("POST /datasets/{dataset_id}/metadata/built-in/{action}");
    }

    @Test
    void updateDocumentValuesSendsEachDocumentWithItsPartialFlag() {
        String path = "/v1/datasets/" + KB_ID + "/documents/metadata";
        wireMock.stubFor(post(urlEqualTo(path)).willReturn(json(200, "{\"result\": \"success\"}")));
        MetadataField year = new MetadataField(FIELD_ID, "year", MetadataType.NUMBER, null);

        knowledgeClient().base(KB_ID).metadata()
            .updateDocumentValues(List.of(
                    DocumentMetadataValues.of(DOCUMENT_ID, MetadataValue.of(year, 2025),
                            new MetadataValue("8c7b6a5d-3333-4b2c-9d8e-1f0a2b3c4d5e", "product", "X200")),
                    DocumentMetadataValues.of("e2d3c4b5-cccc-4a6f-9e8d-7c6b5a4f3e2d", MetadataValue.of(year, null)).partially()))
            .block(TIMEOUT);

        wireMock.verify(1, withDatasetKeyAndJson(postRequestedFor(urlEqualTo(path))).withRequestBody(equalToJson("""
                {"operation_data": [
                  {"document_id": "d1c2b3a4-8888-4f5e-8d7c-6b5a4f3e2d1c",
                   "metadata_list": [{"id": "9d8c7b6a-2222-4c3d-8e9f-0a1b2c3d4e5f", "name": "year", "value": 2025},
                                     {"id": "8c7b6a5d-3333-4b2c-9d8e-1f0a2b3c4d5e", "name": "product", "value": "X200"}],
                   "partial_update": false},
                  {"document_id": "e2d3c4b5-cccc-4a6f-9e8d-7c6b5a4f3e2d",
                   "metadata_list": [{"id": "9d8c7b6a-2222-4c3d-8e9f-0a1b2c3d4e5f", "name": "year", "value": null}],
                   "partial_update": true}]}
                """)).withRequestBody(matchesRequestSchema("POST", "/datasets/{dataset_id}/documents/metadata")));
    }

    @Test
    void anUnknownDocumentIsABadRequest() {
        String path = "/v1/datasets/" + KB_ID + "/documents/metadata";
        wireMock.stubFor(post(urlEqualTo(path)).willReturn(difyError(400, "invalid_param", "Document not found.")));

        DifyBadRequestException failure = knowledgeFailure(knowledgeClient().base(KB_ID).metadata()
            .updateDocumentValues(List.of(DocumentMetadataValues.of(DOCUMENT_ID))), DifyBadRequestException.class);

        assertThat(failure.getDifyMessage()).isEqualTo("Document not found.");
    }

    @Test
    void aDocumentWhoseMetadataIsBeingChangedIsABadRequest() {
        String path = "/v1/datasets/" + KB_ID + "/documents/metadata";
        wireMock.stubFor(post(urlEqualTo(path)).willReturn(difyError(400, "invalid_param",
                "Another document metadata operation is running, please wait a moment.")));

        DifyBadRequestException failure = knowledgeFailure(knowledgeClient().base(KB_ID).metadata()
            .updateDocumentValues(List.of(DocumentMetadataValues.of(DOCUMENT_ID))), DifyBadRequestException.class);

        assertThat(failure.getCode()).isEqualTo("invalid_param");
        assertThat(failure.getDifyMessage()).isEqualTo("Another document metadata operation is running, please wait a moment.");
    }

    @Test
    void aMetadataValueIsAStringANumberOrNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MetadataValue(FIELD_ID, "year", List.of(2025)));
        assertThat(new MetadataValue(FIELD_ID, "year", 2.5).toWire()).containsEntry("value", 2.5);
    }
}
