package io.github.difyspring.client.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyServerException;
import io.github.difyspring.client.file.FileReadException;
import io.github.difyspring.client.file.FileUpload;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PipelineFiles.upload}: the multipart request and the answer, as Dify 1.14.2 (ad96501e)
 * answers {@code POST /datasets/pipeline/file-upload}: {@code KnowledgebasePipelineFileUploadApi} of
 * api/controllers/service_api/dataset/rag_pipeline/rag_pipeline_workflow.py, {@code serialize_upload_file}
 * of api/controllers/service_api/dataset/rag_pipeline/serializers.py (created_at is
 * {@code isoformat()} of a naive UTC time, api/services/file_service.py), and the error bodies of
 * api/libs/external_api.py (a service {@code FileTooLargeError} or {@code UnsupportedFileTypeError}
 * is a ValueError: 400 invalid_param, message "").
 */
class PipelineFilesTest extends PipelineClientSupport {

    private static final String UPLOAD = "/v1/datasets/pipeline/file-upload";

    /** serialize_upload_file's dict, through Flask's JSON with status 201. */
    private static final String UPLOADED = "{\"id\": \"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\", \"name\": \"guide.pdf\", \"size\": 3145745, "
            + "\"extension\": \"pdf\", \"mime_type\": \"application/pdf\", \"created_by\": \"1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9\", "
            + "\"created_at\": \"2026-06-16T09:30:15.482913\"}";

    @TempDir
    Path dir;

    @Test
    void uploadStreamsTheFileAsItsOnlyPartWithItsNameAndType() throws IOException {
        byte[] pdf = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(pdf);
        Path file = Files.write(this.dir.resolve("guide.pdf"), pdf);
        wireMock.stubFor(post(urlEqualTo(UPLOAD)).willReturn(json(201, UPLOADED)));

        knowledgeClient().pipelineFiles().upload(FileUpload.of(file)).block(TIMEOUT);

        wireMock.verify(1, upload().withRequestBodyPart(aMultipart("file")
            .withHeader("Content-Disposition", containing("filename=\"guide.pdf\""))
            .withHeader("Content-Type", equalTo("application/pdf"))
            .withBody(binaryEqualTo(pdf))
            .build()));
        String body = new String(onlyRequest().getBody(), StandardCharsets.ISO_8859_1);
        assertThat(body).as("one part only: Dify answers 400 too_many_files to more").containsOnlyOnce("Content-Disposition");
        assertThat(body).doesNotContain("name=\"user\"");
    }

    @Test
    void uploadReadsTheAnswerWithItsIsoCreationTime() {
        wireMock.stubFor(post(urlEqualTo(UPLOAD)).willReturn(json(201, UPLOADED)));

        PipelineFile uploaded = knowledgeClient().pipelineFiles()
            .upload(FileUpload.of("x".getBytes(StandardCharsets.UTF_8), "guide.pdf", MediaType.APPLICATION_PDF))
            .block(TIMEOUT);

        assertThat(uploaded).isNotNull();
        assertThat(uploaded.id()).isEqualTo("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
        assertThat(uploaded.name()).isEqualTo("guide.pdf");
        assertThat(uploaded.size()).isEqualTo(3145745L);
        assertThat(uploaded.extension()).isEqualTo("pdf");
        assertThat(uploaded.mimeType()).isEqualTo("application/pdf");
        assertThat(uploaded.createdBy()).isEqualTo("1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9");
        assertThat(uploaded.createdAt()).isEqualTo("2026-06-16T09:30:15.482913");
        assertThat(uploaded.createdInstant()).isEqualTo(Instant.parse("2026-06-16T09:30:15.482913Z"));
        assertThat(DatasourceInfo.localFile(uploaded).fields())
            .containsExactly(entry("reference", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"), entry("name", "guide.pdf"));
    }

    @Test
    void creationTimeWithoutMicrosecondsOrWithAnOffsetOrMissingStillReads() {
        assertThat(new PipelineFile("f", "a.txt", 1, "txt", null, null, "2026-06-16T09:30:15").createdInstant())
            .isEqualTo(Instant.parse("2026-06-16T09:30:15Z"));
        assertThat(new PipelineFile("f", "a.txt", 1, "txt", null, null, "2026-06-16T11:30:15+02:00").createdInstant())
            .isEqualTo(Instant.parse("2026-06-16T09:30:15Z"));
        assertThat(new PipelineFile("f", "a.txt", 1, "txt", null, null, null).createdInstant()).isNull();
        assertThat(new PipelineFile("f", "a.txt", 1, "txt", null, null, "yesterday").createdInstant()).isNull();
    }

    @Test
    void aFileTooLargeIsABadRequestWithAnEmptyMessageNotA413() {
        wireMock.stubFor(post(urlEqualTo(UPLOAD)).willReturn(json(400, errorBody("invalid_param", "", 400))));

        DifyBadRequestException error = failure(knowledgeClient().pipelineFiles()
            .upload(FileUpload.of(new byte[] { 1, 2 }, "huge.pdf")), DifyBadRequestException.class);

        assertThat(error.getStatusCode().value()).isEqualTo(400);
        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(error.getDifyMessage()).isEmpty();
    }

    @Test
    void aMissingFilePartIsNamedByDify() {
        wireMock.stubFor(post(urlEqualTo(UPLOAD))
            .willReturn(json(400, errorBody("no_file_uploaded", "Please upload your file.", 400))));

        DifyBadRequestException error = failure(knowledgeClient().pipelineFiles()
            .upload(FileUpload.of(new byte[] { 1 }, "a.txt")), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("no_file_uploaded");
        assertThat(error.getDifyMessage()).isEqualTo("Please upload your file.");
    }

    @Test
    void anUploadIsNotSentAgainAfterAGatewayError() {
        wireMock.stubFor(post(urlEqualTo(UPLOAD)).willReturn(json(502, "{}")));

        failure(knowledgeClient().pipelineFiles().upload(FileUpload.of(new byte[] { 1 }, "a.txt")), DifyServerException.class);

        wireMock.verify(1, postRequestedFor(urlEqualTo(UPLOAD)));
    }

    @Test
    void aFileThatCannotBeReadFailsAsSuch() {
        wireMock.stubFor(post(urlEqualTo(UPLOAD)).willReturn(json(201, UPLOADED)));

        failure(knowledgeClient().pipelineFiles().upload(FileUpload.of(this.dir.resolve("missing.pdf"))), FileReadException.class);
    }

    private static RequestPatternBuilder upload() {
        return withApiKey(postRequestedFor(urlEqualTo(UPLOAD))).withHeader("Content-Type", containing("multipart/form-data"));
    }

    private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
        return java.util.Map.entry(key, value);
    }
}
